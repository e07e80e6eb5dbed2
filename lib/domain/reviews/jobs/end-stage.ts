import type { Db } from "@/lib/db/types";
import type { SystemActor } from "../../authz/actor";
import type { Clock } from "../../shared/clock";
import { closeRun } from "../close/close-run";
import { runLabel } from "./reviewers";

/** Runs ended per job run at most (each closes in transactions of its own); the rest wait a minute. */
const PER_RUN = 10;

export type EndStageResult = { ended: string[]; failed: string[] };

/**
 * Ends the stages whose time is up (endsAt <= now): closeRun as the system actor, exactly as an admin's close
 * (the second stage starts, or the outcomes are applied and the run closes). Runs left `closing` by a close
 * that failed half-way are resumed. A run that fails is reported and the others go on; the job then fails, so
 * it is retried and the admins are told.
 */
export async function endDueStages(db: Db, clock: Clock, actor: SystemActor): Promise<EndStageResult> {
  const runs = await db.reviewRun.findMany({
    where: { OR: [{ status: "open", endsAt: { lte: clock.now() } }, { status: "closing" }] },
    orderBy: [{ endsAt: "asc" }, { id: "asc" }],
    take: PER_RUN,
    select: { id: true, number: true, settings: true },
  });
  const result: EndStageResult = { ended: [], failed: [] };
  for (const run of runs) {
    try {
      const r = await closeRun({ actor, db, clock, input: { runId: run.id } });
      result.ended.push(`${runLabel(run)} ${r.status === "closed" ? "closed" : `stage ${r.stage} started`}`);
    } catch (error) {
      result.failed.push(`${runLabel(run)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}
