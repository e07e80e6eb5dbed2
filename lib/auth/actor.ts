import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { UserActor } from "@/lib/domain/authz/actor";
import { resolveActor } from "@/lib/domain/users/resolve-actor";
import { getDb } from "@/lib/server/database";
import { authOptions } from "./options";
import { requestContext } from "./request-context";

/**
 * The signed-in, still-active user of this request, read fresh from the database; null otherwise.
 * Memoized per request (React `cache`), so a layout and its page share one lookup.
 */
export const currentActor = cache(async (): Promise<UserActor | null> => {
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  return resolveActor({ db: await getDb(), userId, request: await requestContext() });
});

/** For pages and server actions: the actor, or a redirect to sign-in. */
export async function requireActor(): Promise<UserActor> {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  return actor;
}
