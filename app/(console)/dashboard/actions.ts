"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { editPosturePolicy } from "@/lib/domain/posture/edit-posture-policy";
import type { InputOf } from "@/lib/domain/shared/use-case";

// Thin: the use-case checks the role, validates, audits and marks the estate for re-evaluation.

export async function editPosturePolicyAction(input: InputOf<typeof editPosturePolicy>) {
  const result = await runAsActor(editPosturePolicy, input);
  if (result.ok) revalidatePath("/dashboard", "layout");
  return result;
}
