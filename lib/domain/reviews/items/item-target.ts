import type { ReviewItem, ReviewItemScope, ReviewRun } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import type { AuditTarget } from "../../audit/append-audit-event";
import type { ReviewItemTarget } from "../../authz/policy";
import { DomainError } from "../../shared/errors";
import { type RunSettings, runSettings } from "../run-settings";

/** An item as the decide and reassign use-cases judge and change it: the policy's target plus the rows behind it. */
export type LoadedItem = ReviewItemTarget & {
  item: ReviewItem & { scopes: ReviewItemScope[] };
  run: ReviewRun;
  settings: RunSettings;
};

/**
 * What the policy judges about an item, from its row and its run's: who may decide it (the assigned reviewer
 * and those escalation or "don't know" added), whether its stage still takes decisions (the run is open and
 * still at the item's stage), and in a second stage who decided it in the first (they never decide it again).
 */
export function itemTarget(
  item: Pick<ReviewItem, "id" | "name" | "reviewerId" | "extraReviewerIds" | "stage" | "firstStageDecidedById">,
  run: Pick<ReviewRun, "status" | "stage">,
): ReviewItemTarget {
  return {
    type: "review-item",
    id: item.id,
    label: item.name,
    reviewerIds: [...(item.reviewerId ? [item.reviewerId] : []), ...item.extraReviewerIds],
    open: run.status === "open" && item.stage === run.stage,
    firstStageDecidedById: item.stage === 2 ? item.firstStageDecidedById : null,
  };
}

/** Loads an item with its scopes and run, under the caller's lock and a share lock on the run; NOT_FOUND when there is none. */
export async function loadItemTarget(tx: Tx, id: string): Promise<LoadedItem> {
  // The run's row is held shared until this change commits: a close (which marks the run "closing" first) waits
  // for decisions in flight, and a decision that comes after it sees the run closing and is refused.
  await tx.$queryRaw`SELECT 1 FROM "ReviewRun" WHERE id = (SELECT "runId" FROM "ReviewItem" WHERE id = ${id}::uuid) FOR SHARE`;
  const item = await tx.reviewItem.findUnique({
    where: { id },
    include: { scopes: { orderBy: [{ risky: "desc" }, { resource: "asc" }, { action: "asc" }, { id: "asc" }] }, run: true },
  });
  if (!item) throw new DomainError("NOT_FOUND", "That review item does not exist.");
  const { run, ...rest } = item;
  return { ...itemTarget(rest, run), item: rest, run, settings: runSettings(run) };
}

/** How an item appears in the audit log. */
export const itemAuditTarget = (item: { id: string; name: string }): AuditTarget => ({
  type: "review-item",
  id: item.id,
  label: item.name,
});

/** The lock every change of one item holds (decide, reassign, the engine's apply of it). */
export const itemLockKey = (id: string) => `review-item:${id}`;
