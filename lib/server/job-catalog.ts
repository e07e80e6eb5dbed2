import "server-only";
import { breakglassJobs } from "@/lib/domain/breakglass/breakglass-jobs";
import { jobHousekeeping } from "@/lib/domain/jobs/housekeeping";
import type { JobDefinition } from "@/lib/domain/jobs/job-definition";
import { notificationJobs } from "@/lib/domain/notifications/jobs";
import { postureJobs } from "@/lib/domain/posture/posture-jobs";
import { reviewJobs } from "@/lib/domain/reviews/jobs/review-jobs";
import { webhookJobs } from "@/lib/domain/webhooks/jobs";
import { webhookSealingKey } from "@/lib/domain/webhooks/secrets";
import { authSecret } from "@/lib/auth/secret";
import { getConfig } from "@/lib/config/env";
import { serverMailer } from "./mailer";

// Every kind of job the console runs, wired with what the server knows (mail transport, secrets, URLs).
// Each area of lib/domain exposes its definitions as a factory; the scheduler (lib/server/scheduler.ts)
// creates the recurring ones at start-up and runs whatever is due.
export function jobCatalog(): JobDefinition[] {
  return [
    // The scheduler's own upkeep (old run history).
    ...jobHousekeeping(),
    ...notificationJobs({ mailer: serverMailer(getConfig().mail), publicUrl: getConfig().publicUrl }),
    // Webhook signing secrets are sealed under a key derived from the console's root secret (NEXTAUTH_SECRET).
    ...webhookJobs({ sealingKey: webhookSealingKey(authSecret()), settings: getConfig().webhooks }),
    // Access reviews: recurrence, reminders, escalation, the end of each stage, staged decommissions.
    ...reviewJobs(),
    // Break-glass: ends recorded and announced within seconds, expired requests, warnings, overdue after-action reviews.
    ...breakglassJobs(),
    // Posture: the checks re-evaluated within seconds of a change, and all of them every hour.
    ...postureJobs(),
  ];
}
