import { z } from "zod";
import { defineMutation } from "../shared/define-mutation";
import { sessionOwner } from "./end-session";
import { revokeSessions } from "./session-limits";

/**
 * "Sign out everywhere": ends every session of the signed-in user, this one included, so a token left on
 * another device or copied from this one is refused at its next request.
 */
export const signOutEverywhere = defineMutation({
  action: "session.signOutEverywhere",
  input: z.object({}),
  lockKey: (_input, actor) => `sessions:${actor.type === "user" ? actor.userId : actor.label}`,
  load: async () => ({ type: "console" as const }),
  async change({ tx, actor }) {
    const user = sessionOwner(actor);
    const ended = await revokeSessions(tx, user.userId);
    return {
      result: { ended },
      events: { target: { type: "user", id: user.userId, label: user.email }, reason: `${ended} session(s) ended` },
    };
  },
});
