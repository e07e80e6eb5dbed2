// Simple, accessible charts without a chart library: each bar says its number in text beside it (colour is never
// the only carrier), and the whole is a list a screen reader reads as "label: count". Bars are SVG rects sized
// by attributes: the CSP allows no inline style attributes.

const n = (x: number) => x.toLocaleString("en-US");
const pct = (part: number, total: number) => (total > 0 ? Math.round((part / total) * 100) : 0);

/** One progress bar: decided of total. */
export function ProgressBar({
  done,
  total,
  label = "decided",
  className = "",
}: {
  done: number;
  total: number;
  label?: string;
  className?: string;
}) {
  const p = pct(done, total);
  return (
    <div className={`flex items-center gap-2 ${className}`}>
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${n(done)} of ${n(total)} ${label} (${p}%)`}
        aria-label={label}
        className="h-2.5 w-32 overflow-hidden rounded-full bg-slate-200"
      >
        <svg className="block h-full w-full" aria-hidden="true" focusable="false">
          <rect x="0" y="0" height="100%" width={`${p}%`} className="fill-emerald-700" />
        </svg>
      </div>
      <span className="whitespace-nowrap text-xs tabular-nums text-slate-700">
        {n(done)} / {n(total)} ({p}%)
      </span>
    </div>
  );
}

const TONES = {
  slate: "fill-slate-600",
  green: "fill-emerald-700",
  amber: "fill-amber-600",
  red: "fill-red-700",
  blue: "fill-sky-700",
} as const;
export type BarTone = keyof typeof TONES;

/** Horizontal bars of a breakdown (by decision, outcome, remediation status…), largest first. */
export function BreakdownBars({
  title,
  data,
  labels = {},
  tones = {},
  empty = "None yet.",
  ordered = false,
}: {
  title: string;
  data: Record<string, number>;
  labels?: Record<string, string>;
  tones?: Record<string, BarTone>;
  empty?: string;
  /** Keep the data's own order (weeks, days) instead of largest first. */
  ordered?: boolean;
}) {
  const rows = ordered ? Object.entries(data) : Object.entries(data).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((s, [, v]) => s + v, 0);
  const max = Math.max(1, ...rows.map(([, v]) => v));
  return (
    <figure className="min-w-0">
      {title && <figcaption className="mb-2 text-sm font-semibold">{title}</figcaption>}
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="flex flex-col gap-1.5">
          {rows.map(([key, value]) => (
            <li key={key} className="text-sm">
              <div className="flex items-baseline justify-between gap-2">
                <span className="min-w-0 truncate text-slate-800" title={labels[key] ?? key}>
                  {labels[key] ?? key.replace(/_/g, " ")}
                </span>
                <span className="shrink-0 tabular-nums text-slate-800">
                  {n(value)} <span className="text-xs text-slate-600">({pct(value, total)}%)</span>
                </span>
              </div>
              <svg className="mt-0.5 block h-2.5 w-full overflow-hidden rounded bg-slate-100" aria-hidden="true" focusable="false">
                <rect
                  x="0"
                  y="0"
                  height="100%"
                  rx="2"
                  width={`${Math.max(2, (value / max) * 100)}%`}
                  className={TONES[tones[key] ?? "slate"]}
                />
              </svg>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
