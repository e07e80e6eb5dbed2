import Link from "next/link";
import type { InboxRunProgress } from "@/lib/domain/reviews/items/list-my-items";
import { relativeTime, shortDate } from "../ui/relative-time";

/**
 * My progress in each open run: decided of total as a bar (a native <progress>, announced with its label),
 * the due date, and a link that narrows the list to that run.
 */
export function InboxProgress({ runs, current, now }: { runs: InboxRunProgress[]; current?: string; now: Date }) {
  if (runs.length === 0) return null;
  return (
    <section aria-labelledby="inbox-progress" className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="inbox-progress" className="mb-3 text-base font-semibold">
        My progress
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {runs.map((r) => {
          const overdue = new Date(r.dueAt).getTime() < now.getTime();
          const left = r.total - r.decided;
          const label = `${r.campaignName} #${r.number}`;
          return (
            <li key={r.runId} className={`rounded-md border p-3 ${current === r.runId ? "border-slate-700" : "border-slate-200"}`}>
              <div className="flex items-baseline justify-between gap-2">
                <Link href={`?run=${r.runId}`} className="font-medium underline-offset-2 hover:underline focus-visible:outline-2">
                  {label}
                </Link>
                <span className={`text-xs ${overdue ? "font-semibold text-red-700" : "text-slate-600"}`}>
                  {overdue ? "overdue since" : "due"} {shortDate(r.dueAt)} ({relativeTime(r.dueAt, now)})
                </span>
              </div>
              <progress
                className="mt-2 h-2 w-full overflow-hidden rounded accent-emerald-700 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-emerald-700"
                max={r.total}
                value={r.decided}
                aria-label={`${label}: ${r.decided} of ${r.total} decided`}
              />
              <p className="mt-1 text-xs text-slate-700">
                {r.decided} of {r.total} decided
                {left > 0 ? (
                  <>
                    {" · "}
                    <Link href={`?run=${r.runId}&status=undecided`} className="underline">
                      {left} left
                    </Link>
                  </>
                ) : (
                  " · all done"
                )}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
