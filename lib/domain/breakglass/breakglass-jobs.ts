import { enforce } from "../authz/enforce";
import type { JobDefinition } from "../jobs/job-definition";
import {
  ANNOUNCE_HANDLER,
  type AnnounceKind,
  announce,
  escalateOverdueReviews,
  expirePending,
  recordEnds,
  scheduleAnnouncements,
} from "./sweep";

// Every 5 seconds: an end must reach provisioning automation (grant.ended) within seconds of expiresAt. The
// check endpoint never waits for this job: it computes "active" from the clock.
const EVERY_5_SECONDS = "*/5 * * * * *";

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The break-glass jobs, each asking the policy for breakglass.sweep first (the system actor's grant). */
export function breakglassJobs(): JobDefinition[] {
  return [
    {
      handler: "breakglass.sweep",
      description:
        "Records break-glass ends and expired requests, announces them (grant.ended), schedules the 10-minute warning and set start times, escalates overdue after-action reviews",
      schedule: EVERY_5_SECONDS,
      async run({ db, clock, actor }) {
        await enforce(db, clock, actor, "breakglass.sweep");
        const expired = await expirePending(db, clock, actor);
        const ended = await recordEnds(db, clock, actor);
        const scheduled = await scheduleAnnouncements(db, clock);
        const escalated = await escalateOverdueReviews(db, clock, actor);
        if (expired + ended + scheduled + escalated === 0) return { summary: "nothing to record", idle: true };
        return {
          summary: [
            `${plural(ended, "elevation")} ended`,
            `${plural(expired, "request")} expired`,
            `${plural(scheduled, "announcement")} scheduled`,
            `${plural(escalated, "after-action review")} escalated`,
          ].join(", "),
        };
      },
    },
    {
      // One-off: scheduled by breakglass.sweep per elevation (key breakglass.<kind>:<request id>).
      handler: ANNOUNCE_HANDLER,
      description: "Announces one break-glass elevation's set start time (grant.activated) or its end in 10 minutes",
      async run({ db, clock, actor, payload }) {
        await enforce(db, clock, actor, "breakglass.sweep");
        const p = (payload ?? {}) as { requestId?: unknown; kind?: unknown };
        if (typeof p.requestId !== "string" || (p.kind !== "endingSoon" && p.kind !== "activate"))
          throw new Error("breakglass.announce needs a requestId and a kind (endingSoon, activate)");
        const sent = await announce(db, clock, p.requestId, p.kind as AnnounceKind);
        return { summary: sent ? `${p.kind} announced` : "no longer active: nothing to announce", idle: !sent };
      },
    },
  ];
}
