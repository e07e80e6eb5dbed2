import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/lib/db/types";
import type { JobDefinition } from "@/lib/domain/jobs/job-definition";
import { claimDueJobs, DEFAULT_LEASE_MS, ensureRecurringJobs, type JobRunResult, runJob } from "@/lib/domain/jobs/scheduler";
import { setSchedulerWake, wakeScheduler } from "@/lib/domain/jobs/wake";
import type { Clock } from "@/lib/domain/shared/clock";
import { serverClock } from "./clock";
import { logJobRun } from "./logger";

// The process's scheduler loop: every second (and at once when woken), it claims due jobs and runs them.
// Claims are exclusive across instances (lib/domain/jobs/scheduler.ts), so every instance may run this loop;
// runs go on while the loop keeps polling, so a slow job never holds up the others.

export { wakeScheduler };

const TICK_MS = 1_000;
/** At most this many runs at once in this process. */
const MAX_CONCURRENT = 4;

export type JobRunListener = (run: JobRunResult) => void;

export type SchedulerOptions = {
  db: Db;
  definitions: readonly JobDefinition[];
  clock?: Clock;
  instance?: string;
  leaseMs?: number;
  tickMs?: number;
};

export type Scheduler = { instance: string; stop(): Promise<void>; wake(): void; onJobRun(listener: JobRunListener): () => void };

/** This process's name in leases and run records: host, pid and a random suffix (two processes never share one). */
export const instanceId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

/** One line per job run in the server's log (lib/server/logger.ts). */
export function logRun(run: JobRunResult): void {
  // Polling jobs that found nothing to do run every few seconds: not worth a line each.
  if (run.idle && run.outcome === "succeeded") return;
  void logJobRun({
    jobKey: run.jobKey,
    handler: run.handler,
    runId: run.runId,
    outcome: run.outcome === "lost" ? "lost-lease" : run.outcome,
    durationMs: run.durationMs,
    attempt: run.attempt,
    error: run.error,
    summary: run.summary,
    nextAttemptAt: run.outcome === "retrying" ? run.nextAttemptAt : undefined,
  });
}

/** Starts the loop: creates or updates the recurring jobs first, then polls. */
export async function startScheduler(options: SchedulerOptions): Promise<Scheduler> {
  const { db, definitions } = options;
  const clock = options.clock ?? serverClock;
  const instance = options.instance ?? instanceId();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const tickMs = options.tickMs ?? TICK_MS;
  const byHandler = new Map(definitions.map((d) => [d.handler, d]));
  const handlers = [...byHandler.keys()];
  const listeners = new Set<JobRunListener>([logRun]);
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | null = null;
  let again = false;

  await ensureRecurringJobs(db, clock, definitions);

  const poll = async () => {
    const room = MAX_CONCURRENT - inFlight.size;
    if (room <= 0) return;
    const claimed = await claimDueJobs(db, clock, instance, leaseMs, room, handlers);
    for (const job of claimed) {
      const run: Promise<void> = runJob(db, clock, job, byHandler.get(job.handler), { instance, leaseMs })
        .then((result) => {
          for (const listener of listeners) {
            try {
              listener(result);
            } catch {
              // A listener's fault is not the job's.
            }
          }
        })
        .catch((error: unknown) => console.error(`[nhi] job ${job.key}: its outcome could not be recorded:`, error))
        .finally(() => {
          inFlight.delete(run);
          // A slot is free: anything left waiting is taken at once.
          if (!stopped) wake();
        });
      inFlight.add(run);
    }
  };

  const tick = () => {
    if (stopped) return;
    if (polling) {
      again = true;
      return;
    }
    clearTimeout(timer);
    polling = poll()
      .catch((error: unknown) => console.error("[nhi] scheduler: could not look for due jobs:", (error as Error).message))
      .finally(() => {
        polling = null;
        if (stopped) return;
        if (again) {
          again = false;
          setImmediate(tick);
        } else schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(tick, tickMs);
    timer.unref();
  };
  const wake = () => {
    if (!stopped) setImmediate(tick);
  };

  setSchedulerWake(wake);
  tick();

  return {
    instance,
    wake,
    onJobRun(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      setSchedulerWake(null);
      await polling;
      // Runs in progress finish and record their outcome; a run cut short is taken up again after its lease.
      await Promise.allSettled([...inFlight]);
    },
  };
}

// ---- the process's one scheduler -------------------------------------------------------------------------

const state = globalThis as typeof globalThis & { __nhiScheduler?: Promise<Scheduler> };

/** Starts the process's scheduler once (lib/server/start-up.ts); later calls return the same one. */
export function startProcessScheduler(options: SchedulerOptions): Promise<Scheduler> {
  state.__nhiScheduler ??= startScheduler(options);
  return state.__nhiScheduler;
}

/** Adds a listener told of every job run in this process (the log line is one already). */
export async function onJobRun(listener: JobRunListener): Promise<() => void> {
  const scheduler = await state.__nhiScheduler;
  if (!scheduler) return () => {};
  return scheduler.onJobRun(listener);
}

/** Stops the process's scheduler, letting runs in progress finish. */
export async function stopProcessScheduler(): Promise<void> {
  const scheduler = state.__nhiScheduler;
  state.__nhiScheduler = undefined;
  await (await scheduler)?.stop();
}
