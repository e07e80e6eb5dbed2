import { Prisma } from "@/lib/db/generated/client";
import type { Db, Tx } from "@/lib/db/types";
import { type AuditEventInput, appendAuditEvents } from "../audit/append-audit-event";
import type { SystemActor } from "../authz/actor";
import { emitEvents } from "../notifications/emit-event";
import type { DomainEvent } from "../notifications/event-types";
import type { Clock } from "../shared/clock";
import type { ElevatedScope } from "./request-input";
import { requestLabel } from "./request-target";

// The break-glass sweeper. Whether an elevation is active is never decided here (checkGrant computes it from
// the clock when asked); the sweeper only records what the clock already decided (a pending request expired,
// an elevation ended), tells people and machines, and escalates overdue after-action reviews. Each step is
// one statement over the rows it claims with FOR UPDATE SKIP LOCKED, and the claim changes the very column
// that made the row due, so two schedulers (or a run repeated) never take a step twice.

const BATCH = 500;
/** The one-off job that announces a grant's start (a set start time) or its coming end, once, at that moment. */
export const ANNOUNCE_HANDLER = "breakglass.announce";

/** The request's label in the audit log, read from raw rows: the same words as every other break-glass event. */
export function labelOf(identityName: string | null, scopes: unknown): string {
  return requestLabel(identityName ?? "unknown identity", Array.isArray(scopes) ? (scopes as ElevatedScope[]) : []);
}

const link = (id: string) => `/break-glass/${id}`;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

type Claimed = {
  id: string;
  identityId: string;
  requesterId: string;
  scopes: unknown;
  activeFrom: Date | null;
  expiresAt: Date | null;
  pendingUntil: Date;
  name: string | null;
  platform: string | null;
  externalId: string | null;
};

/** The facts every grant.* webhook carries (docs: design "Webhooks"). */
export function grantData(r: Claimed): Record<string, unknown> {
  return {
    requestId: r.id,
    identityId: r.identityId,
    platform: r.platform,
    externalId: r.externalId,
    scopes: r.scopes,
    activeFrom: iso(r.activeFrom),
    expiresAt: iso(r.expiresAt),
  };
}

const audit = (actor: SystemActor, r: Claimed, reason: string, after: Record<string, string>): AuditEventInput => ({
  actor,
  action: "breakglass.sweep",
  target: { type: "breakglass-request", id: r.id, label: labelOf(r.name, r.scopes) },
  outcome: "allowed",
  reason,
  after,
});

/**
 * Claims and changes the due rows in one statement: `due` selects (and locks, skipping rows another
 * scheduler or an approval holds) what `set` then changes; the identity's facts come along for the events.
 */
function claim(tx: Tx, due: Prisma.Sql, set: Prisma.Sql): Promise<Claimed[]> {
  return tx.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT r.id FROM "BreakGlassRequest" r WHERE ${due}
      ORDER BY r.id LIMIT ${BATCH} FOR UPDATE OF r SKIP LOCKED),
    changed AS (
      UPDATE "BreakGlassRequest" r SET ${set}, version = r.version + 1 FROM due WHERE r.id = due.id AND ${due}
      RETURNING r.id, r."identityId", r."requesterId", r.scopes, r."activeFrom", r."expiresAt", r."pendingUntil")
    SELECT c.id::text, c."identityId"::text AS "identityId", c."requesterId"::text AS "requesterId", c.scopes,
      c."activeFrom", c."expiresAt", c."pendingUntil", i.name, i.platform, i."externalId"
    FROM changed c LEFT JOIN "Identity" i ON i.id = c."identityId" ORDER BY c.id`;
}

/** Pending requests past pendingUntil become expired (every read already treats them so); the requester is told. */
export async function expirePending(db: Db, clock: Clock, actor: SystemActor): Promise<number> {
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const rows = await claim(
      tx,
      Prisma.sql`r.status = 'pending' AND r."pendingUntil" <= ${now}`,
      Prisma.sql`status = 'expired', "closedAt" = r."pendingUntil", "closedReason" = 'not decided before it expired'`,
    );
    if (rows.length === 0) return 0;
    await appendAuditEvents(
      tx,
      rows.map((r) => audit(actor, r, "the request was not decided in time", { status: "expired", at: r.pendingUntil.toISOString() })),
      clock,
    );
    await emitEvents(
      tx,
      clock,
      rows.map<DomainEvent>((r) => ({
        type: "breakglass.decided",
        recipients: [r.requesterId],
        title: `Break-glass request expired undecided: ${labelOf(r.name, r.scopes)}`.slice(0, 200),
        body: `Nobody decided your request before ${r.pendingUntil.toISOString()}. It is closed; file a new request if you still need the elevation.`,
        link: link(r.id),
        dedupeKey: `breakglass:${r.id}:decided`,
        data: { requestId: r.id, identityId: r.identityId, decision: "expired" },
      })),
    );
    return rows.length;
  });
}

/**
 * Approved elevations past expiresAt become `ended` (the status they had at the end; a drop or revoke has its
 * own), endAnnouncedAt set; provisioning automation gets grant.ended and the requester breakglass.expired.
 */
export async function recordEnds(db: Db, clock: Clock, actor: SystemActor): Promise<number> {
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const rows = await claim(
      tx,
      Prisma.sql`r.status = 'approved' AND r."expiresAt" <= ${now} AND r."endAnnouncedAt" IS NULL`,
      Prisma.sql`status = 'ended', "endAnnouncedAt" = ${now}, "closedAt" = r."expiresAt"`,
    );
    if (rows.length === 0) return 0;
    await appendAuditEvents(
      tx,
      rows.map((r) => audit(actor, r, "the elevation reached its end", { status: "ended", at: r.expiresAt!.toISOString() })),
      clock,
    );
    const events: DomainEvent[] = rows.flatMap((r): DomainEvent[] => {
      const label = labelOf(r.name, r.scopes);
      return [
        {
          type: "grant.ended",
          recipients: [],
          title: `Elevation ended: ${label}`.slice(0, 200),
          body: `The elevated scopes ended at ${r.expiresAt!.toISOString()}: remove them from the system that holds them.`,
          link: link(r.id),
          dedupeKey: `grant:${r.id}:ended`,
          data: grantData(r),
        },
        {
          type: "breakglass.expired",
          recipients: [r.requesterId],
          title: `Your break-glass elevation ended: ${label}`.slice(0, 200),
          body: `The elevation ended at ${r.expiresAt!.toISOString()}. If the work is not done, file a new request (an extension links to this one).`,
          link: link(r.id),
          dedupeKey: `breakglass:${r.id}:expired`,
          data: { requestId: r.id, identityId: r.identityId, expiresAt: iso(r.expiresAt) },
        },
      ];
    });
    events.push(...(await afterActionDueNotices(tx, rows)));
    await emitEvents(tx, clock, events);
    return rows.length;
  });
}

/**
 * Ended elevations whose after-action review is open: the people who approved them are told it is due (an
 * emergency had no approver yet, so every approver and admin is, as they were when it activated).
 */
async function afterActionDueNotices(tx: Tx, rows: Claimed[]): Promise<DomainEvent[]> {
  const open = await tx.$queryRaw<{ requestId: string; dueAt: Date; approvers: string[] }[]>`
    SELECT a."requestId"::text AS "requestId", a."dueAt",
      COALESCE((SELECT array_agg(p."approverId"::text ORDER BY p."approverId") FROM "BreakGlassApproval" p
        WHERE p."requestId" = a."requestId" AND p.decision = 'approve'), ARRAY[]::text[]) AS approvers
    FROM "AfterActionReview" a
    WHERE a."requestId" IN (${Prisma.join(rows.map((r) => Prisma.sql`${r.id}::uuid`))}) AND a."filedAt" IS NULL`;
  if (open.length === 0) return [];
  const needEveryone = open.some((a) => a.approvers.length === 0);
  const everyone = needEveryone
    ? (
        await tx.$queryRaw<{ id: string }[]>`
          SELECT id::text FROM "User" WHERE status = 'active' AND roles && ARRAY['admin', 'approver']::text[] ORDER BY id LIMIT 1000`
      ).map((p) => p.id)
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return open.map((a): DomainEvent => {
    const r = byId.get(a.requestId)!;
    return {
      type: "breakglass.afterActionDue",
      recipients: (a.approvers.length > 0 ? a.approvers : everyone).filter((id) => id !== r.requesterId),
      title: `After-action review due: ${labelOf(r.name, r.scopes)}`.slice(0, 200),
      body: `The elevation ended at ${r.expiresAt!.toISOString()}. Say what was done with it, whether it was justified, and whether the credential must be rotated, by ${a.dueAt.toISOString()}. An approver who is not the requester files it.`,
      link: link(r.id),
      dedupeKey: `breakglass:${r.id}:afterActionDue`,
      data: { requestId: r.id, identityId: r.identityId, dueAt: a.dueAt.toISOString() },
    };
  });
}

/**
 * Makes sure every approved elevation not yet ended has its one-off announcements: its coming end, 10 minutes
 * before (or at its start, if it is shorter), and, for a set start time, its start. Job.key is unique, so the
 * insert is a no-op for those that exist; the scheduler runs each once whatever the number of instances.
 */
export async function scheduleAnnouncements(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  return db.$executeRaw`
    INSERT INTO "Job" (id, key, handler, description, payload, "nextRunAt", "maxAttempts")
    SELECT gen_random_uuid(), 'breakglass.' || a.kind || ':' || r.id, ${ANNOUNCE_HANDLER},
      CASE a.kind WHEN 'endingSoon' THEN 'Tells the requester a break-glass elevation ends in 10 minutes'
        ELSE 'Announces a break-glass elevation whose set start time came' END,
      jsonb_build_object('requestId', r.id, 'kind', a.kind),
      CASE a.kind WHEN 'endingSoon' THEN GREATEST(r."activeFrom", r."expiresAt" - interval '10 minutes')
        ELSE r."activeFrom" END, 3
    FROM "BreakGlassRequest" r
    CROSS JOIN LATERAL (VALUES ('endingSoon'), ('activate')) a(kind)
    WHERE r.status = 'approved' AND r."expiresAt" > ${now}
      AND (a.kind = 'endingSoon' OR r."activeFrom" > r."approvedAt")
    ON CONFLICT (key) DO NOTHING`;
}

export type AnnounceKind = "endingSoon" | "activate";

/**
 * The one-off announcement, at its moment: only for an elevation still approved and active now (a drop,
 * revoke or kill switch since has its own events). grant.activated for a set start time; breakglass.endingSoon
 * to the requester (its dedupeKey is the request's, so a repeat never mails twice).
 */
export async function announce(db: Db, clock: Clock, requestId: string, kind: AnnounceKind): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const [r] = await tx.$queryRaw<Claimed[]>`
      SELECT r.id::text, r."identityId"::text AS "identityId", r."requesterId"::text AS "requesterId", r.scopes,
        r."activeFrom", r."expiresAt", r."pendingUntil", i.name, i.platform, i."externalId"
      FROM "BreakGlassRequest" r LEFT JOIN "Identity" i ON i.id = r."identityId"
      WHERE r.id = ${requestId}::uuid AND r.status = 'approved' AND r."activeFrom" <= ${now} AND r."expiresAt" > ${now}
      FOR UPDATE OF r`;
    if (!r) return false;
    const label = labelOf(r.name, r.scopes);
    const minutes = Math.max(1, Math.ceil((r.expiresAt!.getTime() - now.getTime()) / 60_000));
    const event: DomainEvent =
      kind === "activate"
        ? {
            type: "grant.activated",
            recipients: [r.requesterId],
            title: `Elevation active: ${label}`.slice(0, 200),
            body: `The elevated scopes are active from ${r.activeFrom!.toISOString()} until ${r.expiresAt!.toISOString()}: add them in the system that holds them.`,
            link: link(r.id),
            dedupeKey: `grant:${r.id}:activated`,
            data: grantData(r),
          }
        : {
            type: "breakglass.endingSoon",
            recipients: [r.requesterId],
            title: `Your break-glass elevation ends in ${minutes} minute${minutes === 1 ? "" : "s"}: ${label}`.slice(0, 200),
            body: `It ends at ${r.expiresAt!.toISOString()}. Finish the work or file an extension (a new request linked to this one).`,
            link: link(r.id),
            dedupeKey: `breakglass:${r.id}:endingSoon`,
            data: { requestId: r.id, identityId: r.identityId, expiresAt: iso(r.expiresAt) },
          };
    await emitEvents(tx, clock, [event]);
    return true;
  });
}

type Overdue = { id: string; requestId: string; identityId: string; dueAt: Date; name: string | null; scopes: unknown };

/**
 * After-action reviews past their due date and not filed are escalated once (escalatedAt, claimed with the
 * same statement): every active approver and admin is told, audited as the system. (A posture finding for
 * them is the posture page's to read: escalatedAt set and filedAt null.)
 */
export async function escalateOverdueReviews(db: Db, clock: Clock, actor: SystemActor): Promise<number> {
  return db.$transaction(async (tx) => {
    const now = clock.now();
    const rows = await tx.$queryRaw<Overdue[]>`
      WITH due AS (
        SELECT a.id FROM "AfterActionReview" a
        WHERE a."filedAt" IS NULL AND a."dueAt" <= ${now} AND a."escalatedAt" IS NULL
        ORDER BY a."dueAt", a.id LIMIT ${BATCH} FOR UPDATE OF a SKIP LOCKED),
      changed AS (
        UPDATE "AfterActionReview" a SET "escalatedAt" = ${now} FROM due
        WHERE a.id = due.id AND a."filedAt" IS NULL AND a."escalatedAt" IS NULL
        RETURNING a.id, a."requestId", a."identityId", a."dueAt")
      SELECT c.id::text, c."requestId"::text AS "requestId", c."identityId"::text AS "identityId", c."dueAt", i.name, r.scopes
      FROM changed c JOIN "BreakGlassRequest" r ON r.id = c."requestId" LEFT JOIN "Identity" i ON i.id = c."identityId"
      ORDER BY c."dueAt", c.id`;
    if (rows.length === 0) return 0;
    const people = await tx.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM "User" WHERE status = 'active' AND roles && ARRAY['admin', 'approver']::text[] ORDER BY id LIMIT 1000`;
    const recipients = people.map((p) => p.id);
    await appendAuditEvents(
      tx,
      rows.map((a) => ({
        actor,
        action: "breakglass.sweep",
        target: { type: "breakglass-request", id: a.requestId, label: labelOf(a.name, a.scopes) },
        outcome: "allowed" as const,
        reason: "after-action review overdue: escalated to every approver and admin",
        after: { escalatedAt: now.toISOString(), dueAt: a.dueAt.toISOString() },
      })),
      clock,
    );
    await emitEvents(
      tx,
      clock,
      rows.map<DomainEvent>((a) => ({
        type: "breakglass.afterActionDue",
        recipients,
        title: `Overdue after-action review: ${labelOf(a.name, a.scopes)}`.slice(0, 200),
        body: `The after-action review was due ${a.dueAt.toISOString()} and is not filed. An approver who is not the requester files it; until then no new break-glass request on this identity is accepted.`,
        link: link(a.requestId),
        dedupeKey: `breakglass:${a.requestId}:afterActionOverdue`,
        data: { requestId: a.requestId, identityId: a.identityId, dueAt: a.dueAt.toISOString() },
      })),
    );
    return rows.length;
  });
}
