/**
 * A small trend line (oldest left), drawn from its lowest to its highest value so a change of a few shows; the
 * numbers it draws are said in text beside it, never by the line alone.
 */
export function Sparkline({ values, label, className = "" }: { values: number[]; label: string; className?: string }) {
  if (values.length < 2) return <span className="text-xs text-slate-600">no trend yet</span>;
  const min = Math.min(...values);
  const span = Math.max(...values) - min;
  const y = (v: number) => (span === 0 ? 16 : 30 - ((v - min) / span) * 28);
  const points = values.map((v, i) => `${(i / (values.length - 1)) * 100},${y(v)}`).join(" ");
  const first = values[0]!;
  const last = values.at(-1)!;
  return (
    <span className={`inline-flex items-center gap-2 ${className}`}>
      <svg viewBox="0 0 100 32" preserveAspectRatio="none" className="h-6 w-24" aria-hidden="true" focusable="false">
        <polyline points={points} fill="none" strokeWidth="2" className="stroke-slate-700" vectorEffect="non-scaling-stroke" />
      </svg>
      <span className="text-xs tabular-nums text-slate-700">
        <span className="sr-only">{label}: </span>
        {first.toLocaleString("en-US")} → {last.toLocaleString("en-US")}
      </span>
    </span>
  );
}
