"use client";

import { useState } from "react";

/** Copies `text` to the clipboard and says so (for long values shown shortened, such as a file hash). */
export function CopyText({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <>
      <button
        type="button"
        className="rounded border border-slate-400 bg-white px-1.5 py-0.5 text-xs font-medium text-slate-900 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500"
        aria-label={label}
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setCopied("yes"),
            () => setCopied("no"),
          )
        }
      >
        {copied === "yes" ? "Copied" : copied === "no" ? "Copy failed" : "Copy"}
      </button>
      <span className="sr-only" role="status">
        {copied === "yes" ? "Copied to the clipboard" : copied === "no" ? "Could not copy: select the text instead" : ""}
      </span>
    </>
  );
}
