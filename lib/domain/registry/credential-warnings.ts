import type { Usage } from "./credentials/credential-input";
import { FLAGS, isFlag } from "./identity-flags";
import type { CredentialType, IdentityStatus } from "./vocabulary";

// The one place that judges credentials and the identities holding them: the list, the identity page and
// anything else that warns call these, so a badge never says one thing on one screen and another elsewhere.
// Pure: facts and `now` in, warnings out (no database, no clock of its own).

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
export const expiresByItself = (type: CredentialType): type is SelfExpiring => (SELF_EXPIRING as readonly string[]).includes(type);

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
  "expired" | "no-expiry" | "not-rotated" | "unused" | "never-used" | "use-not-reported" | "self-expiring" | "type-unknown" | "inactive";
export type CredentialWarning = { code: CredentialWarningCode; severity: WarningSeverity; text: string };

type When = string | Date | null;

/** One credential, as recorded (a Credential row or its DTO); dates as ISO 8601 strings or Dates. */
export type CredentialRecordFacts = {
  type: CredentialType;
  /** active, or inactive (disabled at its source or by a person). */
  status: "active" | "inactive";
  issuedAt: When;
  rotatedAt: When;
  expiresAt: When;
  lastUsedAt: When;
  /** known (a use is recorded), never (the source says so), unknown (the source does not report use). */
  usage: Usage;
};

const DAY_MS = 86_400_000;
const SEVERITY_ORDER: Record<WarningSeverity, number> = { critical: 0, high: 1, warning: 2, info: 3 };

const time = (at: When | undefined) => (at == null ? null : new Date(at).getTime());
const daysSince = (at: number, now: Date) => Math.floor((now.getTime() - at) / DAY_MS);
const days = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "day" : "days"}`;
const strongestFirst = <W extends { severity: WarningSeverity }>(warnings: W[]) =>
  warnings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);

/** The usage as stored, or as it follows from the dates when a caller does not know it (a last use makes it known). */
const usageFrom = (usage: Usage | undefined, lastUsedAt: When): Usage => usage ?? (lastUsedAt ? "known" : "unknown");

/**
 * The warnings about one credential at `now`, strongest first, on an identity of `identityStatus`.
 *
 * - A decommissioned identity's credentials get none (they are being retired); an inactive credential only
 *   says so (it no longer opens anything).
 * - A credential that expires by itself (federated, short-lived token) is never told to rotate or to get an
 *   expiry; a static secret or OAuth client secret without expiry is a strong warning.
 * - On a suspended identity the standing risks stay (no expiry, overdue rotation) but not "expired" or
 *   "unused", which are what suspension is expected to look like.
 * - Use is judged only from what the source says: "unused for N days" when a use is known, "never used"
 *   only when the source says never, and "use not reported by this source" (neutral) otherwise.
 */
export function judgeCredential(c: CredentialRecordFacts, now: Date, identityStatus: IdentityStatus = "active"): CredentialWarning[] {
  if (identityStatus === "decommissioned") return [];
  if (c.status === "inactive") return [{ code: "inactive", severity: "info", text: "inactive: it no longer grants access" }];
  const active = identityStatus === "active";
  const warnings: CredentialWarning[] = [];
  const expiresAt = time(c.expiresAt);
  const issuedAt = time(c.issuedAt);

  if (expiresByItself(c.type)) {
    warnings.push({ code: "self-expiring", severity: "info", text: "expires by itself: nothing to rotate" });
  } else {
    if (expiresAt === null) {
      warnings.push({ code: "no-expiry", severity: "high", text: `no expiry: ${NEVER_EXPIRING[c.type]}` });
    } else if (active && expiresAt <= now.getTime()) {
      const ago = daysSince(expiresAt, now);
      const when = ago === 0 ? "today" : `${days(ago)} ago`;
      warnings.push({ code: "expired", severity: "critical", text: `expired ${when}, on an active identity` });
    }
    const lastRotation = time(c.rotatedAt) ?? issuedAt;
    if (MUST_ROTATE.has(c.type) && lastRotation !== null && daysSince(lastRotation, now) > ROTATION_MAX_AGE_DAYS) {
      const age = days(daysSince(lastRotation, now));
      warnings.push({
        code: "not-rotated",
        severity: "warning",
        text: c.rotatedAt ? `not rotated for ${age}` : `never rotated, issued ${age} ago`,
      });
    }
  }

  const usage = usageFrom(c.usage, c.lastUsedAt);
  const lastUsed = time(c.lastUsedAt);
  if (usage === "known" && lastUsed !== null) {
    if (active && daysSince(lastUsed, now) > UNUSED_MAX_DAYS)
      warnings.push({ code: "unused", severity: "warning", text: `unused for ${days(daysSince(lastUsed, now))}` });
  } else if (usage === "never") {
    // The source says it was never used: a credential nobody needs, unless it is brand new.
    const age = issuedAt === null ? null : daysSince(issuedAt, now);
    if (age !== null && age <= UNUSED_MAX_DAYS) {
      warnings.push({ code: "never-used", severity: "info", text: `not used yet (issued ${age === 0 ? "today" : `${days(age)} ago`})` });
    } else {
      warnings.push({
        code: "never-used",
        severity: active ? "warning" : "info",
        text: age === null ? "never used" : `never used, issued ${days(age)} ago`,
      });
    }
  } else {
    warnings.push({ code: "use-not-reported", severity: "info", text: "use not reported by this source" });
  }

  return strongestFirst(warnings);
}

/** An identity's credential summary (IdentitySummaryDto's columns): what the list judges. */
export type CredentialFacts = {
  status: IdentityStatus;
  credentialType: CredentialType | null;
  credentialIssuedAt: When;
  credentialRotatedAt: When;
  credentialExpiresAt: When;
  lastUsedAt: When;
  /** Left out, it follows lastUsedAt (known when a use is recorded, unknown otherwise). */
  usage?: Usage;
  /** An active static secret or OAuth client secret has no expiry (any of them, not only the oldest). */
  neverExpires?: boolean;
  /** How many credentials are active; 0 while a type is recorded means every credential is inactive. */
  activeCredentials?: number;
};

/**
 * The warnings about an identity's credentials from its summary (the list, where only the summary is
 * loaded): the oldest active credential judged as above, with the summary's soonest expiry and latest use.
 * `neverExpires` catches a never-expiring secret that is not the oldest credential. Without a credential
 * type nothing is said about expiry or rotation: it may be one that expires by itself.
 */
export function credentialWarnings(facts: CredentialFacts, now: Date): CredentialWarning[] {
  if (facts.status === "decommissioned") return [];
  const type = facts.credentialType;
  if (!type) {
    return [{ code: "type-unknown", severity: "info", text: "credential type unknown: expiry and rotation not judged" }];
  }
  if (facts.activeCredentials === 0) return [{ code: "inactive", severity: "info", text: "no active credential" }];
  const warnings = judgeCredential(
    {
      type,
      status: "active",
      issuedAt: facts.credentialIssuedAt,
      rotatedAt: facts.credentialRotatedAt,
      expiresAt: facts.credentialExpiresAt,
      lastUsedAt: facts.lastUsedAt,
      usage: usageFrom(facts.usage, facts.lastUsedAt),
    },
    now,
    facts.status,
  );
  if (facts.neverExpires === undefined || !MUST_ROTATE.has(type)) {
    if (facts.neverExpires && !warnings.some((w) => w.code === "no-expiry"))
      warnings.push({ code: "no-expiry", severity: "high", text: "no expiry: an active secret never expires" });
    return strongestFirst(warnings);
  }
  // The summary's expiry is the soonest of all active credentials: for a secret type, trust `neverExpires`.
  const judged = warnings.filter((w) => w.code !== "no-expiry");
  if (facts.neverExpires)
    judged.push({ code: "no-expiry", severity: "high", text: `no expiry: ${NEVER_EXPIRING[type as "static_secret" | "oauth_client"]}` });
  return strongestFirst(judged);
}

// ---------------------------------------------------------------------------------------------------------
// The identity as a whole: what no single credential shows.

export type IdentityWarningCode =
  | "several-active"
  | "human-use"
  | "departed-owner"
  | "departed-backup-owner"
  | "gone-from-source"
  | "oldest-credential-age"
  | `flag:${string}`;
/** `why`: the longer reason, shown as text on the identity page and as a tooltip in the list. */
export type IdentityWarning = { code: IdentityWarningCode; severity: WarningSeverity; text: string; why: string };

export type IdentityFacts = {
  status: IdentityStatus;
  activeCredentials: number;
  /** When the oldest active credential was issued or last rotated. */
  oldestCredentialAt: When;
  humanUse: boolean;
  flags: readonly string[];
  source: string | null;
  goneFromSourceAt: When;
  owner: { active: boolean } | null;
  backupOwner: { active: boolean } | null;
};

/**
 * The warnings about an identity as a whole at `now`, strongest first: its source's findings (flags), a
 * person using it, an owner who has left, its source no longer listing it, several active credentials at
 * once, and (as a neutral fact) how old its oldest active credential is. A decommissioned identity keeps
 * only the facts (flags and human use stay true of its past; nothing is asked of it).
 */
export function identityWarnings(facts: IdentityFacts, now: Date): IdentityWarning[] {
  const retired = facts.status === "decommissioned";
  const soften = (severity: WarningSeverity): WarningSeverity => (retired ? "info" : severity);
  const warnings: IdentityWarning[] = [];

  for (const flag of facts.flags) {
    if (!isFlag(flag)) continue;
    const { label, severity, why } = FLAGS[flag];
    warnings.push({ code: `flag:${flag}`, severity: soften(severity), text: label, why });
  }
  if (facts.humanUse)
    warnings.push({
      code: "human-use",
      severity: soften("high"),
      text: "used by a person",
      why: "a person signs in with or handles this non-human identity's credentials: give them their own account and keep this one for machines",
    });
  if (facts.owner && !facts.owner.active)
    warnings.push({
      code: "departed-owner",
      severity: soften("high"),
      text: "owner has left",
      why: "its owner's account is deactivated: nobody answers for it until it is handed to someone who is here",
    });
  if (facts.backupOwner && !facts.backupOwner.active)
    warnings.push({
      code: "departed-backup-owner",
      severity: soften("warning"),
      text: "backup owner has left",
      why: "its backup owner's account is deactivated: choose another backup owner",
    });
  const gone = time(facts.goneFromSourceAt);
  if (gone !== null) {
    const ago = daysSince(gone, now);
    warnings.push({
      code: "gone-from-source",
      severity: soften("warning"),
      text: "gone from its source",
      why: `${facts.source ?? "its source"} no longer lists it (noticed ${ago === 0 ? "today" : `${days(ago)} ago`}): if it was deleted there, decommission it here; if not, find out where it went`,
    });
  }
  if (facts.activeCredentials >= 2 && !retired)
    warnings.push({
      code: "several-active",
      severity: "warning",
      text: `${facts.activeCredentials} active credentials`,
      why: "more than one credential opens it at the same time: usually a rotation left half done, so the old one still works. Deactivate the one no longer in use",
    });
  const oldest = time(facts.oldestCredentialAt);
  if (oldest !== null && facts.activeCredentials > 0) {
    const age = daysSince(oldest, now);
    warnings.push({
      code: "oldest-credential-age",
      severity: "info",
      text: `oldest active credential ${age === 0 ? "from today" : `${days(age)} old`}`,
      why: "counted from its last rotation, or its issue when never rotated",
    });
  }
  return strongestFirst(warnings);
}
