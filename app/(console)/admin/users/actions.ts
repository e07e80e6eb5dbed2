"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { deactivateUser, reactivateUser } from "@/lib/domain/users/set-user-status";
import { setUserRoles } from "@/lib/domain/users/set-user-roles";
import { createLocalUser } from "@/lib/domain/users/create-local-user";

// Thin: each action resolves the actor and runs one use-case, which validates and asks the policy.

export async function setRolesAction(input: { userId: string; roles: string[]; expectedRoles: string[] }) {
  const result = await runAsActor(setUserRoles, input);
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function setStatusAction(input: { userId: string; status: "active" | "deactivated" }) {
  const useCase = input.status === "active" ? reactivateUser : deactivateUser;
  const result = await runAsActor(useCase, { userId: input.userId });
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function createUserAction(input: { email: string; name: string; roles: string[]; password: string }) {
  const result = await runAsActor(createLocalUser, input);
  if (result.ok) revalidatePath("/admin/users");
  return result;
}
