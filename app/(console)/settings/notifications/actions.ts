"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { updateNotificationSettings } from "@/lib/domain/notifications/settings";
import type { InputOf } from "@/lib/domain/shared/use-case";

export async function updateNotificationSettingsAction(input: InputOf<typeof updateNotificationSettings>) {
  const result = await runAsActor(updateNotificationSettings, input);
  if (result.ok) revalidatePath("/settings/notifications");
  return result;
}
