"use client";

import type { ComponentProps, ReactNode } from "react";
import { useFieldControl } from "./field";

// One look for every text control; an invalid one (aria-invalid, set by Field) gets a red border.
const CONTROL =
  "rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 " +
  "focus:border-slate-700 focus:outline-none focus:ring-2 focus:ring-slate-400 disabled:bg-slate-100 aria-[invalid=true]:border-red-600";

export function Input({ className = "", ...props }: ComponentProps<"input">) {
  return <input {...useFieldControl()} {...props} className={`${CONTROL} h-9 ${className}`} />;
}

export function Select({ className = "", ...props }: ComponentProps<"select">) {
  // max-w-full: a long option must not widen its field past a phone's screen.
  return <select {...useFieldControl()} {...props} className={`${CONTROL} h-9 max-w-full ${className}`} />;
}

export function Textarea({ className = "", ...props }: ComponentProps<"textarea">) {
  return <textarea {...useFieldControl()} {...props} className={`${CONTROL} ${className}`} />;
}

/** A checkbox with its label after it (the label is its accessible name). */
export function Checkbox({ label, className = "", ...props }: Omit<ComponentProps<"input">, "type"> & { label: ReactNode }) {
  return (
    <label className={`flex items-center gap-1.5 text-sm text-slate-800 ${className}`}>
      <input type="checkbox" {...props} className="h-4 w-4 accent-slate-900" />
      {label}
    </label>
  );
}
