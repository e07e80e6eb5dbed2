import Link from "next/link";
import type { InboxItemDto } from "@/lib/domain/reviews/items/list-my-items";
import { RowCheckbox } from "../registry/bulk-selection";
import { relativeTime, shortDate } from "../ui/relative-time";
import { EmptyState, Table, Td } from "../ui/table";
import { DecisionBadge, RecommendationBadge, RiskBadge, reasonWithoutVerb } from "./item-badges";

/** The page of my items: each row links to its evidence; the checkbox feeds the bulk decision. */
export function InboxTable({
  items,
  now,
  riskLabels,
  decisionLabels,
  selectable,
}: {
  items: InboxItemDto[];
  now: Date;
  riskLabels: Record<string, string>;
  decisionLabels: Record<string, string>;
  selectable: boolean;
}) {
  if (items.length === 0) return <EmptyState>No review items match. Clear the filters to see everything assigned to you.</EmptyState>;
  return (
    <Table
      caption="My review items"
      columns={[
        ...(selectable ? [{ label: "Select", hidden: true }] : []),
        "Identity",
        "Campaign and due date",
        "Risks",
        "Recommendation",
        "Decision",
        "Last used",
      ]}
    >
      {items.map((i) => {
        const overdue = new Date(i.run.dueAt).getTime() < now.getTime();
        return (
          <tr key={i.id} className="hover:bg-slate-50">
            {selectable && (
              <Td className="w-8">
                <RowCheckbox id={i.id} name={i.name} />
              </Td>
            )}
            <Td>
              <Link href={`/reviews/items/${i.id}`} className="font-medium text-slate-900 underline underline-offset-2">
                {i.name}
              </Link>
              <div className="text-xs text-slate-600">
                {i.kind.replaceAll("_", " ")} · {i.platform} · {i.environment}
                {i.rung === "added" && " · added to you"}
                {i.rung === "reassigned" && " · reassigned to you"}
              </div>
            </Td>
            <Td>
              <div>
                {i.run.campaignName} #{i.run.number}
              </div>
              <div className={`text-xs ${overdue ? "font-semibold text-red-700" : "text-slate-600"}`}>
                {overdue ? "overdue, " : "due "}
                {shortDate(i.run.dueAt)} ({relativeTime(i.run.dueAt, now)})
              </div>
            </Td>
            <Td>
              <div className="flex max-w-64 flex-wrap gap-1">
                {i.risks.length === 0 ? (
                  <span className="text-xs text-slate-600">none</span>
                ) : (
                  i.risks.map((r) => <RiskBadge key={r} label={riskLabels[r] ?? r} />)
                )}
              </div>
              {i.riskyScopes > 0 && (
                <div className="mt-1 text-xs text-slate-600">
                  {i.riskyScopes} of {i.scopes} scopes risky
                </div>
              )}
            </Td>
            <Td>
              <RecommendationBadge recommendation={i.recommendation} />
              <div className="mt-1 max-w-72 text-xs text-slate-700">{reasonWithoutVerb(i.recommendation, i.recommendationReason)}</div>
            </Td>
            <Td>
              <DecisionBadge decided={!!i.decision} label={i.decision ? (decisionLabels[i.decision] ?? i.decision) : ""} />
            </Td>
            <Td className="whitespace-nowrap text-xs text-slate-700">
              {i.lastUsedAt ? relativeTime(i.lastUsedAt, now) : i.usage === "never" ? "never" : "not reported"}
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}
