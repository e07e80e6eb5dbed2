import type { Clock } from "../shared/clock";
import type { Db } from "@/lib/db/types";
import type { JobDefinition } from "./job-definition";

/** How long the run history of each job is kept. */
export const RUN_HISTORY_DAYS = 14;
const BATCH = 5_000;

/** Deletes finished runs older than RUN_HISTORY_DAYS, in batches (by the startedAt index); returns how many. */
export async function pruneJobRuns(db: Db, clock: Clock, days = RUN_HISTORY_DAYS): Promise<number> {
  const before = new Date(clock.now().getTime() - days * 86_400_000);
  let total = 0;
  for (let i = 0; i < 100; i += 1) {
    const n = await db.$executeRaw`
      DELETE FROM "JobRun" WHERE id IN (
        SELECT id FROM "JobRun" WHERE "startedAt" < ${before} AND outcome <> 'running' ORDER BY "startedAt" LIMIT ${BATCH}
      )`;
    total += n;
    if (n < BATCH) break;
  }
  return total;
}

/** The scheduler's own upkeep: jobs that run every few seconds would otherwise fill JobRun without end. */
export function jobHousekeeping(): JobDefinition[] {
  return [
    {
      handler: "jobs.pruneRuns",
      description: `Removes job run history older than ${RUN_HISTORY_DAYS} days`,
      schedule: "0 17 * * * *",
      async run({ db, clock }) {
        const n = await pruneJobRuns(db, clock);
        return { summary: n === 0 ? "nothing to remove" : `${n.toLocaleString("en-US")} old runs removed` };
      },
    },
  ];
}
