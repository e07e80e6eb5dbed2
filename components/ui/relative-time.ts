const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];
const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "in 3 days", "5 months ago": how far a moment is from `now`. */
export function relativeTime(iso: string | null, now: Date): string {
  if (!iso) return "—";
  const diff = new Date(iso).getTime() - now.getTime();
  for (const [unit, ms] of UNITS) if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  return "just now";
}

export const shortDate = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");
