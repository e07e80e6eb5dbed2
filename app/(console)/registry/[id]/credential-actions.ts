"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { addCredential } from "@/lib/domain/registry/credentials/add-credential";
import { changeCredential } from "@/lib/domain/registry/credentials/change-credential";
import { recordRotation } from "@/lib/domain/registry/record-rotation";
import type { InputOf, UseCase } from "@/lib/domain/shared/use-case";

// The identity page's credential actions: each runs one use-case (role, validation and policy are its
// business) and, when it worked, refreshes the registry's pages (the list shows the derived summary).

async function run<I, O>(useCase: UseCase<I, O>, input: I) {
  const result = await runAsActor(useCase, input);
  if (result.ok) revalidatePath("/registry", "layout");
  return result;
}

export async function addCredentialAction(input: InputOf<typeof addCredential>) {
  return run(addCredential, input);
}
export async function changeCredentialAction(input: InputOf<typeof changeCredential>) {
  return run(changeCredential, input);
}
export async function rotateCredentialAction(input: InputOf<typeof recordRotation>) {
  return run(recordRotation, input);
}
