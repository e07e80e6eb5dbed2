"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { runJobNow } from "@/lib/domain/jobs/run-now";
import { wakeScheduler } from "@/lib/domain/jobs/wake";
import type { InputOf } from "@/lib/domain/shared/use-case";

// Thin: the use-case checks the role (admins, in person), validates and records; then the scheduler is
// nudged so the run starts now rather than at its next poll.

export async function runJobNowAction(input: InputOf<typeof runJobNow>) {
  const result = await runAsActor(runJobNow, input);
  if (result.ok) {
    wakeScheduler();
    revalidatePath("/admin/jobs");
    revalidatePath(`/admin/jobs/${result.data.id}`);
  }
  return result;
}
