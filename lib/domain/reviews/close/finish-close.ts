import type { Db, Tx } from "@/lib/db/types";
import { type AuditEventInput, appendAuditEvents } from "../../audit/append-audit-event";
import { type Actor, actingPerson } from "../../authz/actor";
import { emitEvents } from "../../notifications/emit-event";
import type { Clock } from "../../shared/clock";
import { DomainError } from "../../shared/errors";
import { applyItems } from "../apply/apply-items";
import { runTarget } from "../campaigns/campaign-target";
import { runSettings } from "../run-settings";
import { openFollowUp } from "./follow-up";
import { startSecondStage } from "./second-stage";

export type CloseResult = {
  runId: string;
  /** open (the second stage started) or closed. */
  status: string;
  stage: number;
  /** Items moved to the second stage. */
  secondStageItems?: number;
  /** Items whose outcome was applied, and how many of each outcome the run has now. */
  applied?: number;
  outcomes?: Record<string, number>;
  changedIdentities?: number;
  remediationOpen?: number;
  followUpRunId?: string | null;
};

/** A close may apply 500,000 outcomes: its transaction may take minutes, never half of them. */
const CLOSE_TX = { timeout: 15 * 60_000, maxWait: 60_000 };

/**
 * Ends the current stage of a run that is `closing`, in one transaction: nothing is half-applied. Stage 1 of
 * a run with a second stage moves its matching items on (second-stage.ts) and the run re-opens as stage 2.
 * Otherwise: a follow-up round takes the undecided items (follow-up.ts), every other item's outcome is applied
 * (decided ones as decided, unanswered ones by the non-response action), and the run is closed. Called right
 * after beginClose by closeRun, and by reviews.endStage for runs left `closing`. A run no longer closing (another
 * instance finished it) is reported as it is.
 */
export async function finishClose(db: Db, clock: Clock, actor: Actor, runId: string): Promise<CloseResult> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`review-run:${runId}`}, 0))`;
    const run = await tx.reviewRun.findUnique({ where: { id: runId } });
    if (!run) throw new DomainError("NOT_FOUND", "There is no such review run.");
    if (run.status !== "closing") return { runId, status: run.status, stage: run.stage };
    const settings = runSettings(run);
    const target = runTarget(run, settings.campaignName);
    const audit = (events: Omit<AuditEventInput, "actor" | "outcome">[]) =>
      appendAuditEvents(
        tx,
        events.map((e) => ({ ...e, actor, outcome: "allowed" as const })),
        clock,
      );

    if (run.stage === 1 && settings.secondStageItems !== "none") {
      const moved = await startSecondStage(tx, clock, run);
      if (moved.items > 0) {
        await audit([
          {
            action: "review.close",
            target,
            reason: `stage 1 ended: ${moved.items} item(s) go on to the second stage (${settings.secondStageItems.replace("_", " ")})`,
            after: {
              status: "open",
              stage: 2,
              secondStageItems: moved.items,
              dueAt: moved.dueAt.toISOString(),
              endsAt: moved.endsAt.toISOString(),
            },
          },
        ]);
        return { runId, status: "open", stage: 2, secondStageItems: moved.items };
      }
    }

    const followUp = await openFollowUp(tx, clock, actor, run);
    const applied = await applyItems(tx, clock, actor, { runId });
    const now = clock.now();
    await tx.reviewRun.update({
      where: { id: runId },
      data: { status: "closed", closedAt: now, closedById: actingPerson(actor)?.userId ?? null },
    });
    const outcomes = await outcomeCounts(tx, runId);
    await audit([
      ...followUp.audit,
      {
        action: "review.close",
        target,
        reason: followUp.runId ? `closed; undecided items re-open in the follow-up round ${followUp.label}` : "closed",
        after: {
          status: "closed",
          applied: applied.applied,
          changedIdentities: applied.changedIdentities,
          remediationOpen: applied.remediation,
          outcomes,
          followUpRunId: followUp.runId,
        },
      },
    ]);
    await emitEvents(tx, clock, [
      {
        type: "review.closed",
        recipients: [settings.campaignOwnerId],
        title: `${target.label} closed: ${applied.applied.toLocaleString("en-US")} outcome(s) applied`,
        body: `${target.label} is closed and read-only. ${applied.changedIdentities.toLocaleString("en-US")} identities changed in the registry; ${applied.remediation.toLocaleString("en-US")} change(s) wait for the holding systems.${followUp.runId ? ` Undecided items re-open in ${followUp.label}.` : ""}`,
        link: `/reviews?run=${runId}`,
        dedupeKey: `review:${runId}:closed`,
        data: { runId, campaignId: run.campaignId, outcomes, followUpRunId: followUp.runId },
      },
    ]);
    return {
      runId,
      status: "closed",
      stage: run.stage,
      applied: applied.applied,
      outcomes,
      changedIdentities: applied.changedIdentities,
      remediationOpen: applied.remediation,
      followUpRunId: followUp.runId,
    };
  }, CLOSE_TX);
}

async function outcomeCounts(tx: Tx, runId: string): Promise<Record<string, number>> {
  const rows = await tx.$queryRaw<{ outcome: string | null; n: number }[]>`
    SELECT outcome, count(*)::int AS n FROM "ReviewItem" WHERE "runId" = ${runId}::uuid GROUP BY outcome ORDER BY outcome`;
  return Object.fromEntries(rows.map((r) => [r.outcome ?? "none", r.n]));
}
