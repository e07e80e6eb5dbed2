import Link from "next/link";
import type { JobWithRuns } from "@/lib/domain/jobs/list-jobs";
import { relativeTime } from "../ui/relative-time";
import { EmptyState, Table, Td } from "../ui/table";
import { JobRunNow } from "./job-run-now";
import { duration, JobOutcomeBadge, untilNext, utc } from "./job-status";

/** When it runs next, in words: running now, asked for, in 5 seconds, or not again. */
export function NextRun({ job, now }: { job: JobWithRuns | Omit<JobWithRuns, "recentRuns">; now: Date }) {
  if (job.running)
    return (
      <>
        <span className="font-medium text-sky-900">running now</span>
        {job.leasedBy && <span className="block text-xs text-slate-600">on {job.leasedBy}</span>}
      </>
    );
  if (!job.enabled) return <span className="text-slate-600">disabled</span>;
  if (!job.nextRunAt) return <span className="text-slate-600">not again{job.schedule ? "" : " (one-off, done)"}</span>;
  // Due for minutes and not taken: no instance runs jobs (JOBS_ENABLED=false everywhere), or none knows its handler.
  if (new Date(job.nextRunAt).getTime() < now.getTime() - 5 * 60_000)
    return (
      <>
        <span className="font-medium text-amber-900">overdue</span>
        <span className="block text-xs text-slate-600">due {utc(job.nextRunAt)}</span>
        <span className="block max-w-[14rem] whitespace-normal text-xs text-slate-600">
          No instance has taken it: is the scheduler on (JOBS_ENABLED), and does this version know {job.handler}?
        </span>
      </>
    );
  return (
    <>
      <span title={utc(job.nextRunAt)}>{job.runRequested ? "asked for, starting" : untilNext(job.nextRunAt, now)}</span>
      <span className="block text-xs text-slate-600">{utc(job.nextRunAt)}</span>
      {job.lastOutcome === "retrying" && (
        <span className="block text-xs text-amber-900">
          retry {job.attempt + 1} of {job.maxAttempts}
        </span>
      )}
    </>
  );
}

/** Each job with its schedule, last run, next run and failures; the last five runs as a strip. */
export function JobTable({ jobs, now, mayRun }: { jobs: JobWithRuns[]; now: Date; mayRun: boolean }) {
  if (jobs.length === 0) return <EmptyState>No jobs here.</EmptyState>;
  return (
    <Table
      caption="The console's jobs"
      columns={["Job", "Schedule", "Last run", "Next run", "Failures (24 h)", ...(mayRun ? [{ label: "Actions", hidden: true }] : [])]}
      data-testid="job-table"
    >
      {jobs.map((job) => (
        <tr key={job.id} data-testid={`job-${job.key}`} data-outcome={job.lastOutcome ?? "none"}>
          <Td className="max-w-sm">
            <Link href={`/admin/jobs/${job.id}`} className="font-medium underline">
              {job.key}
            </Link>
            {job.key !== job.handler && (
              <span className="block text-xs text-slate-600">
                handler <code>{job.handler}</code>
              </span>
            )}
            {job.description && <span className="mt-0.5 block text-xs text-slate-700">{job.description}</span>}
          </Td>
          <Td className="whitespace-nowrap">
            {job.scheduleInWords}
            {job.schedule && <code className="block text-xs text-slate-600">{job.schedule}</code>}
          </Td>
          <Td className="max-w-xs">
            {job.lastStartedAt ? (
              <>
                {job.lastOutcome ? <JobOutcomeBadge outcome={job.lastOutcome} /> : <JobOutcomeBadge outcome="running" />}{" "}
                <span className="text-xs text-slate-700" title={utc(job.lastStartedAt)}>
                  {relativeTime(job.lastStartedAt, now)}
                </span>
                <span className="block text-xs text-slate-600">
                  {job.lastDurationMs !== null && `took ${duration(job.lastDurationMs)}`}
                  {job.recentRuns[0]?.summary && job.recentRuns[0].outcome === "succeeded" && ` · ${job.recentRuns[0].summary}`}
                </span>
                <RecentRuns job={job} />
              </>
            ) : (
              <span className="text-slate-600">not run yet</span>
            )}
          </Td>
          <Td className="whitespace-nowrap">
            <NextRun job={job} now={now} />
          </Td>
          <Td className="max-w-xs">
            {job.failuresLast24h > 0 ? (
              <span className="font-medium text-red-800">{job.failuresLast24h}</span>
            ) : (
              <span className="text-slate-600">none</span>
            )}
            {job.lastError && (job.lastOutcome === "failed" || job.lastOutcome === "retrying") && (
              <span className="mt-1 block break-words text-xs text-red-800" data-testid="job-error">
                {job.lastError.length > 200 ? `${job.lastError.slice(0, 199)}…` : job.lastError}
              </span>
            )}
          </Td>
          {mayRun && (
            <Td className="whitespace-nowrap">
              <JobRunNow id={job.id} jobKey={job.key} running={job.running} />
            </Td>
          )}
        </tr>
      ))}
    </Table>
  );
}

/** The last runs, newest first, each a word on a tint with its time on hover. */
function RecentRuns({ job }: { job: JobWithRuns }) {
  if (job.recentRuns.length < 2) return null;
  return (
    <ol className="mt-1 flex flex-wrap gap-1" aria-label={`Last ${job.recentRuns.length} runs of ${job.key}, newest first`}>
      {job.recentRuns.map((run) => (
        <li key={run.id} title={`${utc(run.startedAt)}${run.error ? `: ${run.error}` : ""}`}>
          <span className={`block h-2.5 w-2.5 rounded-full ${DOT[run.outcome]}`} aria-hidden />
          <span className="sr-only">{run.outcome}</span>
        </li>
      ))}
    </ol>
  );
}

const DOT: Record<string, string> = {
  succeeded: "bg-emerald-600",
  running: "bg-sky-600",
  failed: "bg-red-700",
  abandoned: "bg-red-400",
};
