import "server-only";
import { ConfigError, getConfig } from "../config/env";
import { getDatabase } from "./database";
import { jobCatalog } from "./job-catalog";
import { startProcessScheduler, stopProcessScheduler } from "./scheduler";

/**
 * Validates the configuration, opens the database and applies migrations before the first request.
 * Refuses to start (exit 1) with a message naming what is wrong, instead of failing request by request.
 * Then starts the scheduler (JOBS_ENABLED, on by default), never while `next build` loads the app.
 */
export async function startUp(): Promise<void> {
  try {
    const config = getConfig();
    const database = await getDatabase();
    if (config.jobsEnabled && process.env.NEXT_PHASE !== "phase-production-build") {
      const scheduler = await startProcessScheduler({ db: database.prisma, definitions: jobCatalog() });
      console.log(`[nhi] scheduler running as ${scheduler.instance}`);
      stopOnSignals();
    }
  } catch (error) {
    console.error(`[nhi] cannot start: ${error instanceof ConfigError ? error.message : (error as Error).message}`);
    process.exit(1);
  }
}

/** On SIGTERM or SIGINT the scheduler claims nothing more and lets its runs finish; Next.js ends the process. */
function stopOnSignals() {
  for (const signal of ["SIGTERM", "SIGINT"] as const)
    process.once(signal, () => {
      void stopProcessScheduler().finally(() => {
        // Nobody else handles the signal (NEXT_MANUAL_SIG_HANDLE): give it its default effect.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
}
