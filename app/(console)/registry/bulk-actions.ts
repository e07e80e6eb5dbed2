"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { bulkChangeIdentities } from "@/lib/domain/registry/bulk-change-identities";
import { claimIdentity } from "@/lib/domain/registry/claim-identity";
import type { InputOf } from "@/lib/domain/shared/use-case";

// Thin, as actions.ts: one use-case each (which checks the role, validates and asks the policy per identity).

/** A preview (dryRun) or the change itself, for the selected rows or everything matching the filter. */
export async function bulkChangeAction(input: InputOf<typeof bulkChangeIdentities>) {
  const result = await runAsActor(bulkChangeIdentities, input);
  if (result.ok && !result.data.dryRun) revalidatePath("/registry", "layout");
  return result;
}

/** Taking an identity that has no owner. */
export async function claimIdentityAction(input: InputOf<typeof claimIdentity>) {
  const result = await runAsActor(claimIdentity, input);
  if (result.ok) {
    revalidatePath("/registry", "layout");
    revalidatePath("/admin/claims");
  }
  return result;
}
