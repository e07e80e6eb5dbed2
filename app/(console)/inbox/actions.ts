"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { markRead } from "@/lib/domain/notifications/mark-read";
import type { InputOf } from "@/lib/domain/shared/use-case";

export async function markReadAction(input: InputOf<typeof markRead>) {
  const result = await runAsActor(markRead, input);
  // The unread count sits in the shell on every page.
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
