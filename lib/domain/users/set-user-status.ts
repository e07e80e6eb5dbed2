import { z } from "zod";
import { guardedChange } from "../authz/guarded-change";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { loadUserTarget } from "./load-user-target";
import { auditView, toUserDto, type UserDto } from "./user-dto";

const schema = z.object({ userId: z.uuid("userId must be a user id") });

type Args = UseCaseArgs;

/** Deactivation takes effect at the user's next request: resolveActor reads the status every time. */
export function deactivateUser(args: Args): Promise<UserDto> {
  return setStatus(args, "deactivated");
}

export function reactivateUser(args: Args): Promise<UserDto> {
  return setStatus(args, "active");
}

async function setStatus({ actor, db, clock, input }: Args, status: "active" | "deactivated"): Promise<UserDto> {
  const { userId } = validate(schema, input);
  const action = status === "active" ? "user.reactivate" : "user.deactivate";
  return guardedChange({
    db,
    clock,
    actor,
    action,
    subject: { type: "user", id: userId },
    load: (tx) => loadUserTarget(tx, userId),
    async change(tx, { user }) {
      const updated = await tx.user.update({
        where: { id: userId },
        data: { status, deactivatedAt: status === "active" ? null : clock.now() },
      });
      return {
        result: toUserDto(updated),
        event: {
          actor,
          action,
          target: { type: "user", id: user.id, label: user.email },
          outcome: "allowed",
          before: auditView(user),
          after: auditView(updated),
        },
      };
    },
  });
}
