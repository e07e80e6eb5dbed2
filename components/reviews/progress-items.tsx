import Link from "next/link";
import type { RunItemPage } from "@/lib/domain/reviews/progress/list-run-items";
import { DECISION_LABELS, DECISIONS, REMEDIATION_STATUSES, RISK_LABELS, RISKS } from "@/lib/domain/reviews/vocabulary";
import { buttonClass } from "../ui/button";
import { EmptyState, Table, Td } from "../ui/table";
import { Pager } from "../ui/pager";

const when = (iso: string | null) => (iso ? iso.slice(0, 10) : "");
const OUTCOMES = [
  "pending",
  "kept",
  "kept_flagged",
  "changed",
  "suspended",
  "decommission_pending",
  "decommissioned",
  "transferred",
  "rolled_back",
];

export type ItemFilterValues = Partial<Record<"reviewer" | "decided" | "decision" | "outcome" | "remediation" | "risk" | "q", string>>;

const control =
  "h-9 rounded-md border border-slate-400 bg-white px-2 text-sm text-slate-900 focus:border-slate-700 focus:outline-none focus:ring-2 focus:ring-slate-400";

function Pick({ name, label, value, options }: { name: string; label: string; value?: string; options: [string, string][] }) {
  return (
    <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
      {label}
      <select name={name} defaultValue={value ?? ""} className={control}>
        <option value="">Any</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The run's items, filtered by the URL (a GET form: works without JavaScript, every view is a link), paged on the
 * server; each identity links to its registry page.
 */
export function RunItems({
  page,
  filter,
  keep,
  reviewers,
}: {
  page: RunItemPage;
  filter: ItemFilterValues;
  /** Parameters of the page to keep (the selected run). */
  keep: Record<string, string>;
  reviewers: [string, string][];
}) {
  const anyFilter = Object.values(filter).some(Boolean);
  return (
    <section aria-labelledby="items-heading" id="items">
      <h3 id="items-heading" className="mb-2 text-sm font-semibold">
        Items
      </h3>
      <form method="get" action="#items" className="mb-3 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        {Object.entries(keep).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Identity
          <input name="q" defaultValue={filter.q ?? ""} placeholder="name or external id" className={`${control} w-48`} />
        </label>
        <Pick name="reviewer" label="Reviewer" value={filter.reviewer} options={[["none", "No reviewer"], ...reviewers]} />
        <Pick
          name="decided"
          label="Decided"
          value={filter.decided}
          options={[
            ["yes", "Decided"],
            ["no", "Undecided"],
          ]}
        />
        <Pick name="decision" label="Decision" value={filter.decision} options={DECISIONS.map((d) => [d, DECISION_LABELS[d]])} />
        <Pick name="outcome" label="Outcome" value={filter.outcome} options={OUTCOMES.map((o) => [o, o.replace(/_/g, " ")])} />
        <Pick
          name="remediation"
          label="Remediation"
          value={filter.remediation}
          options={REMEDIATION_STATUSES.map((r) => [r, r.replace("_", " ")])}
        />
        <Pick name="risk" label="Risk" value={filter.risk} options={RISKS.map((r) => [r, RISK_LABELS[r]])} />
        <button type="submit" className={buttonClass({ variant: "primary" })}>
          Filter
        </button>
        {anyFilter && (
          <Link href={`?${new URLSearchParams(keep)}#items`} className="text-sm underline underline-offset-2">
            Clear filters
          </Link>
        )}
      </form>
      {page.items.length === 0 ? (
        <EmptyState>{anyFilter ? "No item matches these filters." : "The run has no items."}</EmptyState>
      ) : (
        <Table
          caption="The run's items with reviewer, decision, outcome and remediation"
          columns={["Identity", "Risks", "Reviewer", "Decision", "Scopes", "Outcome", "Remediation"]}
          data-testid="run-items"
        >
          {page.items.map((i) => (
            <tr key={i.id}>
              <Td>
                <Link href={`/registry/${i.identityId}`} className="font-medium underline underline-offset-2">
                  {i.name}
                </Link>
                <div className="text-xs text-slate-600">
                  {i.platform} · {i.environment}
                </div>
                <div className="text-xs text-slate-600" title={i.recommendationReason}>
                  Recommended: {i.recommendation}
                </div>
              </Td>
              <Td className="text-xs">
                {i.risks.length ? i.risks.map((r) => RISK_LABELS[r as keyof typeof RISK_LABELS] ?? r).join(", ") : "—"}
              </Td>
              <Td className="text-sm">
                {i.reviewer ? i.reviewer.name : <span className="font-medium text-red-800">None</span>}
                <div className="text-xs text-slate-600">
                  {i.reviewerRung.replace(/_/g, " ")}
                  {i.extraReviewers ? ` +${i.extraReviewers} escalated` : ""}
                </div>
              </Td>
              <Td className="text-sm">
                {i.decision ? (
                  <>
                    {DECISION_LABELS[i.decision as keyof typeof DECISION_LABELS] ?? i.decision}
                    {i.keepUntil && ` until ${when(i.keepUntil)}`}
                    {i.rotateBy && ` by ${when(i.rotateBy)}`}
                    <div className="text-xs text-slate-600">
                      {i.decidedBy?.name ?? "?"}, {when(i.decidedAt)}
                    </div>
                    {i.decisionReason && <div className="max-w-xs text-xs italic text-slate-700">“{i.decisionReason}”</div>}
                  </>
                ) : (
                  <span className="text-amber-900">Undecided</span>
                )}
              </Td>
              <Td className="text-xs">
                {Object.entries(i.scopes)
                  .map(([d, c]) => `${d} ${c}`)
                  .join(", ") || "—"}
              </Td>
              <Td className="text-sm">{i.outcome ? i.outcome.replace(/_/g, " ") : <span className="text-slate-600">not applied</span>}</Td>
              <Td className="text-sm">
                {i.remediationStatus.replace("_", " ")}
                {i.remediationNote && <div className="max-w-xs text-xs text-slate-600">{i.remediationNote}</div>}
              </Td>
            </tr>
          ))}
        </Table>
      )}
      {page.total > page.pageSize && <Pager page={page.page} pageSize={page.pageSize} total={page.total} params={{ ...keep, ...filter }} />}
    </section>
  );
}
