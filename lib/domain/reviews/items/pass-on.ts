import type { Tx } from "@/lib/db/types";
import { IDENTITY_OWNER_ROLES } from "../../authz/policy";
import { DomainError } from "../../shared/errors";
import type { ReviewerRung } from "../vocabulary";
import type { LoadedItem } from "./item-target";

/** Who an item goes to when its reviewer says "don't know", and on which rung. */
export type NextReviewer = { userId: string; rung: ReviewerRung };

/**
 * The next rung of the reviewer rule after the current reviewer: owner -> backup owner -> the fallback
 * reviewers in order -> campaign owner (a second stage: its reviewer group -> campaign owner). Skipped: people
 * who are deactivated or may not review, the person saying "don't know", everyone who said it about this item
 * before (from the audit log) and, in a second stage, whoever decided the item in the first. A reviewer who
 * is not on the rule (reassigned, escalated) passes it to the first rung that is left. CONFLICT when nobody is.
 */
export async function nextReviewer(tx: Tx, loaded: LoadedItem, actorId: string): Promise<NextReviewer> {
  const { item, settings } = loaded;
  const chain: NextReviewer[] =
    item.stage === 2
      ? [
          ...settings.secondStageReviewerIds.map((userId) => ({ userId, rung: "second_stage" as const })),
          { userId: settings.campaignOwnerId, rung: "campaign_owner" },
        ]
      : [
          ...(item.ownerId ? [{ userId: item.ownerId, rung: "owner" as const }] : []),
          ...(item.backupOwnerId ? [{ userId: item.backupOwnerId, rung: "backup_owner" as const }] : []),
          ...settings.fallbackReviewerIds.map((userId) => ({ userId, rung: "fallback" as const })),
          { userId: settings.campaignOwnerId, rung: "campaign_owner" },
        ];
  const at = chain.findIndex((c) => c.userId === item.reviewerId);
  const after = at >= 0 ? chain.slice(at + 1) : chain;
  const saidDontKnow = await tx.auditEvent.findMany({
    where: { targetType: "review-item", targetId: item.id, action: "review.decide", outcome: "allowed" },
    select: { actorId: true, after: true },
  });
  const skip = new Set<string>([actorId, ...(item.firstStageDecidedById && item.stage === 2 ? [item.firstStageDecidedById] : [])]);
  for (const e of saidDontKnow) if (e.actorId && (e.after as { decision?: string } | null)?.decision === "dont_know") skip.add(e.actorId);
  const ids = [...new Set(after.map((c) => c.userId))].filter((id) => !skip.has(id));
  const eligible = new Set(
    (
      await tx.user.findMany({
        where: { id: { in: ids }, status: "active", roles: { hasSome: [...IDENTITY_OWNER_ROLES] } },
        select: { id: true },
      })
    ).map((u) => u.id),
  );
  const next = after.find((c) => eligible.has(c.userId) && !skip.has(c.userId));
  if (!next)
    throw new DomainError(
      "CONFLICT",
      "Nobody is left on the reviewer rule to pass this item to. Decide it, or ask an admin to reassign it.",
    );
  return next;
}
