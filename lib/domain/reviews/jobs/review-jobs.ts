import { enforce } from "../../authz/enforce";
import type { JobDefinition } from "../../jobs/job-definition";
import { endDueStages } from "./end-stage";
import { escalateOverdue } from "./escalate";
import { launchDueCampaigns } from "./launch-due";
import { observeDecommissions } from "./observe";
import { plural } from "./reviewers";
import { sendReminders } from "./remind";

const EVERY_MINUTE = "* * * * *";

/**
 * The access reviews' jobs, each every minute and each asking the policy for review.process first (the system
 * actor's grant): launching recurring runs, reminding, escalating, ending stages, and finishing staged
 * decommissions. Each does nothing (idle) until its moment; each step is claimed once, so several instances
 * may run them side by side.
 */
export function reviewJobs(): JobDefinition[] {
  return [
    {
      handler: "reviews.launchDue",
      description: "Launches the next run of recurring access reviews when it is due (once, never overlapping an open run)",
      schedule: EVERY_MINUTE,
      async run({ db, clock, actor }) {
        await enforce(db, clock, actor, "review.process");
        const r = await launchDueCampaigns(db, clock, actor);
        const parts = [
          r.launched.length > 0 && `launched ${r.launched.join(", ")}`,
          r.waiting.length > 0 && `waiting: ${r.waiting.join("; ")}`,
        ].filter(Boolean);
        return parts.length > 0 ? { summary: parts.join("; "), idle: r.launched.length === 0 } : { summary: "no review due", idle: true };
      },
    },
    {
      handler: "reviews.remind",
      description: "Reminds reviewers of undecided review items on the reminder days before the due date",
      schedule: EVERY_MINUTE,
      async run({ db, clock, actor }) {
        await enforce(db, clock, actor, "review.process");
        const r = await sendReminders(db, clock);
        if (r.runs === 0) return { summary: "no reminder due", idle: true };
        return { summary: `${plural(r.reminders, "reminder")} sent for ${plural(r.runs, "review")}` };
      },
    },
    {
      handler: "reviews.escalate",
      description: "Escalates overdue review items: notify, then add the backup owner, the fallback reviewer, the campaign owner",
      schedule: EVERY_MINUTE,
      async run({ db, clock, actor }) {
        await enforce(db, clock, actor, "review.process");
        const r = await escalateOverdue(db, clock);
        if (r.runs === 0) return { summary: "nothing to escalate", idle: true };
        return { summary: `${plural(r.steps, "escalation step")} in ${plural(r.runs, "review")}, ${plural(r.events, "notice")}` };
      },
    },
    {
      handler: "reviews.endStage",
      description: "Ends review stages at their end date: the second stage starts, or the outcomes are applied and the review closes",
      schedule: EVERY_MINUTE,
      async run({ db, clock, actor }) {
        await enforce(db, clock, actor, "review.process");
        const r = await endDueStages(db, clock, actor);
        if (r.failed.length > 0)
          throw new Error(`could not end ${r.failed.join("; ")}${r.ended.length ? ` (ended: ${r.ended.join(", ")})` : ""}`);
        if (r.ended.length === 0) return { summary: "no review stage ends now", idle: true };
        return { summary: r.ended.join(", ") };
      },
    },
    {
      handler: "reviews.observe",
      description: "Decommissions identities a review suspended once their observation window passed unused",
      schedule: EVERY_MINUTE,
      async run({ db, clock, actor }) {
        await enforce(db, clock, actor, "review.process");
        const r = await observeDecommissions(db, clock, actor);
        if (r.decommissioned + r.kept === 0) return { summary: "no observation window ended", idle: true };
        return {
          summary: `${plural(r.decommissioned, "identity", "identities")} decommissioned, ${plural(r.kept, "identity", "identities")} kept suspended (used during the window or changed since)`,
        };
      },
    },
  ];
}
