import { apiRoute } from "@/lib/auth/api-route";
import { checkGrant } from "@/lib/domain/breakglass/check-grant";

/** GET ?identityId=&resource=&action=&level=read|write|admin&environment=: does the identity hold this elevated scope now? */
export const GET = apiRoute(async ({ actor, db, clock, request }) =>
  checkGrant({ actor, db, clock, input: Object.fromEntries(new URL(request.url).searchParams) }),
);
