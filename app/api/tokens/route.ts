import { tokenDeps } from "@/app/(console)/settings/tokens/token-deps";
import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { createPersonalToken } from "@/lib/domain/tokens/create-token";
import { listTokens } from "@/lib/domain/tokens/list-tokens";

/** GET ?owner=mine|all&kind=&status=active|expired|revoked&page=&pageSize=: API tokens, newest first. */
export const GET = apiRoute(async ({ actor, db, clock, request }) =>
  listTokens({ actor, db, clock, input: Object.fromEntries(new URL(request.url).searchParams) }),
);

/**
 * POST {"name", "purpose", "scopes": [...], "expiresInDays"?}: makes a personal token; the answer carries it
 * (`data.secret`), the only time it is shown. Making tokens needs a person signed in (a session): the policy
 * refuses every API token, so a token never makes another. Service and AI-agent tokens are made on the
 * console's page (Settings → API tokens), by an admin.
 */
export const POST = apiRoute(async ({ actor, db, clock, request }) =>
  createPersonalToken(tokenDeps())({ actor, db, clock, input: await jsonInput(request) }),
);
