import "server-only";
import { readFileSync, statSync } from "node:fs";
import { getConfig } from "../config/env";
import { type Clock, systemClock } from "../domain/shared/clock";

// The clock every request, job and start-up step of this process reads. It is the system clock, except where
// TEST_CLOCK_FILE names a file holding a number of seconds to run ahead: end-to-end tests of schedules
// (reminders, escalation, expiries) move time forward without waiting for it. The setting is refused on
// PostgreSQL (lib/config/env.ts), so a real deployment always runs on the real clock.

let offset = { mtimeMs: -1, seconds: 0 };

function aheadSeconds(file: string): number {
  try {
    const { mtimeMs } = statSync(file);
    if (mtimeMs !== offset.mtimeMs) {
      const seconds = Number(readFileSync(file, "utf8").trim() || "0");
      offset = { mtimeMs, seconds: Number.isFinite(seconds) ? seconds : 0 };
    }
    return offset.seconds;
  } catch {
    return 0;
  }
}

function buildClock(): Clock {
  const file = getConfig().testClockFile;
  if (!file) return systemClock;
  console.warn(`[nhi] TEST_CLOCK_FILE is set: this process's clock runs ahead by the seconds in ${file} (tests only)`);
  return { now: () => new Date(Date.now() + aheadSeconds(file) * 1000) };
}

let clock: Clock | undefined;

/** The process's clock (the system's, unless a test moved it ahead). */
export const serverClock: Clock = {
  now: () => (clock ??= buildClock()).now(),
};
