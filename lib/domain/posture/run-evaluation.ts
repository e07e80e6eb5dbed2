import type { Db, Tx } from "@/lib/db/types";
import { appendAuditEvents } from "../audit/append-audit-event";
import type { SystemActor } from "../authz/actor";
import { emitEvents } from "../notifications/emit-event";
import type { DomainEvent } from "../notifications/event-types";
import type { Clock } from "../shared/clock";
import { checkOf } from "./checks";
import { CONTROL_MASKS } from "./control-masks";
import { evaluate, evaluateEverything, type EvaluationOutcome } from "./evaluate";
import { countByMask, summarise } from "./posture-cells";

// When the evaluation runs: within seconds for the identities the database marked as changed (PostureDirty,
// kept by triggers on every table a check reads), and over everything on a schedule (conditions that become true
// with time alone: a credential's age, an expiry, a review period), which also re-opens accepted risks whose
// date passed and records the day's posture for the trend.

const BATCH = 2_000;
const MAX_BATCHES = 10;
const FULL_TIMEOUT_MS = 10 * 60_000;

export type DrainOutcome = { identities: number; opened: number; reopened: number; resolved: number };

/** Evaluates the identities marked as changed, a batch at a time (each batch one transaction), up to 20,000 a run. */
export async function drainChanged(db: Db, clock: Clock): Promise<DrainOutcome> {
  const total: DrainOutcome = { identities: 0, opened: 0, reopened: 0, resolved: 0 };
  for (let i = 0; i < MAX_BATCHES; i += 1) {
    const done = await db.$transaction(async (tx) => {
      const claimed = await tx.$queryRaw<{ identityId: string }[]>`
        DELETE FROM "PostureDirty" WHERE "identityId" IN (
          SELECT "identityId" FROM "PostureDirty" ORDER BY "markedAt", "identityId" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING "identityId"::text AS "identityId"`;
      if (claimed.length === 0) return 0;
      const now = clock.now();
      const outcome = await evaluate(
        tx,
        now,
        claimed.map((c) => c.identityId),
      );
      await tellOwners(tx, clock, outcome);
      total.opened += outcome.opened;
      total.reopened += outcome.reopened;
      total.resolved += outcome.resolved;
      return claimed.length;
    });
    total.identities += done;
    if (done < BATCH) break;
  }
  return total;
}

export type FullOutcome = EvaluationOutcome & { acceptancesExpired: number };

/**
 * Every check over every identity (a transaction per check: evaluate.ts, evaluateEverything); the accepted risks
 * past their date re-open first, and the owners' notices and the day's summary follow in one last transaction.
 */
export async function evaluateAll(db: Db, clock: Clock, actor: SystemActor): Promise<FullOutcome> {
  const now = clock.now();
  const acceptancesExpired = await db.$transaction(async (tx) => {
    const reopened = await reopenExpired(tx, clock, actor, now);
    // Everything marked so far is evaluated now.
    await tx.$executeRaw`DELETE FROM "PostureDirty" WHERE "markedAt" <= ${now}`;
    return reopened;
  });
  const outcome = await evaluateEverything(db, now);
  await db.$transaction(
    async (tx) => {
      await tellOwners(tx, clock, outcome);
      await recordDay(tx, now);
    },
    { timeout: FULL_TIMEOUT_MS },
  );
  return { ...outcome, acceptancesExpired };
}

/** Accepted or postponed findings whose date passed are open again (each re-opening audited, as the system). */
async function reopenExpired(tx: Tx, clock: Clock, actor: SystemActor, now: Date): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string; identityId: string; checkId: string; status: string; until: Date; name: string | null }[]>`
    WITH due AS (SELECT f.id, f.status AS was FROM "Finding" f WHERE f.status IN ('accepted', 'postponed') AND f.until <= ${now}
      FOR UPDATE OF f)
    UPDATE "Finding" f SET status = 'open', "updatedAt" = ${now}
    FROM due WHERE f.id = due.id
    RETURNING f.id::text, f."identityId"::text AS "identityId", f."checkId", due.was AS status, f.until,
      (SELECT i.name FROM "Identity" i WHERE i.id = f."identityId") AS name`;
  if (rows.length === 0) return 0;
  await appendAuditEvents(
    tx,
    rows.map((r) => ({
      actor,
      action: "posture.evaluate",
      target: { type: "identity", id: r.identityId, label: r.name ?? r.identityId },
      outcome: "allowed" as const,
      reason: `finding "${checkOf(r.checkId).title}" re-opened: ${r.status === "accepted" ? "its risk acceptance" : "its postponement"} ended ${r.until.toISOString()}`,
      before: { status: r.status, until: r.until.toISOString() },
      after: { status: "open" },
    })),
    clock,
  );
  return rows.length;
}

/** One notice per owner for the findings that opened (or came back) on identities they own. */
async function tellOwners(tx: Tx, clock: Clock, outcome: EvaluationOutcome): Promise<void> {
  if (outcome.newFindings.length === 0) return;
  const ids = [...new Set(outcome.newFindings.map((f) => f.identityId))];
  const owners = await tx.$queryRaw<{ id: string; ownerId: string; name: string }[]>`
    SELECT i.id::text, i."ownerId"::text AS "ownerId", i.name FROM "Identity" i
    WHERE i.id = ANY(${ids}::uuid[]) AND i."ownerId" IS NOT NULL`;
  const byOwner = new Map<string, { names: string[]; count: number }>();
  const ownerOf = new Map(owners.map((o) => [o.id, o]));
  for (const f of outcome.newFindings) {
    const o = ownerOf.get(f.identityId);
    if (!o) continue;
    const entry = byOwner.get(o.ownerId) ?? { names: [], count: 0 };
    entry.count += 1;
    if (!entry.names.includes(o.name) && entry.names.length < 5) entry.names.push(o.name);
    byOwner.set(o.ownerId, entry);
  }
  const now = clock.now().toISOString();
  const events: DomainEvent[] = [...byOwner].map(([ownerId, { names, count }]) => ({
    type: "finding.opened",
    recipients: [ownerId],
    title: `${count} new posture finding${count === 1 ? "" : "s"} on identities you own`,
    body: `On ${names.join(", ")}${count > names.length ? " and others" : ""}. Fix the condition (it resolves by itself), or accept the risk until a date with a reason.`,
    link: `/dashboard/findings?owner=${ownerId}`,
    dedupeKey: `finding.opened:${ownerId}:${now}`,
    data: { findings: count },
  }));
  await emitEvents(tx, clock, events);
}

/** The day's posture for the trend: failing identities per control, findings by severity and check, the estate. */
export async function recordDay(tx: Tx, now: Date): Promise<void> {
  const totals = summarise(await countByMask(tx, {}), CONTROL_MASKS);
  const summary = {
    active: totals.active,
    failing: totals.failing,
    controls: Object.fromEntries(CONTROL_MASKS.map((c, k) => [`${c.framework}:${c.controlId}`, totals.controls[k] ?? 0])),
    severity: totals.bySeverity,
    checks: totals.checks,
  };
  const day = now.toISOString().slice(0, 10);
  await tx.$executeRaw`
    INSERT INTO "PostureDay" (day, summary, "updatedAt") VALUES (${day}::date, ${JSON.stringify(summary)}::jsonb, ${now})
    ON CONFLICT (day) DO UPDATE SET summary = EXCLUDED.summary, "updatedAt" = EXCLUDED."updatedAt"`;
}
