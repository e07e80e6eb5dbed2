"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { decideItem } from "@/lib/domain/reviews/items/decide-item";
import { reassignItem } from "@/lib/domain/reviews/items/reassign-item";
import type { InputOf } from "@/lib/domain/shared/use-case";

// Thin: each action runs one use-case (role, validation, policy and audit are there) and refreshes the
// reviews pages (the inbox's progress and the item itself); the client's input never becomes a path.

export async function decideItemAction(input: InputOf<typeof decideItem>) {
  const result = await runAsActor(decideItem, input);
  if (result.ok) revalidatePath("/reviews", "layout");
  return result;
}

export async function reassignItemAction(input: InputOf<typeof reassignItem>) {
  const result = await runAsActor(reassignItem, input);
  if (result.ok) revalidatePath("/reviews", "layout");
  return result;
}
