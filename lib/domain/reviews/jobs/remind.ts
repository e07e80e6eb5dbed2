import type { Db } from "@/lib/db/types";
import { emitEvents } from "../../notifications/emit-event";
import type { Clock } from "../../shared/clock";
import { runSettings } from "../run-settings";
import { DAY, plural, runLabel, undecidedPerPerson } from "./reviewers";

/**
 * The reminders: on each of the run's reminder days before its due date (settings.reminderDays), every person
 * with undecided items of the current stage gets one review.reminder, and nobody else. Each reminder day has a
 * dedupeKey of its own (`review:<run>:reminder:<stage>:<days>`), so it is a new inbox entry and a new mail.
 * run.remindersSent counts the reminder days passed; it is advanced with a compare-and-set in the same
 * transaction as the events, so a reminder day is sent once however many schedulers run. Days missed while
 * the console was down are not made up: one reminder, for the latest day passed.
 */
export async function sendReminders(db: Db, clock: Clock): Promise<{ runs: number; reminders: number }> {
  const now = clock.now();
  const runs = await db.reviewRun.findMany({
    where: { status: "open", dueAt: { gt: now } },
    select: { id: true, number: true, stage: true, dueAt: true, remindersSent: true, settings: true, campaignId: true },
  });
  let sent = 0;
  let touched = 0;
  for (const run of runs) {
    const days = [...new Set(runSettings(run).reminderDays)].sort((a, b) => b - a);
    const passed = days.filter((d) => now.getTime() >= run.dueAt.getTime() - d * DAY).length;
    if (passed <= run.remindersSent) continue;
    const day = days[passed - 1]!;
    const n = await db.$transaction(async (tx) => {
      const claimed = await tx.reviewRun.updateMany({
        where: { id: run.id, status: "open", stage: run.stage, remindersSent: run.remindersSent },
        data: { remindersSent: passed },
      });
      if (claimed.count === 0) return 0;
      const people = await undecidedPerPerson(tx, run.id, run.stage);
      const label = runLabel(run);
      const due = run.dueAt.toISOString().slice(0, 10);
      return emitEvents(
        tx,
        clock,
        people.map((p) => ({
          type: "review.reminder" as const,
          recipients: [p.userId],
          title: `Reminder: ${plural(p.n, "identity", "identities")} still wait for your decision in ${label}, due ${due}`,
          body: `${label} is due on ${due} (${plural(day, "day")} left). Certify or cut what each identity holds; undecided items get the campaign's non-response action when the review ends.`,
          link: `/reviews?run=${run.id}`,
          dedupeKey: `review:${run.id}:reminder:${run.stage}:${day}`,
          data: {
            runId: run.id,
            campaignId: run.campaignId,
            stage: run.stage,
            undecided: p.n,
            dueAt: run.dueAt.toISOString(),
            daysLeft: day,
          },
        })),
      );
    });
    if (n > 0 || passed > run.remindersSent) touched += 1;
    sent += n;
  }
  return { runs: touched, reminders: sent };
}
