"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import type { InputOf } from "@/lib/domain/shared/use-case";
import { createWebhookEndpoint } from "@/lib/domain/webhooks/create-endpoint";
import { deleteWebhookEndpoint } from "@/lib/domain/webhooks/delete-endpoint";
import { rotateWebhookSecret } from "@/lib/domain/webhooks/rotate-secret";
import { sendWebhookTestEvent } from "@/lib/domain/webhooks/send-test-event";
import { updateWebhookEndpoint } from "@/lib/domain/webhooks/update-endpoint";
import { webhookDeps } from "./webhook-deps";

// Thin: each action resolves the actor and runs one use-case, which checks the role, validates and records.

const refresh = (id?: string) => {
  revalidatePath("/admin/webhooks");
  if (id) revalidatePath(`/admin/webhooks/${id}`);
};

export async function createWebhookAction(input: InputOf<ReturnType<typeof createWebhookEndpoint>>) {
  const result = await runAsActor(createWebhookEndpoint(webhookDeps()), input);
  if (result.ok) refresh();
  return result;
}

export async function updateWebhookAction(input: InputOf<ReturnType<typeof updateWebhookEndpoint>>) {
  const result = await runAsActor(updateWebhookEndpoint(webhookDeps()), input);
  if (result.ok) refresh(result.data.id);
  return result;
}

export async function rotateWebhookSecretAction(input: InputOf<ReturnType<typeof rotateWebhookSecret>>) {
  const result = await runAsActor(rotateWebhookSecret(webhookDeps()), input);
  if (result.ok) refresh(result.data.endpoint.id);
  return result;
}

export async function sendWebhookTestAction(input: InputOf<ReturnType<typeof sendWebhookTestEvent>>) {
  const result = await runAsActor(sendWebhookTestEvent(webhookDeps()), input);
  if (result.ok) refresh(input.id);
  return result;
}

export async function deleteWebhookAction(input: InputOf<typeof deleteWebhookEndpoint>) {
  const result = await runAsActor(deleteWebhookEndpoint, input);
  if (result.ok) refresh();
  return result;
}
