import { Cron } from "croner";

// Cron expressions are read by croner (five fields, or six with seconds first), always in UTC: every instance
// computes the same due times whatever the machine's time zone, and the admin's page says "UTC".

const parsed = new Map<string, Cron>();

function cronOf(schedule: string): Cron {
  let cron = parsed.get(schedule);
  if (!cron) {
    cron = new Cron(schedule, { paused: true, timezone: "UTC" });
    parsed.set(schedule, cron);
  }
  return cron;
}

/** Why a cron expression cannot be used, or null when it can. */
export function scheduleProblem(schedule: string): string | null {
  try {
    return cronOf(schedule).nextRun(new Date(0)) ? null : "it never comes round";
  } catch (error) {
    return (error as Error).message;
  }
}

/** The first time the schedule comes round strictly after `after` (null if it never does again). */
export function nextCronTime(schedule: string, after: Date): Date | null {
  return cronOf(schedule).nextRun(after);
}

const pad = (n: string) => n.padStart(2, "0");
const isNum = (s: string) => /^\d+$/.test(s);
const every = (step: string, unit: string) => (step === "1" ? `every ${unit}` : `every ${step} ${unit}s`);

/**
 * The schedule in words for the common shapes ("every 5 seconds", "every hour at :00", "every day at
 * 08:00 UTC"); anything else is described as "on the cron schedule", the expression being shown beside it.
 */
export function describeSchedule(schedule: string | null): string {
  if (!schedule) return "once";
  const fields = schedule.trim().split(/\s+/);
  const [sec, min, hour, dom, mon, dow] = fields.length === 6 ? fields : ["0", ...fields];
  if (!sec || !min || !hour || !dom || !mon || !dow) return "on the cron schedule";
  const daily = dom === "*" && mon === "*" && dow === "*";
  if (!daily) {
    if (dom === "*" && mon === "*" && isNum(dow) && isNum(hour) && isNum(min) && sec === "0")
      return `every ${WEEKDAYS[Number(dow) % 7]} at ${pad(hour)}:${pad(min)} UTC`;
    return "on the cron schedule";
  }
  const step = (f: string) => (f === "*" ? "1" : /^\*\/\d+$/.test(f) ? f.slice(2) : null);
  if (hour === "*" && min === "*" && step(sec)) return every(step(sec)!, "second");
  if (hour === "*" && sec === "0" && step(min)) return every(step(min)!, "minute");
  if (hour === "*" && sec === "0" && isNum(min)) return `every hour at :${pad(min)}`;
  if (sec === "0" && isNum(min) && step(hour) && hour !== "*") return `${every(step(hour)!, "hour")} at :${pad(min)}`;
  if (sec === "0" && isNum(min) && isNum(hour)) return `every day at ${pad(hour)}:${pad(min)} UTC`;
  return "on the cron schedule";
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
