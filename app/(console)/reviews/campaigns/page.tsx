import Link from "next/link";
import { ProgressBar } from "@/components/reviews/progress-bars";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { Pager } from "@/components/ui/pager";
import { EmptyState, Table, Td } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { can } from "@/lib/domain/authz/policy";
import { listCampaigns } from "@/lib/domain/reviews/campaigns/list-campaigns";
import { RECURRENCE_LABELS, RECURRENCES } from "@/lib/domain/reviews/vocabulary";

export const metadata = { title: "Review campaigns" };

type Query = { status?: string; recurrence?: string; page?: string };

const control =
  "h-9 rounded-md border border-slate-400 bg-white px-2 text-sm text-slate-900 focus:border-slate-700 focus:outline-none focus:ring-2 focus:ring-slate-400";

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<Query> }) {
  const query = await searchParams;
  const actor = await requireActor();
  const result = await runAsActor(listCampaigns, { status: query.status, recurrence: query.recurrence, page: query.page });
  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
  const mayManage = can(actor, "review.manage");
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Review campaigns"
        description="Access reviews of non-human identities: who reviews what, how far each run has come, and the evidence of every decision."
        actions={
          mayManage && (
            <Link href="/reviews/campaigns/new" className={buttonClass({ variant: "primary" })}>
              New campaign
            </Link>
          )
        }
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter campaigns">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Status
          <select name="status" defaultValue={query.status ?? ""} className={control}>
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="archived">Archived</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Recurrence
          <select name="recurrence" defaultValue={query.recurrence ?? ""} className={control}>
            <option value="">Any</option>
            {RECURRENCES.map((r) => (
              <option key={r} value={r}>
                {RECURRENCE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass()}>
          Filter
        </button>
      </form>
      {!result.ok ? (
        <Alert tone="error">{result.message}</Alert>
      ) : result.data.campaigns.length === 0 ? (
        <EmptyState>
          {query.status || query.recurrence ? "No campaign matches these filters." : "No campaign yet."}
          {mayManage && !query.status && !query.recurrence && (
            <>
              {" "}
              <Link href="/reviews/campaigns/new" className="underline underline-offset-2">
                Define the first one
              </Link>
              : preview shows what it would create before anything is created.
            </>
          )}
        </EmptyState>
      ) : (
        <>
          <Table
            caption="Review campaigns with their latest run"
            columns={["Campaign", "Recurrence", "Latest run", "Progress", "Next run"]}
            data-testid="campaign-table"
          >
            {result.data.campaigns.map((c) => {
              const run = c.latestRun;
              const late = run && run.status === "open" && new Date(run.dueAt) < now;
              return (
                <tr key={c.id}>
                  <Td>
                    <Link href={`/reviews/campaigns/${c.id}`} className="font-medium underline underline-offset-2">
                      {c.name}
                    </Link>
                    {c.status === "archived" && (
                      <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-800">archived</span>
                    )}
                    {c.trigger && <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-900">event</span>}
                    <div className="max-w-md text-xs text-slate-600">{c.scopeInWords.join("; ")}</div>
                  </Td>
                  <Td className="text-sm">{c.recurrenceInWords}</Td>
                  <Td className="text-sm">
                    {run ? (
                      <>
                        <Link href={`/reviews/campaigns/${c.id}?run=${run.id}`} className="underline underline-offset-2">
                          #{run.number}
                        </Link>{" "}
                        {run.status}
                        <div className={`text-xs ${late ? "font-medium text-red-800" : "text-slate-600"}`}>
                          {run.status === "closed"
                            ? `closed ${run.closedAt?.slice(0, 10) ?? ""}`
                            : `${late ? "overdue since" : "due"} ${run.dueAt.slice(0, 10)}`}
                        </div>
                      </>
                    ) : (
                      <span className="text-slate-600">{c.trigger ? "No event yet" : "Not launched"}</span>
                    )}
                  </Td>
                  <Td>{run ? <ProgressBar done={run.decided ?? 0} total={run.itemCount} /> : "—"}</Td>
                  <Td className="text-sm">{c.nextRunAt ? c.nextRunAt.slice(0, 10) : "—"}</Td>
                </tr>
              );
            })}
          </Table>
          {result.data.total > result.data.pageSize && (
            <Pager
              page={result.data.page}
              pageSize={result.data.pageSize}
              total={result.data.total}
              params={{ status: query.status, recurrence: query.recurrence }}
            />
          )}
        </>
      )}
    </>
  );
}
