"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import type { InputOf, UseCase } from "@/lib/domain/shared/use-case";
import { createLocalUser } from "@/lib/domain/users/create-local-user";
import { setUserRoles } from "@/lib/domain/users/set-user-roles";
import { setUserStatus } from "@/lib/domain/users/set-user-status";
import { setUserTeam } from "@/lib/domain/users/set-user-team";

// Thin: each action resolves the actor and runs one use-case, which checks the role, validates and asks the policy.

async function run<I, O>(useCase: UseCase<I, O>, input: I) {
  const result = await runAsActor(useCase, input);
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function setRolesAction(input: InputOf<typeof setUserRoles>) {
  return run(setUserRoles, input);
}

export async function setTeamAction(input: InputOf<typeof setUserTeam>) {
  return run(setUserTeam, input);
}

export async function setStatusAction(input: InputOf<typeof setUserStatus>) {
  return run(setUserStatus, input);
}

export async function createUserAction(input: InputOf<typeof createLocalUser>) {
  return run(createLocalUser, input);
}
