import type { JobDto, JobRunOutcome } from "@/lib/domain/jobs/list-jobs";

const TONES: Record<string, string> = {
  succeeded: "bg-emerald-100 text-emerald-800",
  running: "bg-sky-100 text-sky-900",
  retrying: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-900",
  abandoned: "bg-red-100 text-red-900",
};

/** An outcome as a word on a tint (the word carries it; the colour only helps). */
export function JobOutcomeBadge({ outcome }: { outcome: JobRunOutcome | NonNullable<JobDto["lastOutcome"]> }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${TONES[outcome] ?? "bg-slate-100"}`}>{outcome}</span>;
}

/** "2026-11-24 12:00:05 UTC": to the second, as the server's log and the run records have it. */
export const utc = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : "—");

/** "850 ms", "12.3 s", "4 min 5 s". */
export function duration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
}

export const TRIGGER_WORDS: Record<string, string> = {
  schedule: "on schedule",
  retry: "retry",
  lease: "taken up again (its instance stopped)",
  manual: "run now, by hand",
};

/** How far ahead a due time is, to the second when it is close: "in 4 seconds", "in 12 minutes", "due now". */
export function untilNext(iso: string, now: Date): string {
  const ms = new Date(iso).getTime() - now.getTime();
  if (ms <= 0) return "due now";
  if (ms < 60_000) {
    const s = Math.ceil(ms / 1_000);
    return `in ${s} second${s === 1 ? "" : "s"}`;
  }
  if (ms < 3_600_000) {
    const m = Math.round(ms / 60_000);
    return `in ${m} minute${m === 1 ? "" : "s"}`;
  }
  if (ms < 2 * 86_400_000) {
    const h = Math.round(ms / 3_600_000);
    return `in ${h} hour${h === 1 ? "" : "s"}`;
  }
  return `in ${Math.round(ms / 86_400_000)} days`;
}
