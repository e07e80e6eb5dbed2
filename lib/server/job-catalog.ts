import "server-only";
import type { JobDefinition } from "@/lib/domain/jobs/job-definition";

// Every kind of job the console runs, wired with what the server knows (mail transport, secrets, URLs).
// Each area of lib/domain exposes its definitions as a factory; the scheduler (lib/server/scheduler.ts)
// creates the recurring ones at start-up and runs whatever is due.
export function jobCatalog(): JobDefinition[] {
  return [];
}
