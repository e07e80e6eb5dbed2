import Link from "next/link";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { JobRunHistory } from "@/components/admin/job-run-history";
import { JobRunNow } from "@/components/admin/job-run-now";
import { duration, JobOutcomeBadge, utc } from "@/components/admin/job-status";
import { NextRun } from "@/components/admin/job-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { can } from "@/lib/domain/authz/policy";
import { getJob } from "@/lib/domain/jobs/list-jobs";

type Params = { outcome?: string; page?: string };

export const metadata = { title: "Job" };

const BACK = { href: "/admin/jobs", label: "Back to jobs" };

export default async function JobPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Params> }) {
  const { id } = await params;
  const query = await searchParams;
  const actor = await requireActor();
  const result = await runAsActor(getJob, { id, outcome: query.outcome, page: query.page });
  if (!result.ok) {
    if (result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
    if (result.code === "NOT_FOUND" || result.fieldErrors?.id)
      return <PageProblem kind="not-found" message="No job has this address." back={BACK} />;
    return (
      <>
        <PageHeader title="Job" />
        <Alert tone="error">{result.message}</Alert>
        <p className="mt-4">
          <Link href={`/admin/jobs/${id}`} className={buttonClass()}>
            Show all runs
          </Link>
        </p>
      </>
    );
  }
  const { job, runs } = result.data;
  const now = new Date();
  const mayRun = can(actor, "job.runNow");
  const troubled = job.lastOutcome === "failed" || job.lastOutcome === "retrying";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/jobs" className="underline">
          ‹ Jobs
        </Link>
      </p>
      <PageHeader title={job.key} description={job.description ?? undefined} />
      {troubled && job.lastError && (
        <div className="mb-6" data-testid="job-failure">
          <Alert tone="error">
            <strong>
              {job.lastOutcome === "failed"
                ? `Failed${job.maxAttempts > 1 ? ` after ${job.maxAttempts} attempts` : ""}`
                : "Failed, will retry"}
            </strong>
            {job.lastFinishedAt && ` (${utc(job.lastFinishedAt)})`}: {job.lastError}
            <span className="mt-1 block">
              {job.lastOutcome === "retrying"
                ? `Attempt ${job.attempt + 1} of ${job.maxAttempts} is due ${job.nextRunAt ? utc(job.nextRunAt) : "soon"}.`
                : job.schedule
                  ? "It runs again at its next scheduled time."
                  : "It is not tried again unless someone runs it now."}
            </span>
          </Alert>
        </div>
      )}
      <dl className="mb-6 grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">Handler</dt>
        <dd>
          <code>{job.handler}</code>
        </dd>
        <dt className="font-medium">Schedule</dt>
        <dd>
          {job.scheduleInWords}
          {job.schedule && (
            <>
              {" "}
              (<code>{job.schedule}</code>)
            </>
          )}
        </dd>
        <dt className="font-medium">Last run</dt>
        <dd>
          {job.lastStartedAt ? (
            <>
              {job.lastOutcome && <JobOutcomeBadge outcome={job.lastOutcome} />} started {utc(job.lastStartedAt)}
              {job.lastDurationMs !== null && `, took ${duration(job.lastDurationMs)}`}
            </>
          ) : (
            "not run yet"
          )}
        </dd>
        <dt className="font-medium">Next run</dt>
        <dd>
          <NextRun job={job} now={now} />
        </dd>
        <dt className="font-medium">Attempts</dt>
        <dd>
          {job.maxAttempts === 1
            ? "a failed run is not retried: the next scheduled run takes up the work"
            : `a failed run is tried up to ${job.maxAttempts} times in all`}
          {job.attempt > 0 && `; ${job.attempt} failed so far`}
        </dd>
        <dt className="font-medium">Failures in the last 24 hours</dt>
        <dd className={job.failuresLast24h > 0 ? "font-medium text-red-800" : ""}>{job.failuresLast24h}</dd>
      </dl>
      {mayRun && (
        <section aria-labelledby="job-actions" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="job-actions" className="mb-1 text-base font-semibold">
            Run it now
          </h2>
          <p className="mb-3 text-sm text-slate-700">
            One run starts within seconds, on whichever instance polls first
            {job.schedule ? "; then the job goes back to its schedule" : " (a one-off job runs once more, with the same payload)"}. Recorded
            in the audit log.
          </p>
          <JobRunNow id={job.id} jobKey={job.key} running={job.running} size="md" />
        </section>
      )}
      <JobRunHistory page={runs} basePath={`/admin/jobs/${job.id}`} />
      <RefreshWhile active={job.running || job.runRequested} />
    </>
  );
}
