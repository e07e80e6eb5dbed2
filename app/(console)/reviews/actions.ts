"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { bulkDecide } from "@/lib/domain/reviews/items/bulk-decide";
import type { InputOf } from "@/lib/domain/shared/use-case";

// Thin: the use-case checks the role, validates and judges each item; the inbox and its item pages refresh.

export async function bulkDecideAction(input: InputOf<typeof bulkDecide>) {
  const result = await runAsActor(bulkDecide, input);
  if (result.ok) revalidatePath("/reviews", "layout");
  return result;
}
