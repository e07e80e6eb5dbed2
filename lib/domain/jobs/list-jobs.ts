import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import { enforce } from "../authz/enforce";
import { DomainError } from "../shared/errors";
import { lastPage } from "../shared/pages";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { describeSchedule } from "./schedule";

export const RUN_OUTCOMES = ["running", "succeeded", "failed", "abandoned"] as const;
export type JobRunOutcome = (typeof RUN_OUTCOMES)[number];

export type JobRunDto = {
  id: string;
  trigger: string;
  attempt: number;
  instance: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  outcome: JobRunOutcome;
  error: string | null;
  summary: string | null;
};

export type JobDto = {
  id: string;
  key: string;
  handler: string;
  description: string | null;
  /** The cron expression, or null for a one-off job. */
  schedule: string | null;
  scheduleInWords: string;
  enabled: boolean;
  nextRunAt: string | null;
  /** Failed attempts of the current due time (0 once a run succeeds or is given up). */
  attempt: number;
  maxAttempts: number;
  /** A run holds the lease now (since lastStartedAt, on leasedBy). */
  running: boolean;
  leasedBy: string | null;
  /** Someone pressed "Run now" and no instance has taken it yet. */
  runRequested: boolean;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastDurationMs: number | null;
  lastOutcome: "succeeded" | "failed" | "retrying" | null;
  lastError: string | null;
  /** Failed or abandoned runs in the 24 hours before now. */
  failuresLast24h: number;
};

export type JobWithRuns = JobDto & { recentRuns: JobRunDto[] };

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

type JobRow = {
  id: string;
  key: string;
  handler: string;
  description: string | null;
  schedule: string | null;
  enabled: boolean;
  nextRunAt: Date | null;
  attempt: number;
  maxAttempts: number;
  leaseUntil: Date | null;
  leasedBy: string | null;
  runRequestedAt: Date | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastDurationMs: number | null;
  lastOutcome: string | null;
  lastError: string | null;
};

export function toJobDto(job: JobRow, now: Date, failuresLast24h = 0): JobDto {
  return {
    id: job.id,
    key: job.key,
    handler: job.handler,
    description: job.description,
    schedule: job.schedule,
    scheduleInWords: describeSchedule(job.schedule),
    enabled: job.enabled,
    nextRunAt: iso(job.nextRunAt),
    attempt: job.attempt,
    maxAttempts: job.maxAttempts,
    running: job.leaseUntil !== null && new Date(job.leaseUntil) > now,
    leasedBy: job.leasedBy,
    runRequested: job.runRequestedAt !== null,
    lastStartedAt: iso(job.lastStartedAt),
    lastFinishedAt: iso(job.lastFinishedAt),
    lastDurationMs: job.lastDurationMs,
    lastOutcome: job.lastOutcome as JobDto["lastOutcome"],
    lastError: job.lastError,
    failuresLast24h,
  };
}

type RunRow = {
  id: bigint | string;
  jobId: string;
  trigger: string;
  attempt: number;
  instance: string;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  outcome: string;
  error: string | null;
  summary: string | null;
};

export const toRunDto = (r: RunRow): JobRunDto => ({
  id: r.id.toString(),
  trigger: r.trigger,
  attempt: r.attempt,
  instance: r.instance,
  startedAt: iso(r.startedAt)!,
  finishedAt: iso(r.finishedAt),
  durationMs: r.durationMs,
  outcome: r.outcome as JobRunOutcome,
  error: r.error,
  summary: r.summary,
});

// ---- the list -------------------------------------------------------------------------------------------

export const JOB_PAGE_SIZE = 50;
export const RECENT_RUNS = 5;
export const JOB_VIEWS = ["all", "problems"] as const;

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const pageField = z.preprocess(
  blankToUndefined,
  z.coerce
    .number({ error: "page must be a number" })
    .int("page must be a whole number")
    .min(1, "page must be 1 or more")
    .max(1_000_000)
    .default(1),
);

export const listJobsSchema = z.object({
  /** problems: jobs whose last run failed or that are retrying. */
  view: z.preprocess(blankToUndefined, z.enum(JOB_VIEWS, { error: "view must be all or problems" }).default("all")),
  page: pageField,
});

export type JobList = { jobs: JobWithRuns[]; view: (typeof JOB_VIEWS)[number]; total: number; page: number; pageSize: number };

/** Each job's last few runs (the (jobId, startedAt) index, read from its end) and its failures of the last day: two statements for the whole page. */
async function runsOf(
  db: Db,
  now: Date,
  ids: readonly string[],
): Promise<{ recent: Map<string, JobRunDto[]>; failures: Map<string, number> }> {
  const recent = new Map<string, JobRunDto[]>();
  const failures = new Map<string, number>();
  if (ids.length === 0) return { recent, failures };
  const list = Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));
  const since = new Date(now.getTime() - 86_400_000);
  const [runs, counts] = await Promise.all([
    db.$queryRaw<RunRow[]>`
      SELECT r.id, r."jobId"::text AS "jobId", r.trigger, r.attempt, r.instance, r."startedAt", r."finishedAt", r."durationMs",
             r.outcome, r.error, r.summary
        FROM "Job" j
        CROSS JOIN LATERAL (
          SELECT * FROM "JobRun" x WHERE x."jobId" = j.id ORDER BY x."startedAt" DESC, x.id DESC LIMIT ${RECENT_RUNS}
        ) r
       WHERE j.id IN (${list})
       ORDER BY r."startedAt" DESC, r.id DESC`,
    db.$queryRaw<{ jobId: string; n: number }[]>`
      SELECT "jobId"::text AS "jobId", count(*)::int AS n FROM "JobRun"
       WHERE "jobId" IN (${list}) AND "startedAt" >= ${since} AND outcome IN ('failed', 'abandoned')
       GROUP BY "jobId"`,
  ]);
  for (const r of runs) {
    const list = recent.get(r.jobId) ?? [];
    list.push(toRunDto(r));
    recent.set(r.jobId, list);
  }
  for (const c of counts) failures.set(c.jobId, Number(c.n));
  return { recent, failures };
}

/**
 * The console's jobs for admins and auditors: recurring ones first (by name), then one-off jobs, the next
 * due first and finished ones after, newest first. Each with its last runs and failures of the last day.
 */
export async function listJobs({ actor, db, clock, input }: UseCaseArgs): Promise<JobList> {
  await enforce(db, clock, actor, "job.list");
  const { view, page } = await validate(listJobsSchema, input);
  const now = clock.now();
  const where: Prisma.JobWhereInput = view === "problems" ? { lastOutcome: { in: ["failed", "retrying"] } } : {};
  const pageOf = (p: number) =>
    db.job.findMany({
      where,
      // Recurring before one-off (schedule null sorts last), then by due time, finished (no next run) last.
      orderBy: [
        { schedule: { sort: "asc", nulls: "last" } },
        { nextRunAt: { sort: "asc", nulls: "last" } },
        { lastFinishedAt: { sort: "desc", nulls: "last" } },
        { key: "asc" },
      ],
      skip: (p - 1) * JOB_PAGE_SIZE,
      take: JOB_PAGE_SIZE,
    });
  const [rows, total] = await Promise.all([pageOf(page), db.job.count({ where })]);
  const last = lastPage(total, JOB_PAGE_SIZE);
  const shown = page <= last ? { rows, page } : { rows: await pageOf(last), page: last };
  // Recurring jobs read best by name; the order above only groups them first.
  const sorted = [
    ...shown.rows.filter((j) => j.schedule !== null).sort((a, b) => a.key.localeCompare(b.key)),
    ...shown.rows.filter((j) => j.schedule === null),
  ];
  const { recent, failures } = await runsOf(
    db,
    now,
    sorted.map((j) => j.id),
  );
  return {
    jobs: sorted.map((j) => ({ ...toJobDto(j, now, failures.get(j.id) ?? 0), recentRuns: recent.get(j.id) ?? [] })),
    view,
    total,
    page: shown.page,
    pageSize: JOB_PAGE_SIZE,
  };
}

// ---- one job and its history ---------------------------------------------------------------------------

export const RUN_PAGE_SIZE = 25;

export const getJobSchema = z.object({
  id: z.uuid("id must be a job id"),
  outcome: z.preprocess(
    (v) => (v === "" || v === null || v === "all" ? undefined : v),
    z.enum(RUN_OUTCOMES, { error: `outcome must be one of ${RUN_OUTCOMES.join(", ")}` }).optional(),
  ),
  page: pageField,
});

export type JobRunPage = { runs: JobRunDto[]; outcome: JobRunOutcome | null; total: number; page: number; pageSize: number };

/** One job with a page of its runs, newest first, optionally only one outcome (?outcome=failed&page=2). */
export async function getJob({ actor, db, clock, input }: UseCaseArgs): Promise<{ job: JobDto; runs: JobRunPage }> {
  await enforce(db, clock, actor, "job.list");
  const { id, outcome, page } = await validate(getJobSchema, input);
  const now = clock.now();
  const job = await db.job.findUnique({ where: { id } });
  if (!job) throw new DomainError("NOT_FOUND", "This job does not exist (any more).");
  const where: Prisma.JobRunWhereInput = { jobId: id, ...(outcome ? { outcome } : {}) };
  const pageOf = (p: number) =>
    db.jobRun.findMany({ where, orderBy: [{ startedAt: "desc" }, { id: "desc" }], skip: (p - 1) * RUN_PAGE_SIZE, take: RUN_PAGE_SIZE });
  const [rows, total, failed] = await Promise.all([
    pageOf(page),
    db.jobRun.count({ where }),
    db.jobRun.count({
      where: { jobId: id, startedAt: { gte: new Date(now.getTime() - 86_400_000) }, outcome: { in: ["failed", "abandoned"] } },
    }),
  ]);
  const last = lastPage(total, RUN_PAGE_SIZE);
  const shown = page <= last ? { rows, page } : { rows: await pageOf(last), page: last };
  return {
    job: toJobDto(job, now, failed),
    runs: { runs: shown.rows.map(toRunDto), outcome: outcome ?? null, total, page: shown.page, pageSize: RUN_PAGE_SIZE },
  };
}
