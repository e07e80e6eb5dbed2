import { Prisma, type ReviewRun } from "@/lib/db/generated/client";
import type { Db, Tx } from "@/lib/db/types";
import { IDENTITY_OWNER_ROLES } from "../../authz/policy";
import { emitEvents } from "../../notifications/emit-event";
import type { DomainEvent } from "../../notifications/event-types";
import type { Clock } from "../../shared/clock";
import { runSettings } from "../run-settings";
import { DAY, plural, runLabel, undecidedPerPerson } from "./reviewers";

const roles = Prisma.sql`${[...IDENTITY_OWNER_ROLES]}::text[]`;

/** Who a step adds, per undecided item of the current stage: a SQL expression yielding a user id (or NULL). */
type Added = { userId: string; n: number };

/**
 * Adds one person to the undecided items of the run's current stage, in one statement: to `extraReviewerIds`,
 * unless they already review the item or decided it in the first stage. `person` is an expression over
 * `it` (the item) and `i` (its identity now); only active people who may own identities are added.
 */
async function addReviewer(tx: Tx, run: ReviewRun, person: Prisma.Sql): Promise<Added[]> {
  return tx.$queryRaw<Added[]>`
    WITH added AS (
      UPDATE "ReviewItem" it SET "extraReviewerIds" = it."extraReviewerIds" || (${person})::text, version = it.version + 1
      FROM "Identity" i, "User" u
      WHERE it."runId" = ${run.id}::uuid AND it.stage = ${run.stage} AND it.decision IS NULL AND it."appliedAt" IS NULL
        AND i.id = it."identityId" AND u.id = (${person}) AND u.status = 'active' AND u.roles && ${roles}
        AND u.id IS DISTINCT FROM it."reviewerId" AND NOT (u.id::text = ANY (it."extraReviewerIds"))
        AND u.id IS DISTINCT FROM it."firstStageDecidedById"
      RETURNING (${person})::text AS "userId")
    SELECT "userId", count(*)::int AS n FROM added GROUP BY "userId" ORDER BY "userId"`;
}

/** The first named fallback reviewer who may review now (as the reviewer rule picks them), or null. */
async function firstFallback(tx: Tx, ids: readonly string[]): Promise<string | null> {
  if (ids.length === 0) return null;
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT f.id::text FROM unnest(${[...ids]}::uuid[]) WITH ORDINALITY f(id, n)
    JOIN "User" u ON u.id = f.id AND u.status = 'active' AND u.roles && ${roles} ORDER BY f.n LIMIT 1`;
  return row?.id ?? null;
}

/**
 * One rung of the ladder (design: step k+1 at settings.escalationDays[k] days past due): 1 tells the reviewers
 * the items are overdue (review.overdue); 2 adds the identity's backup owner, 3 the first eligible fallback
 * reviewer, 4 the campaign owner, each told with review.escalated. In a second stage the group already shares
 * the items: steps 2 and 3 add nobody there.
 */
async function climb(tx: Tx, run: ReviewRun, step: number): Promise<DomainEvent[]> {
  const settings = runSettings(run);
  const label = runLabel(run);
  const link = `/reviews?run=${run.id}`;
  const due = run.dueAt.toISOString().slice(0, 10);
  if (step === 1) {
    const people = await undecidedPerPerson(tx, run.id, run.stage);
    return people.map((p) => ({
      type: "review.overdue",
      recipients: [p.userId],
      title: `Overdue: ${plural(p.n, "identity", "identities")} in ${label} were due ${due}`,
      body: `${label} was due on ${due}. Decide now: the review escalates to the backup owner, then the fallback reviewer, then the campaign owner, and ends with the non-response action.`,
      link,
      dedupeKey: `review:${run.id}:overdue:${run.stage}`,
      data: { runId: run.id, stage: run.stage, undecided: p.n, dueAt: run.dueAt.toISOString(), step },
    }));
  }
  let added: Added[] = [];
  if (step === 2 && run.stage === 1) added = await addReviewer(tx, run, Prisma.sql`i."backupOwnerId"`);
  if (step === 3 && run.stage === 1) {
    const fallback = await firstFallback(tx, settings.fallbackReviewerIds);
    if (fallback) added = await addReviewer(tx, run, Prisma.sql`${fallback}::uuid`);
  }
  if (step === 4) added = await addReviewer(tx, run, Prisma.sql`${settings.campaignOwnerId}::uuid`);
  const rung = step === 2 ? "backup owner" : step === 3 ? "fallback reviewer" : "campaign owner";
  return added.map((a) => ({
    type: "review.escalated",
    recipients: [a.userId],
    title: `Escalated to you: ${plural(a.n, "overdue identity", "overdue identities")} in ${label}`,
    body: `${label} was due on ${due} and nobody decided these items. As the ${rung} you may now decide them.`,
    link,
    dedupeKey: `review:${run.id}:escalated:${run.stage}:${step}`,
    data: { runId: run.id, stage: run.stage, items: a.n, step, as: rung.replace(" ", "_") },
  }));
}

/**
 * The escalation job: for each open run past its due date, the steps whose day has come and that were not
 * taken yet. run.escalationStep is advanced with a compare-and-set in the transaction that takes the steps,
 * so each step happens once (several schedulers, a job run twice); steps missed while the console was down are
 * all taken at once, in order.
 */
export async function escalateOverdue(db: Db, clock: Clock): Promise<{ runs: number; steps: number; events: number }> {
  const now = clock.now();
  const runs = await db.reviewRun.findMany({ where: { status: "open", dueAt: { lt: now } } });
  const totals = { runs: 0, steps: 0, events: 0 };
  for (const run of runs) {
    const days = runSettings(run).escalationDays;
    const reached = days.filter((d) => now.getTime() >= run.dueAt.getTime() + d * DAY).length;
    if (reached <= run.escalationStep) continue;
    const done = await db.$transaction(async (tx) => {
      const claimed = await tx.reviewRun.updateMany({
        where: { id: run.id, status: "open", stage: run.stage, escalationStep: run.escalationStep },
        data: { escalationStep: reached },
      });
      if (claimed.count === 0) return null;
      const events: DomainEvent[] = [];
      for (let step = run.escalationStep + 1; step <= reached; step += 1) events.push(...(await climb(tx, run, step)));
      await emitEvents(tx, clock, events);
      return { steps: reached - run.escalationStep, events: events.length };
    });
    if (!done) continue;
    totals.runs += 1;
    totals.steps += done.steps;
    totals.events += done.events;
  }
  return totals;
}
