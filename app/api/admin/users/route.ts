import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { createLocalUser } from "@/lib/domain/users/create-local-user";
import { listUsers } from "@/lib/domain/users/list-users";

/** GET ?q=&role=&status=&page=&pageSize=: users, paginated. */
export const GET = apiRoute(async ({ actor, db, clock, request }) =>
  listUsers({ actor, db, clock, input: Object.fromEntries(new URL(request.url).searchParams) }),
);

/** POST {"email", "name", "roles": [...], "password"}: adds a local account. */
export const POST = apiRoute(async ({ actor, db, clock, request }) =>
  createLocalUser({ actor, db, clock, input: await jsonInput(request) }),
);
