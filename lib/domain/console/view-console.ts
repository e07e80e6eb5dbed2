import type { Role } from "../authz/roles";
import { enforce } from "../authz/enforce";
import { ACTIONS, type UntargetedAction, can, targetTypeOf } from "../authz/policy";
import { DomainError } from "../shared/errors";
import type { UseCaseArgs } from "../shared/use-case";

export type ConsoleUserDto = {
  name: string;
  email: string;
  roles: Role[];
  /** The untargeted actions the policy allows this person: what the shell and pages offer, never a role list. */
  allowed: UntargetedAction[];
};

const UNTARGETED = ACTIONS.filter((a): a is UntargetedAction => !["user", "identity"].includes(targetTypeOf(a)));

/** Entry to the console at all: any active user holding a role. Returns who they are, for the shell. */
export async function viewConsole({ actor, db, clock }: UseCaseArgs): Promise<ConsoleUserDto> {
  await enforce(db, clock, actor, "console.view", { type: "console" });
  if (actor.type !== "user") throw new DomainError("UNAUTHENTICATED", "Sign in first.");
  return { name: actor.name, email: actor.email, roles: [...actor.roles], allowed: UNTARGETED.filter((a) => can(actor, a)) };
}
