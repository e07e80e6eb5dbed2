"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { fileAfterActionReview } from "@/lib/domain/breakglass/after-action";
import { approveRequest } from "@/lib/domain/breakglass/approve-request";
import { cancelRequest } from "@/lib/domain/breakglass/cancel-request";
import { denyRequest } from "@/lib/domain/breakglass/deny-request";
import { editPolicy } from "@/lib/domain/breakglass/edit-policy";
import { killSwitch } from "@/lib/domain/breakglass/kill-switch";
import { requestElevation } from "@/lib/domain/breakglass/request-elevation";
import { revokeRequest } from "@/lib/domain/breakglass/revoke-request";
import type { InputOf } from "@/lib/domain/shared/use-case";

// Thin: each action runs one use-case (role, validation, the policy table and the audit log are there) and
// refreshes the break-glass pages and the registry, which shows live elevations.

function refresh() {
  revalidatePath("/break-glass", "layout");
  revalidatePath("/registry", "layout");
}

async function refreshing<T extends { ok: boolean }>(result: Promise<T>): Promise<T> {
  const outcome = await result;
  if (outcome.ok) refresh();
  return outcome;
}

export async function requestElevationAction(input: InputOf<typeof requestElevation>) {
  return refreshing(runAsActor(requestElevation, input));
}
export async function approveRequestAction(input: InputOf<typeof approveRequest>) {
  return refreshing(runAsActor(approveRequest, input));
}
export async function denyRequestAction(input: InputOf<typeof denyRequest>) {
  return refreshing(runAsActor(denyRequest, input));
}
export async function cancelRequestAction(input: InputOf<typeof cancelRequest>) {
  return refreshing(runAsActor(cancelRequest, input));
}
export async function revokeRequestAction(input: InputOf<typeof revokeRequest>) {
  return refreshing(runAsActor(revokeRequest, input));
}
export async function fileAfterActionAction(input: InputOf<typeof fileAfterActionReview>) {
  return refreshing(runAsActor(fileAfterActionReview, input));
}
export async function editPolicyAction(input: InputOf<typeof editPolicy>) {
  return refreshing(runAsActor(editPolicy, input));
}
export async function killSwitchAction(input: InputOf<typeof killSwitch>) {
  return refreshing(runAsActor(killSwitch, input));
}
