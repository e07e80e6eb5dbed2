import { apiRoute, jsonInput } from "@/lib/auth/api-route";
import { editPolicy } from "@/lib/domain/breakglass/edit-policy";
import { listPolicy } from "@/lib/domain/breakglass/list-policy";

/** GET: the break-glass policy rows. */
export const GET = apiRoute(async ({ actor, db, clock }) => listPolicy({ actor, db, clock, input: {} }));

/** PATCH: an admin changes one row (id and version in the body), audited before/after. */
export const PATCH = apiRoute(async ({ actor, db, clock, request }) => editPolicy({ actor, db, clock, input: await jsonInput(request) }));
