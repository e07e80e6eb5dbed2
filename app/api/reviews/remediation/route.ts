import { apiRoute } from "@/lib/auth/api-route";
import { listRemediation } from "@/lib/domain/reviews/remediation/list-remediation";

/** GET ?status=open|done|failed|not_needed&runId=&page=&pageSize=: review changes for the holding systems, oldest first. */
export const GET = apiRoute(async ({ actor, db, clock, request }) =>
  listRemediation({ actor, db, clock, input: Object.fromEntries(new URL(request.url).searchParams) }),
);
