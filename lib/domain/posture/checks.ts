import { Prisma } from "@/lib/db/generated/client";
import type { FrameworkId, Severity } from "./frameworks";

// The posture checks as policy-as-code: each one a declarative definition (what it looks for, why, how serious,
// the controls it evidences in every framework) with a predicate the database evaluates over "Identity" i, set-based,
// for all identities or a handful. Thresholds come from the posture policy (PosturePolicy, edited by admins).
// A check's position in CHECKS is its bit in IdentityPosture.openChecks: append new checks, never reorder.
// The mapping follows ../shared/frameworks.md; tests/posture-checks.test.ts holds every id to frameworks.ts.

export const CHECKS_VERSION = "2026-11-25.1";

/** The posture policy's thresholds (days), as the evaluation reads them. */
export type PostureThresholds = {
  rotationMaxDays: number;
  unusedMaxDays: number;
  lifetimeMaxDays: number;
  expiringWithinDays: number;
  reviewMaxDays: number;
  newIdentityGraceDays: number;
};

export type CheckContext = { now: Date; policy: PostureThresholds };

export type CheckDefinition = {
  id: string;
  title: string;
  rationale: string;
  /**
   * The default severity: the severity OWASP's own rating gives the first OWASP risk it evidences (frameworks.ts,
   * owaspSeverity; tests/posture-checks.test.ts holds them equal), or a judgement where it evidences none.
   */
  severity: Severity;
  /** Controls per framework; `other` holds ISO 27001 and SOC 2 references (unconfirmed titles). */
  controls: Partial<Record<FrameworkId, string[]>> & { other?: string[] };
  /** Which posture-policy thresholds it reads (shown beside it, editable by admins). */
  thresholds: (keyof PostureThresholds)[];
  /** The condition on "Identity" i (only active identities are judged). */
  where: (ctx: CheckContext) => Prisma.Sql;
  /** Stable facts for the finding (dates, counts), a jsonb expression over i. */
  evidence: (ctx: CheckContext) => Prisma.Sql;
};

const days = (n: number) => Prisma.sql`(${n} * interval '1 day')`;
/** Past the new-identity grace period: an identity made last week is not "unused" yet. */
const settled = ({ now, policy }: CheckContext) => Prisma.sql`i."createdAt" <= ${now}::timestamptz - ${days(policy.newIdentityGraceDays)}`;
/** A credential type (of Credential c) that is rotated by hand. */
const ROTATABLE = Prisma.sql`c.type IN ('static_secret', 'oauth_client', 'certificate')`;
/** Platforms that offer workload identity federation instead of a stored secret. */
const FEDERATING_PLATFORMS = ["aws", "gcp", "azure", "github", "kubernetes", "gitlab"];
const privilegedScope = Prisma.sql`EXISTS (SELECT 1 FROM "Entitlement" e WHERE e."identityId" = i.id AND e."level" IN ('admin', 'write')
  AND COALESCE(e."environment", i."environment") = 'production')`;

export const CHECKS: readonly CheckDefinition[] = [
  {
    id: "ownerless",
    title: "No owner",
    rationale: "Nobody answers for it: nobody reviews it, rotates it or retires it when its service goes.",
    severity: "critical",
    controls: {
      "owasp-nhi": ["NHI1"],
      "nist-csf-2": ["GV.RR-02", "PR.AA-01", "ID.AM-02"],
      "nist-800-53": ["AC-2", "AC-2(3)", "IA-4"],
      other: ["A.5.16", "CC6.2"],
    },
    thresholds: [],
    where: () => Prisma.sql`i."ownerId" IS NULL`,
    evidence: () => Prisma.sql`jsonb_build_object('backupOwnerId', i."backupOwnerId")`,
  },
  {
    id: "departed-owner",
    title: "Owner or backup owner has left",
    rationale: "An owner who left cannot answer for it; leavers' identities are the classic orphan.",
    severity: "critical",
    controls: {
      "owasp-nhi": ["NHI1"],
      "nist-csf-2": ["PR.AA-05", "GV.RR-04"],
      "nist-800-53": ["AC-2", "PS-4"],
      other: ["A.5.18", "CC6.2"],
    },
    thresholds: [],
    where: () => Prisma.sql`EXISTS (SELECT 1 FROM "User" u WHERE u.id IN (i."ownerId", i."backupOwnerId") AND u.status = 'deactivated')`,
    evidence: () => Prisma.sql`jsonb_build_object('departed',
      (SELECT jsonb_agg(u.email ORDER BY u.email) FROM "User" u WHERE u.id IN (i."ownerId", i."backupOwnerId") AND u.status = 'deactivated'))`,
  },
  {
    id: "expired-but-active",
    title: "Credential expired, identity still active",
    rationale: "An expired credential on an active identity is either dead weight or about to be renewed by hand, unreviewed.",
    severity: "high",
    controls: { "owasp-nhi": ["NHI7", "NHI1"], "nist-csf-2": ["PR.AA-01"], "nist-800-53": ["AC-2(3)", "IA-5"], other: ["A.5.17"] },
    thresholds: [],
    // An active credential that expired; or, with none active, the summary's expiry (an inactive one's). Not the
    // summary's expiry beside an active credential: it falls back to an inactive one's when no active one expires.
    where: ({ now }) => Prisma.sql`(EXISTS (SELECT 1 FROM "Credential" c WHERE c."identityId" = i.id AND c.status = 'active'
      AND c."expiresAt" < ${now}::timestamptz) OR (i."activeCredentials" = 0 AND i."credentialExpiresAt" < ${now}::timestamptz))`,
    evidence: () => Prisma.sql`jsonb_build_object('expiredAt', i."credentialExpiresAt")`,
  },
  {
    id: "not-rotated",
    title: "Credential not rotated within policy",
    rationale: "A secret that is never rotated outlives every person and system that ever saw it.",
    severity: "high",
    controls: { "owasp-nhi": ["NHI7"], "nist-csf-2": ["PR.AA-01"], "nist-800-53": ["IA-5"], other: ["A.5.17"] },
    thresholds: ["rotationMaxDays"],
    // Every active rotatable credential, not the summary's oldest one: that may be a federated binding, older
    // than a static secret beside it.
    where: ({ now, policy }) => Prisma.sql`EXISTS (SELECT 1 FROM "Credential" c WHERE c."identityId" = i.id AND c.status = 'active'
      AND ${ROTATABLE} AND COALESCE(c."rotatedAt", c."issuedAt") < ${now}::timestamptz - ${days(policy.rotationMaxDays)})`,
    evidence: () => Prisma.sql`(SELECT jsonb_build_object('since', COALESCE(c."rotatedAt", c."issuedAt"), 'type', c.type)
      FROM "Credential" c WHERE c."identityId" = i.id AND c.status = 'active' AND ${ROTATABLE}
      ORDER BY COALESCE(c."rotatedAt", c."issuedAt") ASC NULLS LAST, c.handle LIMIT 1)`,
  },
  {
    id: "lifetime-too-long",
    title: "Credential lifetime longer than policy",
    rationale: "A credential valid for years (or forever) is a long-lived secret, whatever its rotation habits.",
    severity: "high",
    controls: {
      "owasp-nhi": ["NHI7"],
      "nist-csf-2": ["PR.AA-01", "PR.AA-03"],
      "nist-800-53": ["IA-5"],
      "nist-800-207": ["ZT-3", "ZT-6"],
    },
    thresholds: ["lifetimeMaxDays"],
    where: ({ policy }) => Prisma.sql`(i."neverExpires" OR EXISTS (SELECT 1 FROM "Credential" c WHERE c."identityId" = i.id
      AND c.status = 'active' AND c."expiresAt" > COALESCE(c."rotatedAt", c."issuedAt") + ${days(policy.lifetimeMaxDays)}))`,
    evidence: () => Prisma.sql`jsonb_build_object('neverExpires', i."neverExpires", 'expiresAt', i."credentialExpiresAt")`,
  },
  {
    id: "expiring-soon",
    title: "Credential expires soon",
    rationale: "A credential about to expire breaks its service unless someone rotates it in time.",
    severity: "high",
    controls: { "owasp-nhi": ["NHI7"], "nist-csf-2": ["PR.AA-01"], "nist-800-53": ["IA-5"] },
    thresholds: ["expiringWithinDays"],
    // Active credentials only: an inactive one's expiry breaks nothing (the summary's expiry may be one).
    where: ({ now, policy }) => Prisma.sql`EXISTS (SELECT 1 FROM "Credential" c WHERE c."identityId" = i.id AND c.status = 'active'
      AND c."expiresAt" >= ${now}::timestamptz AND c."expiresAt" < ${now}::timestamptz + ${days(policy.expiringWithinDays)})`,
    evidence: ({ now }) => Prisma.sql`jsonb_build_object('expiresAt', (SELECT min(c."expiresAt") FROM "Credential" c
      WHERE c."identityId" = i.id AND c.status = 'active' AND c."expiresAt" >= ${now}::timestamptz))`,
  },
  {
    id: "unused",
    title: "Unused for longer than policy",
    rationale: "Access nobody uses is access only an attacker will: disable it (AWS and Entra flag the same).",
    severity: "critical",
    controls: {
      "owasp-nhi": ["NHI1"],
      "nist-csf-2": ["PR.AA-05", "ID.AM-08"],
      "nist-800-53": ["AC-2(3)", "AC-2 j."],
      other: ["A.5.18", "CC6.3"],
    },
    thresholds: ["unusedMaxDays", "newIdentityGraceDays"],
    where: (ctx) => Prisma.sql`${settled(ctx)} AND (i."lastUsedAt" < ${ctx.now}::timestamptz - ${days(ctx.policy.unusedMaxDays)}
      OR (i."lastUsedAt" IS NULL AND i."usage" = 'never'))`,
    evidence: () => Prisma.sql`jsonb_build_object('lastUsedAt', i."lastUsedAt", 'usage', i."usage")`,
  },
  {
    id: "privileged-in-production",
    title: "Admin or write scope in production",
    rationale: "Privilege in production is the blast radius: it should be rare, owned and reviewed often.",
    severity: "high",
    controls: {
      "owasp-nhi": ["NHI5"],
      "nist-csf-2": ["PR.AA-05"],
      "nist-800-53": ["AC-6", "AC-6(5)", "AC-6(7)"],
      "nist-800-207": ["ZT-4"],
      other: ["A.8.2", "CC6.3"],
    },
    thresholds: [],
    where: () => privilegedScope,
    evidence: () => Prisma.sql`jsonb_build_object('scopes', (SELECT jsonb_agg(e."resource" || ':' || e."action" || ' ' || e."level"
      ORDER BY e."resource", e."action") FROM "Entitlement" e WHERE e."identityId" = i.id AND e."level" IN ('admin', 'write')
      AND COALESCE(e."environment", i."environment") = 'production'))`,
  },
  {
    id: "wildcard-scope",
    title: "Wildcard scope",
    rationale: "A `*` grants whatever exists now and whatever is added later.",
    severity: "high",
    controls: { "owasp-nhi": ["NHI5"], "nist-csf-2": ["PR.AA-05"], "nist-800-53": ["AC-6"], other: ["A.8.2", "CC6.3"] },
    thresholds: [],
    where: () => Prisma.sql`i."wildcardScope"`,
    evidence: () => Prisma.sql`jsonb_build_object('scopes', (SELECT jsonb_agg(e."resource" || ':' || e."action" ORDER BY e."resource")
      FROM "Entitlement" e WHERE e."identityId" = i.id AND (e."resource" LIKE '%*%' OR e."action" LIKE '%*%')))`,
  },
  {
    id: "shared-across-environments",
    title: "Shared across environments",
    rationale: "One identity in production and test lets a test compromise reach production.",
    severity: "medium",
    controls: { "owasp-nhi": ["NHI8"], "nist-csf-2": ["PR.IR-01", "PR.AA-05"], "nist-800-53": ["AC-6", "IA-4"] },
    thresholds: [],
    // A scope without an environment is in the identity's own (as privileged-in-production and the reviews read it).
    where: () => Prisma.sql`(SELECT count(DISTINCT COALESCE(e."environment", i."environment")) FROM "Entitlement" e
      WHERE e."identityId" = i.id) > 1`,
    evidence: () => Prisma.sql`jsonb_build_object('environments', (SELECT jsonb_agg(DISTINCT COALESCE(e."environment", i."environment"))
      FROM "Entitlement" e WHERE e."identityId" = i.id))`,
  },
  {
    id: "reused-by-workloads",
    title: "Reused by several workloads",
    rationale: "When several workloads act as one identity, no action can be traced to one of them.",
    severity: "medium",
    controls: {
      "owasp-nhi": ["NHI9"],
      "nist-csf-2": ["PR.AA-01", "PR.AA-03", "DE.CM-09"],
      "nist-800-53": ["IA-4", "IA-9", "AC-2(9)"],
      other: ["A.5.16"],
    },
    thresholds: [],
    where: () => Prisma.sql`(SELECT count(DISTINCT c."identityId") FROM "Credential" c
      WHERE c."linkedIdentityId" = i.id AND c.status = 'active') > 1`,
    evidence: () => Prisma.sql`jsonb_build_object('workloads', (SELECT count(DISTINCT c."identityId") FROM "Credential" c
      WHERE c."linkedIdentityId" = i.id AND c.status = 'active'))`,
  },
  {
    id: "human-use",
    title: "Used by a person",
    rationale: "A person using a machine's identity cannot be told apart from the machine in any log.",
    severity: "low",
    controls: {
      "owasp-nhi": ["NHI10"],
      "nist-csf-2": ["DE.CM-03", "PR.AA-03"],
      "nist-800-53": ["AC-2(12)", "AU-6"],
      other: ["A.8.5", "CC6.1"],
    },
    thresholds: [],
    where: () => Prisma.sql`i."humanUse"`,
    evidence: () => Prisma.sql`jsonb_build_object('flags', to_jsonb(i."flags"))`,
  },
  {
    id: "third-party-broad-scope",
    title: "Third party with broad scope",
    rationale: "A vendor's identity with write, admin or wildcard access is a breach of the vendor away from yours.",
    severity: "critical",
    controls: {
      "owasp-nhi": ["NHI3", "NHI5"],
      "nist-csf-2": ["GV.SC-07", "ID.AM-04", "DE.CM-06"],
      "nist-800-53": ["SA-9", "AC-6"],
      "nist-ai-rmf": ["GOVERN 6.1", "MANAGE 3.1"],
    },
    thresholds: [],
    where: () => Prisma.sql`i."vendor" IS NOT NULL AND (i."wildcardScope" OR EXISTS (SELECT 1 FROM "Entitlement" e
      WHERE e."identityId" = i.id AND e."level" IN ('admin', 'write')))`,
    evidence: () => Prisma.sql`jsonb_build_object('vendor', i."vendor", 'wildcard', i."wildcardScope")`,
  },
  {
    id: "static-secret-federation-possible",
    title: "Static secret where federation is possible",
    rationale: "Its platform can federate a workload's identity; a stored secret is one more thing to leak.",
    severity: "high",
    controls: {
      "owasp-nhi": ["NHI7", "NHI6", "NHI2"],
      "nist-csf-2": ["PR.AA-03", "PR.AA-04"],
      "nist-800-53": ["IA-5(7)", "IA-9"],
      "nist-800-207": ["ZT-3", "ZT-6"],
    },
    thresholds: [],
    where: () =>
      // Any active static secret, not only the summary's oldest credential (a federated binding may be older).
      Prisma.sql`i."platform" IN (${Prisma.join(FEDERATING_PLATFORMS)}) AND i."kind" <> 'api_key' AND EXISTS (SELECT 1 FROM "Credential" c
        WHERE c."identityId" = i.id AND c.status = 'active' AND c.type = 'static_secret')`,
    evidence: () => Prisma.sql`jsonb_build_object('platform', i."platform", 'type', 'static_secret')`,
  },
  {
    id: "review-overdue",
    title: "Access review overdue",
    rationale: "Access nobody has certified within the review period is access nobody decided to keep.",
    severity: "critical",
    controls: {
      "owasp-nhi": ["NHI1", "NHI5"],
      "nist-csf-2": ["PR.AA-05"],
      "nist-800-53": ["AC-2 j.", "AC-6(7)"],
      other: ["A.5.18", "CC6.2"],
    },
    thresholds: ["reviewMaxDays"],
    where: (ctx) => Prisma.sql`(
      EXISTS (SELECT 1 FROM "ReviewItem" it JOIN "ReviewRun" r ON r.id = it."runId"
        WHERE it."identityId" = i.id AND r.status IN ('open', 'closing') AND it."decidedAt" IS NULL AND r."dueAt" < ${ctx.now}::timestamptz)
      OR (i."createdAt" <= ${ctx.now}::timestamptz - ${days(ctx.policy.reviewMaxDays)} AND NOT EXISTS (SELECT 1 FROM "ReviewItem" it
        WHERE it."identityId" = i.id AND it."decidedAt" > ${ctx.now}::timestamptz - ${days(ctx.policy.reviewMaxDays)})))`,
    evidence: () => Prisma.sql`jsonb_build_object('lastDecidedAt',
      (SELECT max(it."decidedAt") FROM "ReviewItem" it WHERE it."identityId" = i.id))`,
  },
  {
    id: "elevation-past-expiry",
    title: "Break-glass elevation past its expiry",
    rationale: "An elevation whose end was never recorded may still be held in the system that granted it.",
    severity: "high",
    controls: {
      "owasp-nhi": ["NHI5"],
      "nist-csf-2": ["PR.AA-05", "ID.RA-07"],
      "nist-800-53": ["AC-2(2)", "AC-2(3)"],
      "nist-800-207": ["ZT-3"],
    },
    thresholds: [],
    // The sweeper records an end within seconds; five minutes without it means provisioning was never told.
    where: ({ now }) => Prisma.sql`EXISTS (SELECT 1 FROM "BreakGlassRequest" b WHERE b."identityId" = i.id AND b.status = 'approved'
      AND b."expiresAt" < ${now}::timestamptz - interval '5 minutes' AND b."endAnnouncedAt" IS NULL)`,
    evidence: ({ now }) => Prisma.sql`jsonb_build_object('requests', (SELECT jsonb_agg(b.id) FROM "BreakGlassRequest" b
      WHERE b."identityId" = i.id AND b.status = 'approved' AND b."expiresAt" < ${now}::timestamptz - interval '5 minutes'
      AND b."endAnnouncedAt" IS NULL))`,
  },
  {
    id: "breakglass-without-review",
    title: "Break-glass without its after-action review",
    rationale: "An elevation nobody reviewed afterwards is privilege used without anyone checking how.",
    severity: "high",
    controls: {
      "nist-csf-2": ["ID.RA-07", "DE.CM-03"],
      "nist-800-53": ["AC-2(4)", "AC-6(9)", "AU-6"],
    },
    thresholds: [],
    where: ({ now }) => Prisma.sql`EXISTS (SELECT 1 FROM "AfterActionReview" a WHERE a."identityId" = i.id AND a."filedAt" IS NULL
      AND a."dueAt" < ${now}::timestamptz)`,
    evidence: ({ now }) => Prisma.sql`jsonb_build_object('requests', (SELECT jsonb_agg(a."requestId") FROM "AfterActionReview" a
      WHERE a."identityId" = i.id AND a."filedAt" IS NULL AND a."dueAt" < ${now}::timestamptz))`,
  },
  {
    id: "ai-agent-without-sponsor",
    title: "AI agent without an accountable human sponsor",
    rationale: "An agent acts on its own; a person must answer for it and be able to switch it off.",
    severity: "critical",
    controls: {
      "owasp-nhi": ["NHI1"],
      "nist-csf-2": ["GV.RR-02", "PR.AA-01"],
      "nist-800-53": ["AC-2"],
      "nist-ai-rmf": ["GOVERN 1.6", "GOVERN 2.1", "GOVERN 3.2", "MANAGE 2.4"],
    },
    thresholds: [],
    where: () => Prisma.sql`i."kind" = 'ai_agent' AND (i."ownerId" IS NULL
      OR EXISTS (SELECT 1 FROM "User" u WHERE u.id = i."ownerId" AND u.status = 'deactivated'))`,
    evidence: () => Prisma.sql`jsonb_build_object('ownerId', i."ownerId")`,
  },
];

export const CHECK_IDS = CHECKS.map((c) => c.id);

export function checkOf(id: string): CheckDefinition {
  const check = CHECKS.find((c) => c.id === id);
  if (!check) throw new Error(`unknown posture check "${id}" (checks version ${CHECKS_VERSION})`);
  return check;
}
