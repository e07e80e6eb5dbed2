import { Prisma } from "@/lib/db/generated/client";
import { actingPerson } from "../authz/actor";
import { enforce } from "../authz/enforce";
import { can } from "../authz/policy";
import { checkOf } from "../posture/checks";
import { openFindingSql, SEVERITIES } from "../posture/list-findings";
import { UNUSED_MAX_DAYS } from "../registry/credential-warnings";
import { type IdentityFilter, identityFilterSchema, identitySqlWhere } from "../registry/identity-filter";
import { DomainError } from "../shared/errors";
import type { UseCaseArgs } from "../shared/use-case";
import { EXPIRING_WITHIN_DAYS } from "./credential-check";
import { countUnread, type InboxEntryDto, listInbox } from "./list-inbox";

/** The problems My work counts, each one of the registry's own filters (so its link shows exactly those). */
const PROBLEMS = [
  { key: "expired", label: "expired credential", filter: { expired: "1" } },
  {
    key: "expiring",
    label: `credential expiring within ${EXPIRING_WITHIN_DAYS} days`,
    filter: { expiringWithinDays: String(EXPIRING_WITHIN_DAYS) },
  },
  { key: "noExpiry", label: "secret that never expires", filter: { noExpiry: "1" } },
  { key: "unused", label: `unused for ${UNUSED_MAX_DAYS} days`, filter: { unusedForDays: String(UNUSED_MAX_DAYS) } },
  { key: "severalActive", label: "several active credentials", filter: { severalActive: "1" } },
] as const;

export type ProblemCount = {
  key: (typeof PROBLEMS)[number]["key"];
  label: string;
  /** Active identities the person owns with this problem. */
  owned: number;
  /** The registry, filtered to exactly those (owner = this person, status active, the problem's filter). */
  href: string;
  /** Active identities the person is the backup owner of (and not the owner) with this problem. */
  backup: number;
};

/** A review run with items waiting for the person's decision. */
export type ReviewWaiting = { runId: string; name: string; undecided: number; total: number; dueAt: string; overdue: boolean };

export type MyWorkDto = {
  /** null when the person may not read the registry. */
  identities: { owned: number; backup: number; problems: ProblemCount[] } | null;
  inbox: { unread: number; latest: InboxEntryDto[] };
  /** Open review runs with items assigned to the person (soonest due first); null when they may not review. */
  reviews: ReviewWaiting[] | null;
  /** Break-glass: requests waiting for this approver, after-action reviews they may file, their own live elevations. */
  breakglass: BreakglassWaiting;
  /** Open posture findings on the person's active identities; null when they may not read the posture. */
  findings: FindingsWaiting | null;
};

/**
 * Open posture findings (as of now: an acceptance whose date passed counts) on the active identities the person owns
 * and, counted apart, those they are only the backup owner of; per severity, most severe first, and the newest five
 * on those they own.
 */
export type FindingsWaiting = {
  owned: number;
  backup: number;
  bySeverity: { severity: string; owned: number; backup: number }[];
  latest: {
    findingId: string;
    identityId: string;
    identityName: string;
    checkId: string;
    title: string;
    severity: string;
    firstSeenAt: string;
  }[];
};

export type BreakglassWaiting = { toApprove: number | null; afterActionsToFile: number | null; myActive: number; myWaiting: number };

/**
 * What needs the signed-in person now: the active identities they own or back up that have a problem (each
 * count is the registry's own filter, read in one statement over their identities, and links to that view
 * of the registry), and their unread inbox entries.
 */
export async function getMyWork({ actor, db, clock }: UseCaseArgs): Promise<MyWorkDto> {
  await enforce(db, clock, actor, "console.view");
  const person = actingPerson(actor);
  if (!person) throw new DomainError("UNAUTHENTICATED", "Sign in first.");
  const now = clock.now();
  const me = person.userId;

  const inbox = (async () => {
    if (!can(actor, "notification.read")) return { unread: 0, latest: [] };
    const [unread, page] = await Promise.all([countUnread(db, me), listInbox({ actor, db, clock, input: { unread: "1" } })]);
    return { unread, latest: page.entries.slice(0, 5) };
  })();

  const identities = (async () => {
    if (!can(actor, "registry.read")) return null;
    const filters = PROBLEMS.map((p) => identityFilterSchema.parse({ ...p.filter, owner: me, status: "active" }) as IdentityFilter);
    const conditions = filters.map((f) => identitySqlWhere({ ...f, owner: undefined }, now));
    const counts = Prisma.join(
      PROBLEMS.flatMap((p, i) => [
        Prisma.sql`count(*) FILTER (WHERE i."ownerId" = ${me}::uuid AND ${conditions[i]!})::int AS ${Prisma.raw(`"${p.key}_owned"`)}`,
        Prisma.sql`count(*) FILTER (WHERE i."ownerId" IS DISTINCT FROM ${me}::uuid AND ${conditions[i]!})::int AS ${Prisma.raw(`"${p.key}_backup"`)}`,
      ]),
      ", ",
    );
    const [row] = await db.$queryRaw<Record<string, number>[]>`
      SELECT count(*) FILTER (WHERE i."ownerId" = ${me}::uuid)::int AS owned,
        count(*) FILTER (WHERE i."ownerId" IS DISTINCT FROM ${me}::uuid)::int AS backup,
        ${counts}
      FROM "Identity" i
      WHERE (i."ownerId" = ${me}::uuid OR i."backupOwnerId" = ${me}::uuid) AND i.status = 'active'`;
    const r = row ?? {};
    return {
      owned: r.owned ?? 0,
      backup: r.backup ?? 0,
      problems: PROBLEMS.map((p) => ({
        key: p.key,
        label: p.label,
        owned: r[`${p.key}_owned`] ?? 0,
        backup: r[`${p.key}_backup`] ?? 0,
        href: `/registry?${new URLSearchParams({ owner: me, status: "active", ...p.filter })}`,
      })),
    };
  })();

  const reviews = (async () => {
    if (!can(actor, "review.inbox")) return null;
    // The person's items in the current stage of open runs (their reviewer index), counted per run.
    const rows = await db.$queryRaw<{ runId: string; name: string; number: number; dueAt: Date; total: number; undecided: number }[]>`
      SELECT r.id AS "runId", r.settings->>'campaignName' AS name, r.number, r."dueAt",
        count(*)::int AS total, count(*) FILTER (WHERE it.decision IS NULL)::int AS undecided
      FROM "ReviewItem" it JOIN "ReviewRun" r ON r.id = it."runId"
      WHERE (it."reviewerId" = ${me}::uuid OR it."extraReviewerIds" @> ARRAY[${me}]::text[])
        AND r.status = 'open' AND it.stage = r.stage
      GROUP BY r.id ORDER BY r."dueAt", r.id`;
    return rows.map((r) => ({
      runId: r.runId,
      name: `${r.name} #${r.number}`,
      undecided: r.undecided,
      total: r.total,
      dueAt: r.dueAt.toISOString(),
      overdue: r.undecided > 0 && r.dueAt < now,
    }));
  })();

  const breakglass = (async (): Promise<BreakglassWaiting> => {
    // Approvers and admins decide; the counts are the approver queue's and the open-review filter's own conditions.
    const decides = person.roles.includes("approver") || person.roles.includes("admin");
    const [counts] = await db.$queryRaw<{ toApprove: number; toFile: number; mine: number; waiting: number }[]>`
      SELECT
        (SELECT count(*)::int FROM "BreakGlassRequest" r WHERE ${decides} AND r.status = 'pending' AND r."pendingUntil" > ${now}
          AND r."requesterId" <> ${me}::uuid
          AND NOT EXISTS (SELECT 1 FROM "BreakGlassApproval" p WHERE p."requestId" = r.id AND p."approverId" = ${me}::uuid)) AS "toApprove",
        (SELECT count(*)::int FROM "AfterActionReview" a JOIN "BreakGlassRequest" r ON r.id = a."requestId"
          WHERE ${decides} AND a."filedAt" IS NULL AND r."requesterId" <> ${me}::uuid) AS "toFile",
        (SELECT count(*)::int FROM "BreakGlassRequest" r WHERE r."requesterId" = ${me}::uuid AND r.status = 'approved'
          AND r."activeFrom" <= ${now} AND r."expiresAt" > ${now}) AS mine,
        (SELECT count(*)::int FROM "BreakGlassRequest" r WHERE r."requesterId" = ${me}::uuid AND r.status = 'pending'
          AND r."pendingUntil" > ${now}) AS waiting`;
    return {
      toApprove: decides ? (counts?.toApprove ?? 0) : null,
      afterActionsToFile: decides ? (counts?.toFile ?? 0) : null,
      myActive: counts?.mine ?? 0,
      myWaiting: counts?.waiting ?? 0,
    };
  })();

  const findings = (async (): Promise<FindingsWaiting | null> => {
    if (!can(actor, "posture.read")) return null;
    const open = openFindingSql(now);
    // Two statements over the person's identities (the owner and backup-owner indexes), then their findings by identity.
    const [counts, latest] = await Promise.all([
      db.$queryRaw<{ severity: string; owned: number; backup: number }[]>`
        SELECT f.severity, count(*) FILTER (WHERE i."ownerId" = ${me}::uuid)::int AS owned,
          count(*) FILTER (WHERE i."ownerId" IS DISTINCT FROM ${me}::uuid)::int AS backup
        FROM "Identity" i JOIN "Finding" f ON f."identityId" = i.id
        WHERE (i."ownerId" = ${me}::uuid OR i."backupOwnerId" = ${me}::uuid) AND i.status = 'active' AND ${open}
        GROUP BY f.severity`,
      db.$queryRaw<{ findingId: string; identityId: string; identityName: string; checkId: string; severity: string; firstSeenAt: Date }[]>`
        SELECT f.id::text AS "findingId", i.id::text AS "identityId", i.name AS "identityName", f."checkId", f.severity, f."firstSeenAt"
        FROM "Identity" i JOIN "Finding" f ON f."identityId" = i.id
        WHERE i."ownerId" = ${me}::uuid AND i.status = 'active' AND ${open}
        ORDER BY f."firstSeenAt" DESC, f.id LIMIT 5`,
    ]);
    const order = (s: string) => ((SEVERITIES as readonly string[]).includes(s) ? SEVERITIES.indexOf(s as never) : SEVERITIES.length);
    return {
      owned: counts.reduce((n, c) => n + c.owned, 0),
      backup: counts.reduce((n, c) => n + c.backup, 0),
      bySeverity: [...counts].sort((a, b) => order(a.severity) - order(b.severity)),
      latest: latest.map((r) => ({ ...r, title: checkOf(r.checkId).title, firstSeenAt: r.firstSeenAt.toISOString() })),
    };
  })();

  return {
    identities: await identities,
    inbox: await inbox,
    reviews: await reviews,
    breakglass: await breakglass,
    findings: await findings,
  };
}
