import type { Db } from "@/lib/db/types";
import type { UserActor } from "@/lib/domain/authz/actor";
import { createCampaign } from "@/lib/domain/reviews/campaigns/create-campaign";
import { launchCampaign } from "@/lib/domain/reviews/campaigns/launch-campaign";
import { bulkDecide } from "@/lib/domain/reviews/items/bulk-decide";
import { decideItem } from "@/lib/domain/reviews/items/decide-item";
import { getReviewItem } from "@/lib/domain/reviews/items/get-review-item";
import { listMyItems } from "@/lib/domain/reviews/items/list-my-items";
import { reassignItem } from "@/lib/domain/reviews/items/reassign-item";
import type { Clock } from "@/lib/domain/shared/clock";
import type { UseCase } from "@/lib/domain/shared/use-case";
import { REVIEW_EXAMPLE_IDS } from "@/lib/http/openapi/routes-reviews-decide";

/** The access reviews' use-cases (decide) that tests/fuzz.test.ts throws hostile input at. */
export const REVIEW_DECIDE_USE_CASES: Record<string, UseCase<unknown, unknown>> = {
  listMyItems,
  getReviewItem,
  decideItem,
  bulkDecide,
  reassignItem,
};

/**
 * Rows for the OpenAPI examples of these routes (tests/openapi.test.ts runs each as `reviewer`, an admin): an
 * identity `reviewer` owns with one scope, in a launched run, so the examples' item is theirs to decide.
 * Returns the examples' ids mapped to the real ones.
 */
export async function seedReviewDecideExamples(db: Db, clock: Clock, reviewer: UserActor): Promise<Record<string, string>> {
  const heir = await db.user.create({ data: { email: `heir-${Date.now()}@example.com`, name: "Heir", roles: ["member"] } });
  const identity = await db.identity.create({
    data: {
      name: "review-example-bot",
      kind: "service_account",
      platform: "aws",
      externalId: `review-example-${Date.now()}`,
      environment: "production",
      purpose: "Stands for the review examples",
      ownerId: reviewer.userId,
      tags: ["review-example"],
    },
  });
  await db.entitlement.create({
    data: { identityId: identity.id, resource: "payments-db", action: "admin", level: "admin", environment: "production" },
  });
  const { id } = await createCampaign({ actor: reviewer, db, clock, input: { name: "Review examples", scope: { tag: "review-example" } } });
  const { runId } = await launchCampaign({ actor: reviewer, db, clock, input: { campaignId: id } });
  const item = await db.reviewItem.findFirstOrThrow({ where: { runId }, include: { scopes: true } });
  return {
    [REVIEW_EXAMPLE_IDS.item]: item.id,
    [REVIEW_EXAMPLE_IDS.run]: runId,
    [REVIEW_EXAMPLE_IDS.identity]: identity.id,
    [REVIEW_EXAMPLE_IDS.scope]: item.scopes[0]!.id,
    [REVIEW_EXAMPLE_IDS.reviewer]: reviewer.userId,
    [REVIEW_EXAMPLE_IDS.heir]: heir.id,
  };
}
