import Link from "next/link";
import type { RunProgressDto } from "@/lib/domain/reviews/progress/run-progress";
import { DECISION_LABELS } from "@/lib/domain/reviews/vocabulary";
import { Table, Td } from "../ui/table";
import { BreakdownBars, ProgressBar } from "./progress-bars";

const n = (x: number) => x.toLocaleString("en-US");
const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

const DECISION_TEXT: Record<string, string> = { ...DECISION_LABELS, undecided: "Undecided" };
const OUTCOME_TEXT: Record<string, string> = {
  pending: "Not applied yet",
  kept: "Kept",
  kept_flagged: "Kept, flagged (no answer)",
  changed: "Changed",
  suspended: "Suspended",
  decommission_pending: "Decommission pending",
  decommissioned: "Decommissioned",
  transferred: "Transferred",
  rolled_back: "Rolled back",
};
const REMEDIATION_TEXT: Record<string, string> = { open: "Open", done: "Done", failed: "Failed", not_needed: "Not needed" };

/** Where one run stands: summary, breakdowns and reviewers (overdue ones highlighted, each a link to their items). */
export function RunProgressView({
  progress,
  itemsHref,
}: {
  progress: RunProgressDto;
  itemsHref: (params: Record<string, string>) => string;
}) {
  const p = progress;
  const run = p.run;
  const facts: [string, string][] = [
    ["Launched", `${when(run.launchedAt)}${run.launchedBy ? ` by ${run.launchedBy.name}` : ` (${run.trigger.replace("_", " ")})`}`],
    ["Decisions due", when(run.dueAt)],
    ["Stage ends", when(run.endsAt)],
    ["Closed", run.closedAt ? `${when(run.closedAt)}${run.closedBy ? ` by ${run.closedBy.name}` : ""}` : "Not yet"],
  ];
  return (
    <div className="flex flex-col gap-4" data-testid="run-progress">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="rounded-md border border-slate-200 bg-white p-3">
          <div className="text-xs uppercase text-slate-600">Decided</div>
          <div className="text-2xl font-semibold tabular-nums">{n(p.decided)}</div>
          <ProgressBar done={p.decided} total={p.total} className="mt-1" />
        </div>
        <Link href={itemsHref({ decided: "no" })} className="rounded-md border border-slate-200 bg-white p-3 hover:border-slate-400">
          <div className="text-xs uppercase text-slate-600">Undecided</div>
          <div className="text-2xl font-semibold tabular-nums">{n(p.undecided)}</div>
          <div className="text-xs text-slate-700 underline underline-offset-2">Show them</div>
        </Link>
        <div className={`rounded-md border p-3 ${p.overdueReviewers ? "border-red-300 bg-red-50" : "border-slate-200 bg-white"}`}>
          <div className="text-xs uppercase text-slate-600">Overdue reviewers</div>
          <div className={`text-2xl font-semibold tabular-nums ${p.overdueReviewers ? "text-red-800" : ""}`}>{n(p.overdueReviewers)}</div>
          <div className="text-xs text-slate-700">
            {run.overdue ? `Past due; escalation step ${run.escalationStep}` : run.status === "open" ? "Not due yet" : "Run no longer open"}
          </div>
        </div>
        <Link href={itemsHref({ remediation: "open" })} className="rounded-md border border-slate-200 bg-white p-3 hover:border-slate-400">
          <div className="text-xs uppercase text-slate-600">Remediation open</div>
          <div className="text-2xl font-semibold tabular-nums">{n(p.byRemediation.open ?? 0)}</div>
          <div className="text-xs text-slate-700">{n(p.byRemediation.failed ?? 0)} failed</div>
        </Link>
      </div>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-4">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt className="text-xs uppercase text-slate-600">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-6 rounded-lg border border-slate-200 bg-white p-5 md:grid-cols-2 xl:grid-cols-4">
        <BreakdownBars
          title="Decisions"
          data={p.byDecision}
          labels={DECISION_TEXT}
          tones={{
            certify: "green",
            keep_until: "green",
            undecided: "amber",
            suspend: "red",
            decommission: "red",
            rotate_by: "blue",
            transfer: "blue",
          }}
        />
        <BreakdownBars
          title="Scope decisions"
          data={p.byScopeDecision}
          tones={{ keep: "green", revoke: "red", reduce: "blue", undecided: "amber" }}
          empty="No scopes in this run."
        />
        <BreakdownBars
          title="Outcomes"
          data={p.byOutcome}
          labels={OUTCOME_TEXT}
          tones={{ pending: "amber", kept: "green", kept_flagged: "amber", suspended: "red", decommissioned: "red" }}
        />
        <BreakdownBars
          title="Remediation"
          data={p.byRemediation}
          labels={REMEDIATION_TEXT}
          tones={{ open: "amber", done: "green", failed: "red" }}
        />
      </div>
      <section aria-labelledby="reviewers-heading">
        <h3 id="reviewers-heading" className="mb-2 text-sm font-semibold">
          By reviewer
        </h3>
        <Table
          caption="Items per reviewer, with decided and undecided counts; overdue reviewers are marked"
          columns={["Reviewer", "Progress", "Undecided", "Status"]}
        >
          {p.reviewers.map((r) => (
            <tr key={r.reviewer?.id ?? "none"} className={r.overdue ? "bg-red-50" : undefined}>
              <Td>
                {r.reviewer ? (
                  <>
                    <Link href={itemsHref({ reviewer: r.reviewer.id })} className="underline underline-offset-2">
                      {r.reviewer.name}
                    </Link>{" "}
                    <span className="text-xs text-slate-600">{r.reviewer.email}</span>
                    {!r.reviewer.active && <span className="ml-1 text-xs font-medium text-red-800">deactivated</span>}
                  </>
                ) : (
                  <Link href={itemsHref({ reviewer: "none" })} className="font-medium text-red-800 underline underline-offset-2">
                    No reviewer
                  </Link>
                )}
              </Td>
              <Td>
                <ProgressBar done={r.decided} total={r.total} />
              </Td>
              <Td className="tabular-nums">{n(r.undecided)}</Td>
              <Td>
                {r.overdue ? (
                  <span className="rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">Overdue</span>
                ) : r.undecided === 0 ? (
                  <span className="text-xs text-emerald-800">Done</span>
                ) : r.reviewer === null ? (
                  <span className="text-xs text-red-800">Nobody left in the rule: reassign</span>
                ) : (
                  <span className="text-xs text-slate-700">In progress</span>
                )}
              </Td>
            </tr>
          ))}
        </Table>
        {p.reviewers.length === 0 && <p className="mt-2 text-sm text-slate-600">The run has no items.</p>}
      </section>
    </div>
  );
}
