import type { CredentialWarning, WarningSeverity } from "@/lib/domain/registry/credential-warnings";

const TONES: Record<string, string> = {
  active: "bg-emerald-100 text-emerald-800",
  suspended: "bg-amber-100 text-amber-800",
  decommissioned: "bg-slate-200 text-slate-700",
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${TONES[status] ?? "bg-slate-100"}`}>{status}</span>;
}

const WARNING_TONES: Record<Exclude<WarningSeverity, "info">, string> = {
  critical: "bg-red-700 text-white",
  high: "bg-red-50 text-red-900 ring-1 ring-inset ring-red-400",
  warning: "bg-amber-100 text-amber-900",
};
// Said to screen readers too: the colour alone must not carry how serious a warning is.
const SEVERITY_WORDS: Record<Exclude<WarningSeverity, "info">, string> = {
  critical: "Critical",
  high: "Risk",
  warning: "Warning",
};

/**
 * An identity's credential warnings (from `credentialWarnings`), strongest first, as badges; the neutral
 * facts among them ("no use recorded") as plain text, so they never look like something to fix.
 */
export function CredentialWarnings({ warnings, className = "" }: { warnings: CredentialWarning[]; className?: string }) {
  if (warnings.length === 0) return null;
  return (
    <ul className={`flex flex-wrap gap-1 ${className}`} aria-label="Credential warnings" data-testid="credential-warnings">
      {warnings.map((w) =>
        w.severity === "info" ? (
          <li key={w.code} className="basis-full text-xs text-slate-600" data-severity="info">
            {w.text}
          </li>
        ) : (
          <li key={w.code} className={`rounded px-1.5 py-0.5 text-xs font-medium ${WARNING_TONES[w.severity]}`} data-severity={w.severity}>
            <span className="sr-only">{SEVERITY_WORDS[w.severity]}: </span>
            {w.text}
          </li>
        ),
      )}
    </ul>
  );
}
