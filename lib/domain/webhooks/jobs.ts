import type { JobDefinition } from "../jobs/job-definition";
import { type DeliverDeps, deliverDueWebhooks, pruneWebhookLog } from "./deliver-webhooks";

/** The webhook jobs, wired by lib/server/job-catalog.ts with the sealing key and the settings from the environment. */
export function webhookJobs(deps: DeliverDeps): JobDefinition[] {
  return [
    {
      handler: "webhooks.deliver",
      description:
        "Sends due webhook deliveries (signed, 10 s timeout), retries failures with backoff and disables endpoints that keep failing.",
      // Every five seconds: a test event arrives within seconds; an idle run is one indexed query.
      schedule: "*/5 * * * * *",
      // A run that fails is not retried by the scheduler: the next run, seconds later, picks up the same work.
      maxAttempts: 1,
      async run({ db, clock, actor }) {
        const s = await deliverDueWebhooks({ db, clock, actor }, deps);
        if (s.attempted === 0) return { summary: "nothing due", idle: true };
        const parts = [
          `${s.attempted} attempted`,
          s.delivered && `${s.delivered} delivered`,
          s.retrying && `${s.retrying} to retry`,
          s.failed && `${s.failed} failed`,
          s.disabled.length && `${s.disabled.length} endpoint(s) disabled`,
        ].filter(Boolean);
        return { summary: parts.join(", ") };
      },
    },
    {
      handler: "webhooks.prune",
      description: "Removes finished webhook deliveries older than 30 days from the delivery log.",
      schedule: "0 17 3 * * *",
      async run({ db, clock, actor }) {
        return { summary: `${await pruneWebhookLog({ db, clock, actor }, deps.settings)} old deliveries removed` };
      },
    },
  ];
}
