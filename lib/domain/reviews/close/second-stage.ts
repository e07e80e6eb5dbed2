import { Prisma, type ReviewRun } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import { IDENTITY_OWNER_ROLES } from "../../authz/policy";
import { emitEvents } from "../../notifications/emit-event";
import type { DomainEvent } from "../../notifications/event-types";
import type { Clock } from "../../shared/clock";
import { runSettings } from "../run-settings";
import type { SecondStageItems } from "../vocabulary";

const DAY = 86_400_000;
/** Keeping one of these needs a reason; an item kept with one of them is "kept risky". */
const RISKY_KEPT = ["privileged_production", "wildcard", "unused", "expired", "third_party"];

/** Which stage-1 items go on, as a condition on `it` (a ReviewItem). */
function matching(which: Exclude<SecondStageItems, "none">): Prisma.Sql {
  switch (which) {
    case "revoked":
      return Prisma.sql`(it.decision IN ('suspend', 'decommission')
        OR EXISTS (SELECT 1 FROM "ReviewItemScope" s WHERE s."itemId" = it.id AND s.decision = 'revoke'))`;
    case "kept_risky":
      return Prisma.sql`(it.decision IN ('certify', 'keep_until', 'rotate_by', 'transfer') AND (it.risks && ${RISKY_KEPT}::text[]
        OR EXISTS (SELECT 1 FROM "ReviewItemScope" s WHERE s."itemId" = it.id AND s.risky AND COALESCE(s.decision, 'keep') = 'keep')))`;
    case "undecided":
      return Prisma.sql`it.decision IS NULL`;
    case "all":
      return Prisma.sql`TRUE`;
  }
}

/**
 * Moves the run's matching stage-1 items to the second stage in one statement: the first-stage decider and
 * decision are kept (that person never decides the item again), the decision is cleared (the scope decisions
 * stay, as the first stage's proposal the security reviewer confirms or changes), the first eligible
 * second-stage reviewer who did not decide it takes it and the rest of the group may decide it too
 * (extraReviewerIds); with nobody of the group left, the campaign owner (if they did not decide it). The run
 * re-opens as stage 2 with its own dates (secondStageDays, then the grace days), reminders and escalation
 * counted afresh, and each reviewer of the group is told. With no eligible second-stage reviewer at all, or no
 * matching item, nothing moves and the caller closes the run.
 */
export async function startSecondStage(tx: Tx, clock: Clock, run: ReviewRun): Promise<{ items: number; dueAt: Date; endsAt: Date }> {
  const settings = runSettings(run);
  const now = clock.now();
  const dueAt = new Date(now.getTime() + settings.secondStageDays * DAY);
  const endsAt = new Date(dueAt.getTime() + settings.graceDays * DAY);
  const roles = Prisma.sql`${[...IDENTITY_OWNER_ROLES]}::text[]`;
  const eligible = await tx.$queryRaw<{ id: string }[]>`
    SELECT f.id::text FROM unnest(${settings.secondStageReviewerIds}::uuid[]) WITH ORDINALITY f(id, n)
    JOIN "User" u ON u.id = f.id AND u.status = 'active' AND u.roles && ${roles} ORDER BY f.n`;
  if (eligible.length === 0 || settings.secondStageItems === "none") return { items: 0, dueAt, endsAt };
  const group = Prisma.sql`${eligible.map((e) => e.id)}::uuid[]`;
  const [owner] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM "User" WHERE id = ${settings.campaignOwnerId}::uuid AND status = 'active' AND roles && ${roles}`;
  const fallback = owner ? Prisma.sql`${owner.id}::uuid` : Prisma.sql`NULL::uuid`;
  const items = await tx.$executeRaw`
    UPDATE "ReviewItem" it SET
      stage = 2,
      "firstStageDecidedById" = it."decidedById",
      "firstStageDecision" = it.decision,
      decision = NULL, "decisionReason" = NULL, "decidedById" = NULL, "decidedAt" = NULL,
      "keepUntil" = NULL, "rotateBy" = NULL, "transferToId" = NULL,
      "reviewerId" = COALESCE((array_remove(${group}, it."decidedById"))[1], NULLIF(${fallback}, it."decidedById")),
      "extraReviewerIds" = COALESCE((array_remove(${group}, it."decidedById"))[2:]::text[], ARRAY[]::text[]),
      "reviewerRung" = 'second_stage',
      version = it.version + 1
    WHERE it."runId" = ${run.id}::uuid AND it.stage = 1 AND ${matching(settings.secondStageItems)}`;
  if (items === 0) return { items: 0, dueAt, endsAt };
  await tx.reviewRun.update({
    where: { id: run.id },
    data: { status: "open", stage: 2, dueAt, endsAt, remindersSent: 0, escalationStep: 0 },
  });
  const perPerson = await tx.$queryRaw<{ userId: string; n: number }[]>`
    SELECT p AS "userId", count(*)::int AS n
    FROM "ReviewItem" it CROSS JOIN LATERAL unnest(ARRAY[it."reviewerId"::text] || it."extraReviewerIds") AS p
    WHERE it."runId" = ${run.id}::uuid AND it.stage = 2 AND p IS NOT NULL GROUP BY p`;
  const label = `${settings.campaignName} #${run.number}`;
  const due = dueAt.toISOString().slice(0, 10);
  const events: DomainEvent[] = perPerson.map((r) => ({
    type: "review.assigned",
    recipients: [r.userId],
    title: `Second stage: ${r.n.toLocaleString("en-US")} ${r.n === 1 ? "identity" : "identities"} to review in ${label}, due ${due}`,
    body: `${label} asks the security reviewers to confirm or change the first stage's decisions (${settings.secondStageItems.replace("_", " ")} items). Decisions are due on ${due}.`,
    link: `/reviews?run=${run.id}`,
    dedupeKey: `review:${run.id}:stage2:assigned`,
    data: { runId: run.id, campaignId: run.campaignId, stage: 2, items: r.n, dueAt: dueAt.toISOString() },
  }));
  await emitEvents(tx, clock, events);
  return { items, dueAt, endsAt };
}
