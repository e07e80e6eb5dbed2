"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { addEntitlement } from "@/lib/domain/registry/add-entitlement";
import { changeEntitlement } from "@/lib/domain/registry/change-entitlement";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import { recordRotation } from "@/lib/domain/registry/record-rotation";
import { setIdentityStatus } from "@/lib/domain/registry/set-identity-status";
import { transferOwnership } from "@/lib/domain/registry/transfer-ownership";
import { updateIdentity } from "@/lib/domain/registry/update-identity";
import { importIdentities } from "@/lib/domain/registry/import/import-identities";
import { transferOwnedIdentities } from "@/lib/domain/registry/transfer-owned-identities";
import type { UseCase } from "@/lib/auth/run-as-actor";

// Thin: each action runs one use-case (which validates and asks the policy) and refreshes the pages it
// changed. Inputs are plain objects from the forms.

async function run<O>(useCase: UseCase<O>, input: Record<string, unknown>, paths: string[]) {
  const result = await runAsActor(useCase, input);
  if (result.ok) for (const path of paths) revalidatePath(path);
  return result;
}

const identityPaths = (id: unknown) => ["/registry", `/registry/${String(id)}`];

export async function createIdentityAction(input: Record<string, unknown>) {
  return run(createIdentity, input, ["/registry"]);
}
export async function updateIdentityAction(input: Record<string, unknown>) {
  return run(updateIdentity, input, identityPaths(input.id));
}
export async function setIdentityStatusAction(input: Record<string, unknown>) {
  return run(setIdentityStatus, input, identityPaths(input.id));
}
export async function recordRotationAction(input: Record<string, unknown>) {
  return run(recordRotation, input, identityPaths(input.id));
}
export async function transferOwnershipAction(input: Record<string, unknown>) {
  return run(transferOwnership, input, identityPaths(input.id));
}
export async function addEntitlementAction(input: Record<string, unknown>) {
  return run(addEntitlement, input, identityPaths(input.identityId));
}
export async function changeEntitlementAction(input: Record<string, unknown> & { identityId: string }) {
  return run(changeEntitlement, input, identityPaths(input.identityId));
}

export async function importIdentitiesAction(input: Record<string, unknown>) {
  return run(importIdentities, input, input.dryRun ? [] : ["/registry"]);
}

export async function transferOwnedIdentitiesAction(input: Record<string, unknown>) {
  return run(transferOwnedIdentities, input, input.dryRun ? [] : ["/registry"]);
}
