import {
  type IdentityFacts,
  type IdentityWarning,
  identityWarnings,
  type WarningSeverity,
} from "@/lib/domain/registry/credential-warnings";

const TONES: Record<WarningSeverity, string> = {
  critical: "bg-red-700 text-white",
  high: "bg-red-50 text-red-900 ring-1 ring-inset ring-red-400",
  warning: "bg-amber-100 text-amber-900",
  info: "bg-slate-100 text-slate-800",
};
// Said to screen readers too: the colour alone must not carry how serious a finding is.
const SEVERITY_WORDS: Record<WarningSeverity, string> = { critical: "Critical", high: "Risk", warning: "Warning", info: "Note" };

function Badge({ warning, title }: { warning: IdentityWarning; title?: string }) {
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${TONES[warning.severity]}`}
      data-severity={warning.severity}
      data-code={warning.code}
      title={title}
    >
      <span className="sr-only">{SEVERITY_WORDS[warning.severity]}: </span>
      {warning.text}
    </span>
  );
}

/** What the credentials panel states on the identity page, where it can be acted on. */
const ON_CREDENTIALS_PANEL: ReadonlySet<string> = new Set(["oldest-credential-age", "several-active"]);

/**
 * The findings the badges show. Compact (the list): every warning, no neutral facts, never the oldest
 * credential's age. Detailed (the identity page): neutral facts too, but not what its credentials panel says.
 */
export const identityFindings = (identity: IdentityFacts, now: Date, detailed = false) =>
  identityWarnings(identity, now).filter((w) =>
    detailed ? !ON_CREDENTIALS_PANEL.has(w.code) : w.code !== "oldest-credential-age" && w.severity !== "info",
  );

/**
 * What is wrong with an identity as a whole (credential-warnings.ts decides): the source's findings, human
 * use, several active credentials, gone from its source, a departed owner. Compact for the list: badges
 * only, the reason on hover; neutral facts left out. `detailed` (the identity page): each badge with its
 * reason as text, neutral facts included. A never-expiring secret is a credential warning
 * (`CredentialWarnings`), shown beside these in the list's credential column.
 */
export function IdentityBadges({
  identity,
  now,
  detailed = false,
  className = "",
}: {
  identity: IdentityFacts;
  now: Date;
  detailed?: boolean;
  className?: string;
}) {
  const warnings = identityFindings(identity, now, detailed);
  if (warnings.length === 0) return null;
  if (!detailed)
    return (
      <ul className={`flex flex-wrap gap-1 ${className}`} aria-label="Findings" data-testid="identity-badges">
        {warnings.map((w) => (
          <li key={w.code}>
            <Badge warning={w} title={w.why} />
          </li>
        ))}
      </ul>
    );
  return (
    <ul className={`flex flex-col gap-2 ${className}`} aria-label="Findings" data-testid="identity-findings">
      {warnings.map((w) => (
        <li key={w.code} className="text-sm">
          <Badge warning={w} />
          <span className="ml-2 text-slate-700">{w.why}</span>
        </li>
      ))}
    </ul>
  );
}
