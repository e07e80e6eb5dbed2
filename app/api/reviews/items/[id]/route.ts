import { apiRoute } from "@/lib/auth/api-route";
import { getReviewItem } from "@/lib/domain/reviews/items/get-review-item";

/** GET: one review item with its evidence (its reviewers, admins and auditors). */
export const GET = apiRoute<{ id: string }>(async ({ actor, db, clock, params }) =>
  getReviewItem({ actor, db, clock, input: { id: params.id } }),
);
