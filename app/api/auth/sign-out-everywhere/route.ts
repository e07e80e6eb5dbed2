import { apiRoute } from "@/lib/auth/api-route";
import { signOutEverywhere } from "@/lib/domain/users/sign-out-everywhere";

/** POST: ends every session of the signed-in user (this one too); the caller then clears its cookie. */
export const POST = apiRoute(async ({ actor, db, clock }) => signOutEverywhere({ actor, db, clock, input: {} }));
