import type { Db } from "@/lib/db/types";
import type { UserActor } from "@/lib/domain/authz/actor";
import type { Role } from "@/lib/domain/authz/roles";
import { createCampaign } from "@/lib/domain/reviews/campaigns/create-campaign";
import { launchCampaign } from "@/lib/domain/reviews/campaigns/launch-campaign";
import { closeRun } from "@/lib/domain/reviews/close/close-run";
import { decideItem } from "@/lib/domain/reviews/items/decide-item";
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
  const people = await db.user.findMany({ where: { email: { in: ["admin@demo.local", "approver@demo.local", "owner@demo.local"] } } });
  const actorOf = (email: string): UserActor | null => {
    const row = people.find((p) => p.email === email);
    if (!row) return null;
    return {
      type: "user",
      userId: row.id,
      email,
      name: row.name,
      roles: row.roles as Role[],
      request: { ip: null, userAgent: "demo seed", requestId: null },
    };
  };
  const admin = actorOf("admin@demo.local");
  const approverActor = actorOf("approver@demo.local");
  const ownerActor = actorOf("owner@demo.local");
  if (!admin || !approverActor || !ownerActor) return 0;
  const approver = { id: approverActor.userId };
  const as = (at: Clock, input: unknown) => ({ actor: admin, db, clock: at, input });
  const launchedAt = daysAgo(clock, 9);

  // Last summer's review of the AI agents, decided and closed: its outcomes are in the registry and the audit log,
  // its remediation tasks wait for the systems that hold the agents, and its evidence can be exported.
  const agents = await createCampaign(
    as(daysAgo(clock, 100), {
      name: "AI agents review",
      description: "Every AI agent, certified by its accountable human sponsor.",
      scope: { kind: "ai_agent" },
      fallbackReviewerIds: [approver.id],
      durationDays: 14,
      reminderDays: [7],
      escalationDays: [1],
      graceDays: 3,
    }),
  );
  const past = await launchCampaign(as(daysAgo(clock, 100), { campaignId: agents.id }));
  await decideAll(db, daysAgo(clock, 95), past.runId, [ownerActor, approverActor, admin]);
  await closeRun(as(daysAgo(clock, 86), { runId: past.runId }));

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
  const current = await launchCampaign(as(launchedAt, { campaignId: quarterly.id }));
  // Two days in, the demo owner has decided a handful of their items: the progress bars have moved.
  await decideAll(db, daysAgo(clock, 7), current.runId, [ownerActor], 6);

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
  return 2 + triggered.length;
}

/**
 * Each reviewer decides their items of a run the way a careful owner would, through the reviewer's own use-case:
 * what the launch recommends revoking is suspended, the risky scopes of the rest are revoked, and the remainder is
 * certified, each with its reason. `limit`: at most this many items per reviewer.
 */
async function decideAll(db: Db, at: Clock, runId: string, reviewers: UserActor[], limit = 1_000): Promise<void> {
  for (const reviewer of reviewers) {
    const items = await db.reviewItem.findMany({
      where: { runId, reviewerId: reviewer.userId, decision: null },
      include: { scopes: true },
      orderBy: { name: "asc" },
      take: limit,
    });
    for (const item of items) {
      const input =
        item.recommendation === "revoke"
          ? { id: item.id, decision: "suspend", decisionReason: "Unused for months: suspended until its team confirms it is still needed." }
          : {
              id: item.id,
              decision: "certify",
              decisionReason: "Checked with its team: still needed for what its purpose says; risky grants removed.",
              scopes: item.scopes.filter((sc) => sc.risky).map((sc) => ({ id: sc.id, decision: "revoke" })),
            };
      await decideItem({ actor: reviewer, db, clock: at, input });
    }
  }
}
