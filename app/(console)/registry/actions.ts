"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import type { InputOf, UseCase } from "@/lib/domain/shared/use-case";
import { addEntitlement } from "@/lib/domain/registry/add-entitlement";
import { changeEntitlement } from "@/lib/domain/registry/change-entitlement";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import { setIdentityStatus } from "@/lib/domain/registry/set-identity-status";
import { transferOwnership } from "@/lib/domain/registry/transfer-ownership";
import { updateIdentity } from "@/lib/domain/registry/update-identity";
import { transferOwnedIdentities } from "@/lib/domain/registry/transfer-owned-identities";

// Thin: each action runs one use-case (which checks the role, validates and asks the policy) and refreshes
// the pages it changed. Inputs are typed by each use-case's schema; what really arrives is validated there.

// A change refreshes the registry's pages (the list and every identity page under it): the client's input
// never becomes a path, so nothing it sends can make the refresh itself fail.
async function run<I, O>(useCase: UseCase<I, O>, input: I) {
  const result = await runAsActor(useCase, input);
  if (result.ok) revalidatePath("/registry", "layout");
  return result;
}

export async function createIdentityAction(input: InputOf<typeof createIdentity>) {
  return run(createIdentity, input);
}
export async function updateIdentityAction(input: InputOf<typeof updateIdentity>) {
  return run(updateIdentity, input);
}
export async function setIdentityStatusAction(input: InputOf<typeof setIdentityStatus>) {
  return run(setIdentityStatus, input);
}
export async function transferOwnershipAction(input: InputOf<typeof transferOwnership>) {
  return run(transferOwnership, input);
}
export async function addEntitlementAction(input: InputOf<typeof addEntitlement>) {
  return run(addEntitlement, input);
}
export async function changeEntitlementAction(input: InputOf<typeof changeEntitlement>) {
  return run(changeEntitlement, input);
}

export async function transferOwnedIdentitiesAction(input: InputOf<typeof transferOwnedIdentities>) {
  return run(transferOwnedIdentities, input);
}
