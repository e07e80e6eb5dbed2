import Link from "next/link";
import { RequestFilters, type RequestFilterValues } from "@/components/breakglass/request-filters";
import { RequestTable } from "@/components/breakglass/request-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { Pager } from "@/components/ui/pager";
import { EmptyState } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { actingPerson } from "@/lib/domain/authz/actor";
import { can } from "@/lib/domain/authz/policy";
import { LIST_VIEW_LABELS, LIST_VIEWS, listRequests } from "@/lib/domain/breakglass/list-requests";

export const metadata = { title: "Break-glass" };

type View = (typeof LIST_VIEWS)[number];

const EMPTY: Record<View, string> = {
  mine: "You have not asked for a break-glass elevation. Open one of your identities and choose “Request elevation”.",
  queue: "Nothing waits for your approval. You get a notice (and an email) when someone asks.",
  active: "No elevation is active right now.",
  all: "No break-glass request matches these filters.",
};

/** Which lists a person has: whoever may ask, their own; approvers a queue; approvers, admins and auditors the rest. */
function viewsFor(roles: readonly string[]): View[] {
  const reader = roles.some((r) => r === "admin" || r === "auditor" || r === "approver");
  const decider = roles.some((r) => r === "admin" || r === "approver");
  const asker = roles.some((r) => r !== "auditor");
  return LIST_VIEWS.filter((v) => (v === "mine" ? asker : v === "queue" ? decider : reader));
}

export default async function BreakglassPage({ searchParams }: { searchParams: Promise<RequestFilterValues & { page?: string }> }) {
  const params = await searchParams;
  const actor = await requireActor();
  const roles = actingPerson(actor)?.roles ?? [];
  const views = viewsFor(roles);
  const fallback: View = roles.includes("auditor") ? "all" : views.includes("queue") ? "queue" : "mine";
  const view: View = views.includes(params.view as View) ? (params.view as View) : fallback;
  const result = await runAsActor(listRequests, { ...params, view });
  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
  const { page: _page, ...filters } = { ...params, view };
  return (
    <>
      <PageHeader
        title="Break-glass"
        description="Time-bound elevations of an identity: asked with a reason, approved by someone else, active only until they expire, and reviewed afterwards."
        actions={
          <>
            <Link href="/break-glass/policy" className={buttonClass()}>
              Policy
            </Link>
            {can(actor, "breakglass.request", {
              type: "identity",
              id: "",
              ownerId: actingPerson(actor)?.userId ?? null,
              backupOwnerId: null,
            }) && (
              <Link href="/break-glass/new" className={buttonClass({ variant: "primary" })}>
                Request elevation
              </Link>
            )}
          </>
        }
      />
      <nav aria-label="Break-glass lists" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
        {views.map((v) => (
          <Link
            key={v}
            href={`/break-glass?view=${v}`}
            aria-current={v === view ? "page" : undefined}
            className={`-mb-px rounded-t-md border px-3 py-1.5 text-sm ${v === view ? "border-slate-200 border-b-white bg-white font-semibold text-slate-900" : "border-transparent text-slate-700 hover:text-slate-900"}`}
          >
            {LIST_VIEW_LABELS[v]}
          </Link>
        ))}
      </nav>
      <RequestFilters values={{ ...params, view }} errors={result.ok ? undefined : result.fieldErrors} />
      {!result.ok ? (
        <Alert tone="error">{result.message}</Alert>
      ) : result.data.items.length === 0 ? (
        <EmptyState>{EMPTY[view]}</EmptyState>
      ) : (
        <>
          <RequestTable items={result.data.items} now={result.data.asOf} caption={LIST_VIEW_LABELS[view]} />
          <Pager page={result.data.page} pageSize={result.data.pageSize} total={result.data.total} params={filters} />
        </>
      )}
    </>
  );
}
