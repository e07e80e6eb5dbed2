"use client";

import { createContext, useContext, useId, type ReactNode } from "react";

type FieldControl = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

const FieldContext = createContext<FieldControl | null>(null);

/** The ids and states a control inside a `Field` takes, so its label, hint and error are announced with it. */
export const useFieldControl = () => useContext(FieldContext);

/**
 * A labelled control with an optional hint and the server's error for it. The hint and the error sit outside
 * the label (so the control's accessible name stays just the label) and are linked by aria-describedby.
 */
export function Field({
  label,
  hint,
  error,
  className = "",
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: readonly string[];
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex min-w-0 max-w-full flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <FieldContext.Provider value={{ id, "aria-describedby": describedBy, "aria-invalid": errorId ? true : undefined }}>
        {children}
      </FieldContext.Provider>
      {hint && (
        <span id={hintId} className="text-xs text-slate-600">
          {hint}
        </span>
      )}
      {errorId && (
        <span id={errorId} className="text-xs font-medium text-red-700">
          {error?.join(", ")}
        </span>
      )}
    </div>
  );
}

/** A group of checkboxes or radios under one legend, with the server's error for the group. */
export function Fieldset({
  legend,
  error,
  className = "",
  children,
}: {
  legend: ReactNode;
  error?: readonly string[];
  className?: string;
  children: ReactNode;
}) {
  const errorId = `${useId()}-error`;
  const invalid = !!error?.length;
  return (
    <fieldset aria-describedby={invalid ? errorId : undefined} className={`flex flex-col gap-1 ${className}`}>
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1 pt-1">{children}</div>
      {invalid && (
        <span id={errorId} className="text-xs font-medium text-red-700">
          {error?.join(", ")}
        </span>
      )}
    </fieldset>
  );
}
