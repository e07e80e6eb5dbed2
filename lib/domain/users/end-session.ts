import { z } from "zod";
import type { Actor, UserActor } from "../authz/actor";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";

export const endSessionSchema = z.object({ sessionId: z.uuid("sessionId must be a session id") });

/** The policy admits only signed-in users to session actions; this narrows the type for the compiler too. */
export function sessionOwner(actor: Actor): UserActor {
  if (actor.type !== "user") throw new DomainError("UNAUTHENTICATED", "Sign in first.");
  return actor;
}

/**
 * Sign-out: deletes the server-side session the caller's token names, so that token (and every copy of it)
 * is refused from now on, while the user's sessions on other devices go on. Only the actor's own session
 * can be ended this way: the delete is scoped to the actor's user id.
 */
export const endSession = defineMutation({
  action: "session.signOut",
  input: endSessionSchema,
  lockKey: (input) => `session:${input.sessionId}`,
  load: async () => ({ type: "console" as const }),
  async change({ tx, actor, input }) {
    const user = sessionOwner(actor);
    const { count } = await tx.session.deleteMany({ where: { id: input.sessionId, userId: user.userId } });
    return {
      result: { ended: count },
      events: {
        target: { type: "user", id: user.userId, label: user.email },
        reason: count ? "signed out" : "the session had already ended",
      },
    };
  },
});
