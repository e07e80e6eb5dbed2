import { addMonths } from "date-fns";
import { nextCronTime } from "../../jobs/schedule";
import type { Recurrence } from "../vocabulary";

const MONTHS: Record<Exclude<Recurrence, "one_off" | "cron">, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };

/**
 * When a recurring campaign next launches after a run launched at `from`: the same day of the month one, three,
 * six or twelve months on (clamped to the month's end by date-fns), or the cron's next time (UTC). Null for a
 * one-off campaign.
 */
export function nextRunAfter(recurrence: Recurrence, cron: string | null, from: Date): Date | null {
  if (recurrence === "one_off") return null;
  if (recurrence === "cron") return cron ? nextCronTime(cron, from) : null;
  return addMonths(from, MONTHS[recurrence]);
}
