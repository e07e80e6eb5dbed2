import { z } from "zod";
import { toUserDto } from "./user-dto";
import { teamField } from "./team-input";
import { defineUserMutation } from "./user-mutation";

export const setUserTeamSchema = z.object({
  userId: z.uuid("userId must be a user id"),
  /** The team, or null (or "") for none. */
  team: teamField("team"),
});

/**
 * An admin puts a person in a team, or in none (audited before/after). The team limits which break-glass
 * requests an approver decides (a policy row's approverTeam); it is read on every request like the roles, so
 * it takes effect at the person's next request without ending their sessions.
 */
export const setUserTeam = defineUserMutation({
  action: "user.setTeam",
  input: setUserTeamSchema,
  async change({ tx, user, input: { team } }) {
    const updated = user.team === team ? user : await tx.user.update({ where: { id: user.id }, data: { team } });
    return {
      result: toUserDto(updated),
      events: { before: { email: user.email, team: user.team }, after: { email: updated.email, team: updated.team } },
    };
  },
});
