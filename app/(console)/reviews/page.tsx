import { BulkSelectionProvider } from "@/components/registry/bulk-selection";
import { InboxBulkBar } from "@/components/reviews/inbox-bulk-bar";
import { InboxFilters, type InboxFilterValues } from "@/components/reviews/inbox-filters";
import { InboxProgress } from "@/components/reviews/inbox-progress";
import { InboxTable } from "@/components/reviews/inbox-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { Pager } from "@/components/ui/pager";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { mayAttempt } from "@/lib/domain/authz/policy";
import { ENVIRONMENTS, KIND_LABELS, KINDS } from "@/lib/domain/registry/vocabulary";
import { BULK_DECISION_LABELS, BULK_DECISIONS } from "@/lib/domain/reviews/items/bulk-decide";
import { INBOX_SORT_LABELS, INBOX_SORTS, listMyItems } from "@/lib/domain/reviews/items/list-my-items";
import { DECISION_LABELS, RECOMMENDATIONS, RISK_LABELS, RISKS } from "@/lib/domain/reviews/vocabulary";

export const metadata = { title: "My reviews" };

const FILTER_OPTIONS = {
  recommendation: RECOMMENDATIONS.map((r) => [r, r] as [string, string]),
  risk: RISKS.map((r) => [r, RISK_LABELS[r]] as [string, string]),
  environment: ENVIRONMENTS.map((e) => [e, e] as [string, string]),
  kind: KINDS.map((k) => [k, KIND_LABELS[k]] as [string, string]),
  sort: INBOX_SORTS.filter((s) => s !== "due").map((s) => [s, INBOX_SORT_LABELS[s]] as [string, string]),
};

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<InboxFilterValues> }) {
  const params = await searchParams;
  const actor = await requireActor();
  const result = await runAsActor(listMyItems, params);
  if (!result.ok && result.code === "FORBIDDEN")
    return (
      <PageProblem
        kind="forbidden"
        message={`${result.message} Reviews are assigned to people who may own identities; auditors read campaigns and their evidence instead.`}
      />
    );
  // Deciding is a person's act on each item; the server judges every one of the selected items again.
  const mayDecide = mayAttempt(actor, "review.decide").allowed;
  const now = new Date();
  const { page: _page, ...filters } = params;
  return (
    <>
      <PageHeader
        title="My reviews"
        description="The identities you are asked to review, in every open campaign. Open one to see its evidence and decide each scope, or tick several and decide them at once with one reason."
      />
      {result.ok && <InboxProgress runs={result.data.runs} current={params.run} now={now} />}
      <InboxFilters
        values={params}
        runs={result.ok ? result.data.runs : []}
        options={FILTER_OPTIONS}
        errors={result.ok ? undefined : result.fieldErrors}
      />
      {result.ok ? (
        result.data.runs.length === 0 ? (
          <Alert tone="info">
            Nothing to review: no open campaign asks you to review an identity. You will get a notice when one does.
          </Alert>
        ) : (
          <BulkSelectionProvider>
            {mayDecide && (
              <InboxBulkBar
                pageIds={result.data.items.map((i) => i.id)}
                decisions={BULK_DECISIONS.map((d) => [d, BULK_DECISION_LABELS[d]])}
              />
            )}
            <InboxTable
              items={result.data.items}
              now={now}
              riskLabels={RISK_LABELS}
              decisionLabels={DECISION_LABELS}
              selectable={mayDecide}
            />
            <Pager page={result.data.page} pageSize={result.data.pageSize} total={result.data.total} params={filters} />
          </BulkSelectionProvider>
        )
      ) : (
        <Alert tone="error">{result.message}</Alert>
      )}
    </>
  );
}
