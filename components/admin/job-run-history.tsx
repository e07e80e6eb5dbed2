import Link from "next/link";
import { type JobRunPage, RUN_OUTCOMES } from "@/lib/domain/jobs/list-jobs";
import { Pager } from "../ui/pager";
import { EmptyState, Table, Td } from "../ui/table";
import { duration, JobOutcomeBadge, TRIGGER_WORDS, utc } from "./job-status";

const FILTERS = [{ value: "", label: "All" }, ...RUN_OUTCOMES.map((o) => ({ value: o, label: o[0]!.toUpperCase() + o.slice(1) }))];

/** A job's runs, newest first, paged on the server and filtered by outcome through the URL (?outcome=failed&page=2). */
export function JobRunHistory({ page, basePath }: { page: JobRunPage; basePath: string }) {
  const current = page.outcome ?? "";
  return (
    <section aria-labelledby="run-history">
      <h2 id="run-history" className="mb-2 text-lg font-semibold">
        Runs
      </h2>
      <nav aria-label="Filter runs by outcome" className="mb-3 flex flex-wrap gap-2 text-sm">
        {FILTERS.map((f) => (
          <Link
            key={f.value || "all"}
            href={f.value ? `${basePath}?outcome=${f.value}` : basePath}
            aria-current={current === f.value ? "page" : undefined}
            className={`rounded-md border px-2.5 py-1 ${current === f.value ? "border-slate-900 bg-slate-900 text-white" : "border-slate-400 bg-white text-slate-900 hover:bg-slate-100"}`}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {page.runs.length === 0 ? (
        <EmptyState>{current ? `No ${current} runs in the last 14 days.` : "No runs yet (history is kept for 14 days)."}</EmptyState>
      ) : (
        <Table
          caption="Runs, newest first"
          columns={["Started", "Outcome", "Why it ran", "Attempt", "Took", "Instance", "What it did"]}
          data-testid="job-runs"
        >
          {page.runs.map((run) => (
            <tr key={run.id} data-testid={`run-${run.id}`} data-outcome={run.outcome} data-trigger={run.trigger}>
              <Td className="whitespace-nowrap text-xs">{utc(run.startedAt)}</Td>
              <Td>
                <JobOutcomeBadge outcome={run.outcome} />
              </Td>
              <Td className="text-xs">{TRIGGER_WORDS[run.trigger] ?? run.trigger}</Td>
              <Td>{run.attempt}</Td>
              <Td className="whitespace-nowrap">{duration(run.durationMs)}</Td>
              <Td className="max-w-[12rem] break-words text-xs text-slate-700">{run.instance}</Td>
              <Td className="max-w-md break-words text-xs">
                {run.error ? <span className="text-red-800">{run.error}</span> : (run.summary ?? "—")}
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <Pager page={page.page} pageSize={page.pageSize} total={page.total} params={{ outcome: page.outcome ?? undefined }} />
    </section>
  );
}
