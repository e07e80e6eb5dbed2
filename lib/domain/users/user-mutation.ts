import type { z } from "zod";
import type { User } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import type { UserTarget } from "../authz/policy";
import type { Role } from "../authz/roles";
import { type EventDraft, defineMutation, userSubject } from "../shared/define-mutation";
import type { UseCase } from "../shared/use-case";
import { loadUserTarget } from "./load-user-target";

type UserAction = "user.setRoles" | "user.setTeam" | "user.deactivate" | "user.reactivate";

/**
 * A change to one user's access. These rules read other rows ("is this the last active admin?"), so they
 * share one lock: two admins demoting each other at once cannot both pass the rule.
 */
export function defineUserMutation<S extends z.ZodType<{ userId: string }>, R>(def: {
  action: UserAction;
  input: S;
  nextRoles?: (input: z.output<S>) => readonly Role[];
  change: (ctx: { tx: Tx; user: User; input: z.output<S>; now: Date }) => Promise<{ result: R; events: EventDraft | EventDraft[] }>;
}): UseCase<z.input<S>, R> {
  return defineMutation<UserAction, S, UserTarget & { user: User }, R>({
    action: def.action,
    input: def.input,
    subject: userSubject,
    lockKey: () => "users:access",
    load: (tx, input) => loadUserTarget(tx, input.userId, def.nextRoles?.(input)),
    change: ({ tx, input, target, clock }) => def.change({ tx, user: target.user, input, now: clock.now() }),
  });
}
