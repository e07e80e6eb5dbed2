import { apiRoute } from "@/lib/auth/api-route";
import { listMyItems } from "@/lib/domain/reviews/items/list-my-items";

/** GET: the caller's review items across open runs (same query parameters as the /reviews page), with progress per run. */
export const GET = apiRoute(async ({ actor, db, clock, request }) =>
  listMyItems({ actor, db, clock, input: Object.fromEntries(new URL(request.url).searchParams) }),
);
