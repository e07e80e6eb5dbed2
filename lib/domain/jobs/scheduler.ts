import { Prisma } from "@/lib/db/generated/client";
import type { Db, JsonValue, Tx } from "@/lib/db/types";
import { systemActor } from "../authz/actor";
import { emitEvent } from "../notifications/emit-event";
import type { Clock } from "../shared/clock";
import { DomainError } from "../shared/errors";
import { redactSecrets } from "../shared/redact-secrets";
import type { JobDefinition } from "./job-definition";
import { nextCronTime, scheduleProblem } from "./schedule";

// The scheduler's core, framework-free and driven by an injected clock (lib/server/scheduler.ts is the loop
// that calls it every second). Jobs are rows of "Job"; a run is a row of "JobRun".
//
// Each due run happens once, however many instances poll: claimDueJobs takes due rows with
// `FOR UPDATE SKIP LOCKED` and, in the same statement, gives them a lease (leaseUntil, leasedBy). Another
// instance skips a locked row and, once the claim commits, no longer sees it as due. The lease is extended
// while the handler runs; when the run ends, the outcome is written only if the lease is still this run's,
// and the lease is cleared. A lease still set when it expires means the instance died mid-run: the next
// claim marks that run `abandoned` (counting it as a failed attempt) and runs the job again (trigger `lease`).

export const DEFAULT_LEASE_MS = 5 * 60_000;
/** The first retry waits this long, then twice as long each time, up to RETRY_CAP_MS. */
export const RETRY_BASE_MS = 30_000;
export const RETRY_CAP_MS = 60 * 60_000;
export const DEFAULT_MAX_ATTEMPTS = 5;
const MAX_ERROR = 2_000;
const MAX_SUMMARY = 500;

export type RunTrigger = "schedule" | "retry" | "lease" | "manual";
export type RunOutcome = "succeeded" | "retrying" | "failed";

/** The wait before retry number `failures` (1 after the first failure): 30 s, 1 min, 2 min, … capped at an hour. */
export const retryDelayMs = (failures: number) => Math.min(RETRY_BASE_MS * 2 ** Math.max(0, failures - 1), RETRY_CAP_MS);

/** What one system actor is called while it runs a job: "system:job:<key>". */
export const jobActorLabel = (key: string) => `system:job:${key}`;

// ---- creating jobs --------------------------------------------------------------------------------------

/**
 * Creates the recurring jobs of the definitions that have a schedule (key = handler) with their first due
 * time, and brings existing ones up to date: a changed schedule is due at its next time under the new one;
 * descriptions and attempt limits follow the code. Safe when several instances start at once.
 */
export async function ensureRecurringJobs(
  db: Db,
  clock: Clock,
  definitions: readonly JobDefinition[],
): Promise<{ created: string[]; updated: string[] }> {
  const now = clock.now();
  const recurring = definitions.filter((d) => d.schedule);
  for (const d of recurring) {
    const problem = scheduleProblem(d.schedule!);
    if (problem) throw new Error(`Job ${d.handler}: its schedule "${d.schedule}" cannot be used: ${problem}`);
  }
  const existing = new Map(
    (await db.job.findMany({ where: { key: { in: recurring.map((d) => d.handler) } } })).map((j) => [j.key, j] as const),
  );
  const missing = recurring.filter((d) => !existing.has(d.handler));
  const created = missing.length
    ? await db.job.createManyAndReturn({
        data: missing.map((d) => ({
          key: d.handler,
          handler: d.handler,
          description: d.description,
          schedule: d.schedule!,
          maxAttempts: d.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          nextRunAt: nextCronTime(d.schedule!, now),
          createdAt: now,
        })),
        skipDuplicates: true,
        select: { key: true },
      })
    : [];
  const updated: string[] = [];
  for (const d of recurring) {
    const job = existing.get(d.handler);
    if (!job) continue;
    const maxAttempts = d.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const scheduleChanged = job.schedule !== d.schedule;
    if (!scheduleChanged && job.description === d.description && job.maxAttempts === maxAttempts && job.handler === d.handler) continue;
    await db.job.update({
      where: { id: job.id },
      data: {
        handler: d.handler,
        description: d.description,
        maxAttempts,
        ...(scheduleChanged ? { schedule: d.schedule!, nextRunAt: nextCronTime(d.schedule!, now), attempt: 0 } : {}),
      },
    });
    updated.push(d.handler);
  }
  // One-off jobs of a handler take its description (they are created by workflows that do not know it).
  for (const d of definitions.filter((d) => !d.schedule))
    await db.job.updateMany({
      where: { handler: d.handler, schedule: null, OR: [{ description: null }, { description: { not: d.description } }] },
      data: { description: d.description },
    });
  return { created: created.map((c) => c.key), updated };
}

export type OneOffJob = {
  /** Unique: the same key twice is the same job ("breakglass.expire:<grant id>"). */
  key: string;
  handler: string;
  runAt: Date;
  payload?: JsonValue;
  maxAttempts?: number;
  description?: string;
  /** When the key exists already: false (default) keeps it as it is; true moves it to runAt with this payload. */
  replace?: boolean;
};

/**
 * Schedules a one-off job in the caller's transaction (so it exists only if the workflow commits), to run at
 * `runAt` to the second. Idempotent by key. Returns whether this call created it.
 */
export async function scheduleOnce(tx: Tx, job: OneOffJob): Promise<{ created: boolean }> {
  if (!job.key || job.key.length > 300) throw new DomainError("VALIDATION", "A job's key must be 1 to 300 characters.");
  if (!job.handler) throw new DomainError("VALIDATION", "A job needs a handler.");
  if (!(job.runAt instanceof Date) || Number.isNaN(job.runAt.getTime()))
    throw new DomainError("VALIDATION", "A job needs a time to run at.");
  const payload = job.payload === undefined ? Prisma.DbNull : job.payload;
  const { count } = await tx.job.createMany({
    data: [
      {
        key: job.key,
        handler: job.handler,
        description: job.description ?? null,
        payload,
        nextRunAt: job.runAt,
        maxAttempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 1 || !job.replace) return { created: count === 1 };
  // Moved (a grant extended): not while it runs; that run's outcome decides.
  await tx.job.updateMany({
    where: { key: job.key, schedule: null, leaseUntil: null },
    data: { nextRunAt: job.runAt, payload, attempt: 0, handler: job.handler },
  });
  return { created: false };
}

/** Takes a one-off job off the schedule (a grant revoked before its end): it stays listed, with no next run. */
export async function cancelScheduled(tx: Tx, key: string): Promise<boolean> {
  const { count } = await tx.job.updateMany({ where: { key, schedule: null, leaseUntil: null }, data: { nextRunAt: null } });
  return count > 0;
}

// ---- claiming ------------------------------------------------------------------------------------------

export type ClaimedJob = {
  id: string;
  key: string;
  handler: string;
  schedule: string | null;
  payload: unknown;
  /** Failed attempts before this run (an abandoned run counts). */
  attempt: number;
  maxAttempts: number;
  /** What the previous run ended as; a recurring job tells admins only when it starts failing. */
  previousOutcome: string | null;
  trigger: RunTrigger;
  /** This run's lease: the outcome is written only while the row still carries it. */
  leaseUntil: Date;
  runId: bigint;
};

type ClaimRow = Omit<ClaimedJob, "runId" | "leaseUntil"> & { leaseUntil: Date; abandoned: boolean };

/**
 * Claims up to `limit` due jobs of these handlers for `instance`, once: the rows are locked with SKIP LOCKED
 * (another instance polling at the same moment takes other rows or none) and leased in the same statement.
 * A job whose previous lease expired mid-run is taken up again: that run is marked `abandoned` and the new
 * one's trigger is `lease`. Each claimed job gets its JobRun row (`running`) in the same transaction.
 */
export async function claimDueJobs(
  db: Db,
  clock: Clock,
  instance: string,
  leaseMs: number,
  limit: number,
  handlers: readonly string[],
): Promise<ClaimedJob[]> {
  if (handlers.length === 0 || limit < 1) return [];
  // Every claimer (the server's loop and runDueJobs) first realigns what a clock set back left waiting.
  await realignRecurring(db, clock);
  const now = clock.now();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<ClaimRow[]>`
      WITH due AS (
        SELECT id, "leaseUntil" AS "expiredLease", "runRequestedAt", "lastOutcome" FROM "Job"
         WHERE enabled AND "nextRunAt" <= ${now}
           AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
           AND handler IN (${Prisma.join(handlers)})
         ORDER BY "nextRunAt", id
         LIMIT ${limit}
         FOR UPDATE SKIP LOCKED
      )
      UPDATE "Job" j
         SET "leaseUntil" = ${leaseUntil}, "leasedBy" = ${instance}, "lastStartedAt" = ${now}, "runRequestedAt" = NULL,
             attempt = CASE WHEN due."expiredLease" IS NOT NULL THEN j.attempt + 1 ELSE j.attempt END
        FROM due
       WHERE j.id = due.id
      RETURNING j.id::text AS id, j.key, j.handler, j.schedule, j.payload, j.attempt, j."maxAttempts",
                due."lastOutcome" AS "previousOutcome", j."leaseUntil",
                due."expiredLease" IS NOT NULL AS abandoned,
                CASE WHEN due."expiredLease" IS NOT NULL THEN 'lease'
                     WHEN due."runRequestedAt" IS NOT NULL THEN 'manual'
                     WHEN j.attempt > 0 THEN 'retry'
                     ELSE 'schedule' END AS trigger`;
    if (rows.length === 0) return [];
    const abandonedIds = rows.filter((r) => r.abandoned).map((r) => r.id);
    if (abandonedIds.length)
      await tx.jobRun.updateMany({
        where: { jobId: { in: abandonedIds }, outcome: "running" },
        data: {
          outcome: "abandoned",
          finishedAt: now,
          error: "Its instance stopped before the run finished (its lease expired); run again.",
        },
      });
    const claimed: ClaimedJob[] = [];
    for (const { abandoned: _, ...row } of rows) {
      const run = await tx.jobRun.create({
        data: { jobId: row.id, trigger: row.trigger, attempt: row.attempt + 1, instance, startedAt: now, outcome: "running" },
        select: { id: true },
      });
      claimed.push({ ...row, leaseUntil: new Date(row.leaseUntil), runId: run.id });
    }
    return claimed;
  });
}

// ---- running -------------------------------------------------------------------------------------------

export type JobRunResult = {
  jobKey: string;
  handler: string;
  runId: string;
  trigger: RunTrigger;
  /** succeeded; retrying (failed, will run again at nextAttemptAt); failed (given up); lost (another instance took the lease). */
  outcome: RunOutcome | "lost";
  /** 1 for the first run of a due time. */
  attempt: number;
  durationMs: number;
  error?: unknown;
  summary?: string;
  /** It found nothing to do (no history row kept). */
  idle?: boolean;
  nextAttemptAt?: Date | null;
};

export type RunOptions = {
  instance: string;
  leaseMs: number;
  /** How often the lease is extended while the handler runs (real time); default a third of the lease. */
  heartbeatMs?: number;
};

/** Text for the database and the admin's page: secrets redacted, cut to `max`. */
async function storable(text: string, max: number): Promise<string> {
  // Cut before and after: redaction can only shorten a text it is given whole, but a long one costs time.
  const redacted = await redactSecrets(text.slice(0, max * 2).replace(/\u0000/g, ""));
  return redacted.length > max ? `${redacted.slice(0, max - 1)}…` : redacted;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message || error.name : String(error));

/**
 * Runs one claimed job as the system actor `system:job:<key>` and records the outcome: the JobRun row, and
 * on the job: success resets the attempts and sets the next due time (the schedule's next, or none for a
 * one-off); a failure is retried after a backoff while attempts remain, then marked `failed` with its error
 * (a one-off is left without a next run, a recurring job waits for its next time) and told to admins
 * (`job.failed`). Never throws for the handler's sake.
 */
export async function runJob(
  db: Db,
  clock: Clock,
  job: ClaimedJob,
  definition: JobDefinition | undefined,
  options: RunOptions,
): Promise<JobRunResult> {
  const started = performance.now();
  let lease = job.leaseUntil;
  const heartbeatMs = options.heartbeatMs ?? Math.max(1_000, Math.floor(options.leaseMs / 3));
  let beating: Promise<unknown> = Promise.resolve();
  const heartbeat = setInterval(() => {
    beating = beating.then(async () => {
      const next = new Date(clock.now().getTime() + options.leaseMs);
      const { count } = await db.job
        .updateMany({ where: { id: job.id, leasedBy: options.instance, leaseUntil: lease }, data: { leaseUntil: next } })
        .catch(() => ({ count: 0 }));
      if (count === 1) lease = next;
    });
  }, heartbeatMs);
  heartbeat.unref?.();

  let summary: string | undefined;
  let idle = false;
  let failure: unknown;
  let failed = false;
  try {
    if (!definition) throw new Error(`No handler named ${job.handler} in this version of the console.`);
    const result = await definition.run({ db, clock, actor: systemActor(jobActorLabel(job.key)), payload: job.payload });
    summary = result?.summary;
    idle = result?.idle === true;
  } catch (error) {
    failed = true;
    failure = error;
  } finally {
    clearInterval(heartbeat);
    await beating;
  }
  const durationMs = Math.round(performance.now() - started);
  const attempt = job.attempt + 1;
  const base = { jobKey: job.key, handler: job.handler, runId: job.runId.toString(), trigger: job.trigger, attempt, durationMs };
  const now = clock.now();
  const next = job.schedule ? nextCronTime(job.schedule, now) : null;

  if (!failed) {
    const storedSummary = summary ? await storable(summary, MAX_SUMMARY) : null;
    const kept = await finish(db, job, lease, options.instance, {
      run: { outcome: "succeeded", finishedAt: now, durationMs, summary: storedSummary },
      job: { attempt: 0, nextRunAt: next, lastFinishedAt: now, lastDurationMs: durationMs, lastOutcome: "succeeded", lastError: null },
      // An idle run on schedule leaves no history row (the job row still says when it last ran).
      dropRun: idle && job.trigger === "schedule",
    });
    return { ...base, outcome: kept ? "succeeded" : "lost", summary: storedSummary ?? undefined, idle, nextAttemptAt: next };
  }

  const error = await storable(messageOf(failure), MAX_ERROR);
  const failures = attempt;
  const retry = failures < job.maxAttempts;
  const retryAt = new Date(now.getTime() + retryDelayMs(failures));
  const kept = await finish(
    db,
    job,
    lease,
    options.instance,
    {
      run: { outcome: "failed", finishedAt: now, durationMs, error },
      job: retry
        ? {
            attempt: failures,
            nextRunAt: retryAt,
            lastFinishedAt: now,
            lastDurationMs: durationMs,
            lastOutcome: "retrying",
            lastError: error,
          }
        : { attempt: 0, nextRunAt: next, lastFinishedAt: now, lastDurationMs: durationMs, lastOutcome: "failed", lastError: error },
    },
    // A recurring job that keeps failing is news once, when it starts; each one-off that fails is news.
    retry || (job.schedule && job.previousOutcome === "failed") ? undefined : (tx) => tellAdmins(tx, clock, job, failures, error),
  );
  return {
    ...base,
    outcome: kept ? (retry ? "retrying" : "failed") : "lost",
    error: failure,
    nextAttemptAt: retry ? retryAt : next,
  };
}

type Finish = {
  run: Prisma.JobRunUpdateManyMutationInput;
  job: Prisma.JobUpdateManyMutationInput;
  dropRun?: boolean;
};

/** Records the outcome if the lease is still this run's (else another instance took the job up: nothing is written but the run). */
async function finish(
  db: Db,
  job: ClaimedJob,
  lease: Date,
  instance: string,
  f: Finish,
  after?: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.job.updateMany({
      where: { id: job.id, leasedBy: instance, leaseUntil: lease },
      data: { ...f.job, leaseUntil: null },
    });
    // The run row is written either way, unless the instance that took over marked it abandoned.
    if (f.dropRun && count === 1) await tx.jobRun.deleteMany({ where: { id: job.runId, outcome: "running" } });
    else await tx.jobRun.updateMany({ where: { id: job.runId, outcome: "running" }, data: f.run });
    if (count === 1 && after) await after(tx);
    return count === 1;
  });
}

/** `job.failed` to the active admins, with the error (already redacted). A notification that cannot be recorded never hides the failure. */
async function tellAdmins(tx: Tx, clock: Clock, job: ClaimedJob, attempts: number, error: string): Promise<void> {
  const admins = await tx.user.findMany({ where: { status: "active", roles: { has: "admin" } }, select: { id: true } });
  if (admins.length === 0) return;
  const day = clock.now().toISOString().slice(0, 10);
  try {
    await emitEvent(tx, clock, {
      type: "job.failed",
      recipients: admins.map((a) => a.id),
      title: `Job ${job.key.slice(0, 150)} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}`,
      body:
        `The console's job ${job.key} (${job.handler}) failed and will not be tried again` +
        (job.schedule ? " until its next scheduled time" : "") +
        `.\n\nIts error: ${error.slice(0, 1_000)}\n\nOpen the job to see its runs, and run it again once the cause is fixed.`,
      link: `/admin/jobs/${job.id}`,
      // One entry (and at most one mail) per job and day, however often a recurring job fails.
      dedupeKey: `job.failed:${job.key.slice(0, 250)}:${day}`,
      data: { jobId: job.id, jobKey: job.key, handler: job.handler, attempts, runId: job.runId.toString() },
    });
  } catch (e) {
    // A VALIDATION refusal is thrown before anything is written, so the transaction is still good.
    if (!(e instanceof DomainError)) throw e;
  }
}

// ---- one pass ------------------------------------------------------------------------------------------

/**
 * Claims what is due and runs it, all claimed jobs at once; returns each run's result. What the server's
 * loop does every second, and what tests call with a clock of their own.
 */
export async function runDueJobs(
  db: Db,
  clock: Clock,
  definitions: readonly JobDefinition[],
  options: RunOptions & { limit?: number },
): Promise<JobRunResult[]> {
  const byHandler = new Map(definitions.map((d) => [d.handler, d]));
  const claimed = await claimDueJobs(db, clock, options.instance, options.leaseMs, options.limit ?? 10, [...byHandler.keys()]);
  return Promise.all(claimed.map((job) => runJob(db, clock, job, byHandler.get(job.handler), options)));
}

/**
 * A recurring job's next run is never later than its schedule's next time from now: a clock set back (an NTP step,
 * a test that moved the server's clock forward and back) would otherwise leave it waiting for a time that no longer
 * comes next. One read of the few recurring jobs scheduled ahead, an update only for one that drifted.
 */
export async function realignRecurring(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const ahead = await db.job.findMany({
    where: { schedule: { not: null }, nextRunAt: { gt: now }, leaseUntil: null },
    select: { id: true, schedule: true, nextRunAt: true },
  });
  let moved = 0;
  for (const job of ahead) {
    const next = nextCronTime(job.schedule!, now);
    if (!next || !job.nextRunAt || job.nextRunAt.getTime() <= next.getTime()) continue;
    const { count } = await db.job.updateMany({
      where: { id: job.id, nextRunAt: job.nextRunAt, leaseUntil: null },
      data: { nextRunAt: next },
    });
    moved += count;
  }
  return moved;
}
