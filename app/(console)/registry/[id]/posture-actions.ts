"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { decideFinding } from "@/lib/domain/posture/decide-finding";
import type { InputOf } from "@/lib/domain/shared/use-case";

// Thin: the use-case checks who may decide, validates and audits; the identity page and the dashboard refresh.

export async function decideFindingAction(input: InputOf<typeof decideFinding>) {
  const result = await runAsActor(decideFinding, input);
  if (result.ok) {
    revalidatePath("/registry", "layout");
    revalidatePath("/dashboard", "layout");
  }
  return result;
}
