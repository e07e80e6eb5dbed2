// Small labels the inbox and the item page share: a risk, a recommendation, a decision. Colour is never the
// only signal: each badge says its meaning in words.

const RECOMMENDATION_TONE: Record<string, string> = {
  keep: "border-emerald-300 bg-emerald-50 text-emerald-900",
  revoke: "border-red-300 bg-red-50 text-red-900",
  decommission: "border-red-300 bg-red-50 text-red-900",
  reduce: "border-amber-300 bg-amber-50 text-amber-900",
  shorten: "border-amber-300 bg-amber-50 text-amber-900",
  rotate: "border-amber-300 bg-amber-50 text-amber-900",
};

/** The reason without its leading verb ("revoke: unused for 142 days" -> "unused for 142 days"): the badge says it. */
export const reasonWithoutVerb = (recommendation: string, reason: string) =>
  reason.startsWith(`${recommendation}: `) ? reason.slice(recommendation.length + 2) : reason;

export function RiskBadge({ label }: { label: string }) {
  return <span className="inline-block rounded border border-amber-300 bg-amber-50 px-1.5 py-0.5 text-xs text-amber-900">{label}</span>;
}

export function RecommendationBadge({ recommendation }: { recommendation: string }) {
  return (
    <span
      className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${RECOMMENDATION_TONE[recommendation] ?? "border-slate-300 bg-slate-50 text-slate-800"}`}
    >
      {recommendation}
    </span>
  );
}

export function DecisionBadge({ label, decided }: { label: string; decided: boolean }) {
  return decided ? (
    <span className="inline-block rounded border border-slate-400 bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-900">
      ✓ {label}
    </span>
  ) : (
    <span className="inline-block rounded border border-dashed border-slate-400 px-1.5 py-0.5 text-xs text-slate-700">Undecided</span>
  );
}
