import type { CredentialType, IdentityStatus } from "./vocabulary";

// The one place that judges an identity's credential: the list, the identity page and anything else that
// warns about a credential call this, so a badge never says one thing on one screen and another elsewhere.

/** Rotate long-lived secrets at least this often (CIS AWS 1.14 and most secret policies say 90 days). */
export const ROTATION_MAX_AGE_DAYS = 90;
/** Unused this long, a credential is dormant: a candidate to revoke (CIS AWS 1.12 says 45; 90 is the common review window). */
export const UNUSED_MAX_DAYS = 90;

/**
 * Tokens the platform issues and expires by itself minutes or hours after use (workload identity
 * federation, Kubernetes projected tokens, GitHub App installation tokens, which the import records as
 * short-lived): nobody rotates them and a missing expiry date is not a risk.
 */
const SELF_EXPIRING = ["federated", "short_lived_token"] as const;
type SelfExpiring = (typeof SELF_EXPIRING)[number];
const expiresByItself = (type: CredentialType): type is SelfExpiring => (SELF_EXPIRING as readonly string[]).includes(type);

/** Long-lived secrets that a person or a pipeline must rotate (a certificate is renewed by its expiry instead). */
const MUST_ROTATE: ReadonlySet<CredentialType> = new Set(["static_secret", "oauth_client"]);

const NEVER_EXPIRING: Record<Exclude<CredentialType, SelfExpiring>, string> = {
  static_secret: "a static secret that never expires",
  oauth_client: "an OAuth client secret that never expires",
  certificate: "a certificate with no expiry date recorded",
};

/** critical: act now; high: a standing risk; warning: overdue hygiene; info: a neutral fact, not a warning. */
export type WarningSeverity = "critical" | "high" | "warning" | "info";
export type CredentialWarningCode =
  "expired" | "no-expiry" | "not-rotated" | "unused" | "no-use-recorded" | "self-expiring" | "type-unknown";
export type CredentialWarning = { code: CredentialWarningCode; severity: WarningSeverity; text: string };

/** What the judgement needs; dates as ISO 8601 strings (as in the DTOs) or Dates. */
export type CredentialFacts = {
  status: IdentityStatus;
  credentialType: CredentialType | null;
  credentialIssuedAt: string | Date | null;
  credentialRotatedAt: string | Date | null;
  credentialExpiresAt: string | Date | null;
  lastUsedAt: string | Date | null;
};

const DAY_MS = 86_400_000;
const SEVERITY_ORDER: Record<WarningSeverity, number> = { critical: 0, high: 1, warning: 2, info: 3 };

const time = (at: string | Date | null) => (at === null ? null : new Date(at).getTime());
const daysSince = (at: number, now: Date) => Math.floor((now.getTime() - at) / DAY_MS);
const days = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "day" : "days"}`;

/**
 * The warnings about an identity's credential at `now`, strongest first. A decommissioned identity gets
 * none (its credential is being retired); a suspended one keeps the standing risks (no expiry, overdue
 * rotation) but not "expired" or "unused", which are what suspension is expected to look like. Without a
 * credential type nothing is said about expiry or rotation: it may be one that expires by itself.
 */
export function credentialWarnings(facts: CredentialFacts, now: Date): CredentialWarning[] {
  if (facts.status === "decommissioned") return [];
  const active = facts.status === "active";
  const type = facts.credentialType;
  const expiresAt = time(facts.credentialExpiresAt);
  const warnings: CredentialWarning[] = [];

  if (!type) {
    warnings.push({ code: "type-unknown", severity: "info", text: "credential type unknown: expiry and rotation not judged" });
  } else if (expiresByItself(type)) {
    warnings.push({ code: "self-expiring", severity: "info", text: "expires by itself: nothing to rotate" });
  } else {
    if (expiresAt === null) {
      warnings.push({ code: "no-expiry", severity: "high", text: `no expiry: ${NEVER_EXPIRING[type]}` });
    } else if (active && expiresAt <= now.getTime()) {
      const ago = daysSince(expiresAt, now);
      const when = ago === 0 ? "today" : `${days(ago)} ago`;
      warnings.push({ code: "expired", severity: "critical", text: `expired ${when}, on an active identity` });
    }
    const lastRotation = time(facts.credentialRotatedAt) ?? time(facts.credentialIssuedAt);
    if (MUST_ROTATE.has(type) && lastRotation !== null && daysSince(lastRotation, now) > ROTATION_MAX_AGE_DAYS) {
      const age = days(daysSince(lastRotation, now));
      warnings.push({
        code: "not-rotated",
        severity: "warning",
        text: facts.credentialRotatedAt ? `not rotated for ${age}` : `never rotated, issued ${age} ago`,
      });
    }
  }

  const lastUsed = time(facts.lastUsedAt);
  if (lastUsed === null) {
    // The registry cannot yet tell "the source says never used" from "the source does not report use".
    warnings.push({ code: "no-use-recorded", severity: "info", text: "no use recorded" });
  } else if (active && daysSince(lastUsed, now) > UNUSED_MAX_DAYS) {
    warnings.push({ code: "unused", severity: "warning", text: `unused for ${days(daysSince(lastUsed, now))}` });
  }

  return warnings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
