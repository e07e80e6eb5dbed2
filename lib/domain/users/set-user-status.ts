import { z } from "zod";
import { checkRole, userSubject } from "../shared/define-mutation";
import type { UseCase } from "../shared/use-case";
import { validate } from "../shared/validate";
import { revokeSessions } from "./session-limits";
import { defineUserMutation } from "./user-mutation";
import { auditView, toUserDto, type UserDto } from "./user-dto";

const schema = z.object({ userId: z.uuid("userId must be a user id") });

const setStatus = (action: "user.deactivate" | "user.reactivate") =>
  defineUserMutation({
    action,
    input: schema,
    async change({ tx, user, now }) {
      const status = action === "user.reactivate" ? "active" : "deactivated";
      const updated = await tx.user.update({ where: { id: user.id }, data: { status, deactivatedAt: status === "active" ? null : now } });
      // Deactivation ends every session: a token from before stays refused even after a reactivation.
      if (status === "deactivated") await revokeSessions(tx, user.id);
      return { result: toUserDto(updated), events: { before: auditView(user), after: auditView(updated) } };
    },
  });

/** Deactivation takes effect at the user's next request: their sessions are deleted with it. */
export const deactivateUser = setStatus("user.deactivate");
export const reactivateUser = setStatus("user.reactivate");

export const USER_STATUSES = ["active", "deactivated"] as const;
export const userStatusSchema = z.object({
  userId: z.uuid("userId must be a user id"),
  status: z.enum(USER_STATUSES, { error: `status must be one of ${USER_STATUSES.join(", ")}` }),
});

/**
 * For entry points that take the status as data: the status is checked like any other input (a bogus or
 * missing one is a 400, never a deactivation), after the role check that every change starts with.
 */
export const setUserStatus: UseCase<z.input<typeof userStatusSchema>, UserDto> = async (args) => {
  await checkRole(args, "user.deactivate", userSubject);
  const { status } = await validate(userStatusSchema, args.input);
  return (status === "active" ? reactivateUser : deactivateUser)(args);
};
