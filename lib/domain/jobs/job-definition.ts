import type { Db } from "@/lib/db/types";
import type { SystemActor } from "../authz/actor";
import type { Clock } from "../shared/clock";

/** What a job's handler is given: the database, the (injected) clock, the system actor it acts as, its payload. */
export type JobContext = {
  db: Db;
  clock: Clock;
  /** "system:job:<key>": jobs act as the system actor, with the grants the policy table gives it (`system: true`). */
  actor: SystemActor;
  payload: unknown;
};

/**
 * A handler returns a one-line summary of what it did ("sent 3 emails"), shown on the admin's page. `idle`
 * says it found nothing to do: a scheduled idle run updates the job's last run but keeps no history row, so
 * jobs that poll every few seconds leave a history of the runs that did something (and the failures).
 */
export type JobHandler = (ctx: JobContext) => Promise<{ summary?: string; idle?: boolean } | void>;

/**
 * A kind of job the console knows. Recurring ones are created from `schedule` at start-up if missing;
 * one-off ones are scheduled by the workflows (scheduleOnce) with a key of their own.
 */
export type JobDefinition = {
  handler: string;
  /** What it is for, in the admin's words. */
  description: string;
  run: JobHandler;
  /** A cron expression (croner syntax; six fields for seconds) for a recurring job. */
  schedule?: string;
  maxAttempts?: number;
};
