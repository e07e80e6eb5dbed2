import type { IdentityFindings } from "@/lib/domain/posture/identity-findings";
import { FindingDecisionForm } from "./finding-decision-form";

const STATUS_TONES: Record<string, string> = {
  open: "border-red-300 bg-red-50 text-red-900",
  accepted: "border-amber-300 bg-amber-50 text-amber-900",
  postponed: "border-sky-300 bg-sky-50 text-sky-900",
  resolved: "border-emerald-300 bg-emerald-50 text-emerald-900",
};

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

/** An identity's posture findings: what each check saw, the controls it evidences, and its life (accept, postpone). */
export function IdentityFindingsPanel({ data }: { data: IdentityFindings }) {
  if (data.findings.length === 0) return <p className="text-sm text-slate-700">No posture finding: it passes every check.</p>;
  return (
    <ul className="flex flex-col divide-y divide-slate-100" data-testid="posture-findings">
      {data.findings.map((f) => (
        <li key={f.id} className="py-2 text-sm" data-check={f.checkId} data-status={f.status}>
          <div className="flex flex-wrap items-center gap-2">
            <span className={`rounded border px-1.5 py-0.5 text-xs font-medium ${STATUS_TONES[f.status] ?? ""}`}>{f.status}</span>
            <strong>{f.title}</strong>
            <span className="text-xs text-slate-700">{f.severity}</span>
            <span className="text-xs text-slate-600">
              since {day(f.firstSeenAt)}
              {f.resolvedAt && f.status === "resolved" ? `, resolved ${day(f.resolvedAt)}` : ""}
              {f.reopenedCount > 0 ? `, came back ${f.reopenedCount}×` : ""}
            </span>
          </div>
          <p className="text-slate-700">{f.rationale}</p>
          {f.until && f.status !== "resolved" && f.status !== "open" && (
            <p className="text-xs text-slate-700">
              {f.status === "accepted" ? "Risk accepted" : "Postponed"} until {day(f.until)}: “{f.decisionReason}”
            </p>
          )}
          <p className="text-xs text-slate-600">{f.controls.map((c) => `${c.framework}: ${c.ids.join(", ")}`).join(" · ")}</p>
          {data.mayDecide && f.status !== "resolved" && (
            <FindingDecisionForm findingId={f.id} title={f.title} decided={f.status === "accepted" || f.status === "postponed"} />
          )}
        </li>
      ))}
    </ul>
  );
}
