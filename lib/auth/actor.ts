import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getConfig } from "@/lib/config/env";
import type { UserActor } from "@/lib/domain/authz/actor";
import { serverClock } from "@/lib/server/clock";
import { resolveActor } from "@/lib/domain/users/resolve-actor";
import { sessionClaims } from "@/lib/domain/users/session-limits";
import { getDb } from "@/lib/server/database";
import { signInUrl } from "./callback-url";
import { authOptions, sessionLimitsOf } from "./options";
import { requestContext } from "./request-context";

/**
 * The signed-in user of this request, read fresh from the database; null otherwise. The session cookie
 * only names a server-side session: that session must still be live (not signed out, revoked, idle or
 * past its lifetime) and its user active. Memoized per request (React `cache`), so a layout and its page
 * share one lookup.
 */
export const currentActor = cache(async (): Promise<UserActor | null> => {
  const options = authOptions();
  const jar = await cookies();
  // The cookie only, decrypted and checked for expiry by next-auth (no Authorization header: bearer tokens
  // are not a way in). Unlike getServerSession, this does not run the jwt callback a second time.
  const token = await getToken({
    req: { cookies: jar, headers: {} } as never,
    secret: options.secret,
  });
  const claims = sessionClaims(token);
  if (!claims) return null;
  return resolveActor({
    db: await getDb(),
    clock: serverClock,
    limits: sessionLimitsOf(getConfig()),
    claims,
    request: await requestContext(),
  });
});

/** Sign-in, then back to the page that was asked for (its path and query, set by proxy.ts). */
export async function redirectToSignIn(): Promise<never> {
  redirect(signInUrl((await headers()).get("x-request-path")));
}

/** For pages and server actions: the actor, or a redirect to sign-in. */
export async function requireActor(): Promise<UserActor> {
  const actor = await currentActor();
  if (!actor) return redirectToSignIn();
  return actor;
}
