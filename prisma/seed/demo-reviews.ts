import type { Db } from "@/lib/db/types";
import type { UserActor } from "@/lib/domain/authz/actor";
import type { Role } from "@/lib/domain/authz/roles";
import { createCampaign } from "@/lib/domain/reviews/campaigns/create-campaign";
import { launchCampaign } from "@/lib/domain/reviews/campaigns/launch-campaign";
import type { Clock } from "@/lib/domain/shared/clock";

const DAY = 86_400_000;

/** The clock as it was `days` ago: the demo's campaigns were launched in the past, so they show progress and due dates. */
const daysAgo = (clock: Clock, days: number): Clock => ({ now: () => new Date(clock.now().getTime() - days * DAY) });

/**
 * The demo's access reviews, made through the same use-cases an admin's clicks run (so the audit log tells how
 * they came to be): a quarterly review of production identities launched nine days ago and due in five, and the
 * event-triggered campaigns (an owner leaves, an AI agent is registered, a privileged scope is added in production).
 * Returns how many campaigns it defined.
 */
export async function seedDemoReviews(db: Db, clock: Clock): Promise<number> {
  if ((await db.reviewCampaign.count()) > 0) return 0;
  const people = await db.user.findMany({ where: { email: { in: ["admin@demo.local", "approver@demo.local"] } } });
  const adminRow = people.find((p) => p.email === "admin@demo.local");
  const approver = people.find((p) => p.email === "approver@demo.local");
  if (!adminRow || !approver) return 0;
  const admin: UserActor = {
    type: "user",
    userId: adminRow.id,
    email: adminRow.email,
    name: adminRow.name,
    roles: adminRow.roles as Role[],
    request: { ip: null, userAgent: "demo seed", requestId: null },
  };
  const as = (at: Clock, input: unknown) => ({ actor: admin, db, clock: at, input });
  const launchedAt = daysAgo(clock, 9);

  const quarterly = await createCampaign(
    as(launchedAt, {
      name: "Quarterly production review",
      description: "Every production identity, reviewed by its owner each quarter. Unanswered items are kept and flagged.",
      scope: { environment: "production" },
      fallbackReviewerIds: [approver.id],
      durationDays: 14,
      reminderDays: [7, 1],
      escalationDays: [1, 3, 5],
      graceDays: 7,
      recurrence: "quarterly",
    }),
  );
  await launchCampaign(as(launchedAt, { campaignId: quarterly.id }));

  const triggered = [
    {
      name: "Owner leaves",
      trigger: "owner_deactivated",
      durationDays: 7,
      description:
        "When an owner is deactivated, each identity they owned goes to its backup owner (or an admin) for review within 7 days.",
    },
    {
      name: "New AI agent",
      trigger: "agent_registered",
      durationDays: 7,
      description: "Each AI agent registered is certified by its accountable human sponsor.",
    },
    {
      name: "Privileged scope added in production",
      trigger: "privileged_scope_added",
      durationDays: 5,
      description: "An admin or write scope added in production is confirmed by the identity's owner.",
    },
  ];
  for (const t of triggered)
    await createCampaign(as(clock, { ...t, fallbackReviewerIds: [approver.id], reminderDays: [2], escalationDays: [1], graceDays: 3 }));
  return 1 + triggered.length;
}
