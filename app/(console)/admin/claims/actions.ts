"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { undoClaim } from "@/lib/domain/registry/claim-identity";
import type { InputOf } from "@/lib/domain/shared/use-case";

export async function undoClaimAction(input: InputOf<typeof undoClaim>) {
  const result = await runAsActor(undoClaim, input);
  if (result.ok) {
    revalidatePath("/admin/claims");
    revalidatePath("/registry", "layout");
  }
  return result;
}
