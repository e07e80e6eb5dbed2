import Link from "next/link";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { JobTable } from "@/components/admin/job-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { Pager } from "@/components/ui/pager";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { can } from "@/lib/domain/authz/policy";
import { listJobs } from "@/lib/domain/jobs/list-jobs";

export const metadata = { title: "Jobs" };

const VIEWS = [
  { value: "all", label: "All jobs" },
  { value: "problems", label: "Failing or retrying" },
] as const;

export default async function JobsPage({ searchParams }: { searchParams: Promise<{ view?: string; page?: string }> }) {
  const query = await searchParams;
  const actor = await requireActor();
  const result = await runAsActor(listJobs, { view: query.view, page: query.page });
  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
  const mayRun = can(actor, "job.runNow");
  const now = new Date();
  const view = result.ok ? result.data.view : "all";
  return (
    <>
      <PageHeader
        title="Jobs"
        description="The console's own work: delivering notifications and webhooks, checking credentials, and one-off jobs the workflows set (such as ending a break-glass grant on time). Each due run happens once, on one instance, as the system actor."
      />
      <p className="mb-4 max-w-3xl text-sm text-slate-700">
        A failed run is tried again after 30 seconds, then 1, 2, 4 minutes… until the job&apos;s attempts are used up; then it is marked{" "}
        <strong>failed</strong> with its error, and admins are told in their inbox. A run whose instance stopped is taken up again by
        another after 5 minutes. Times are UTC.
      </p>
      <nav aria-label="Which jobs" className="mb-3 flex flex-wrap gap-2 text-sm">
        {VIEWS.map((v) => (
          <Link
            key={v.value}
            href={v.value === "all" ? "/admin/jobs" : `/admin/jobs?view=${v.value}`}
            aria-current={view === v.value ? "page" : undefined}
            className={`rounded-md border px-2.5 py-1 ${view === v.value ? "border-slate-900 bg-slate-900 text-white" : "border-slate-400 bg-white text-slate-900 hover:bg-slate-100"}`}
          >
            {v.label}
          </Link>
        ))}
      </nav>
      {result.ok ? (
        <>
          {result.data.jobs.length === 0 && view === "problems" ? (
            <Alert tone="success">No job is failing or retrying.</Alert>
          ) : (
            <JobTable jobs={result.data.jobs} now={now} mayRun={mayRun} />
          )}
          {result.data.total > result.data.pageSize && (
            <Pager page={result.data.page} pageSize={result.data.pageSize} total={result.data.total} params={{ view: query.view }} />
          )}
          <RefreshWhile active={result.data.jobs.some((j) => j.runRequested || (j.running && j.schedule === null))} />
        </>
      ) : (
        <Alert tone="error">{result.message}</Alert>
      )}
    </>
  );
}
