"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { wakeScheduler } from "@/lib/domain/jobs/wake";
import { archiveCampaign } from "@/lib/domain/reviews/campaigns/archive-campaign";
import { createCampaign } from "@/lib/domain/reviews/campaigns/create-campaign";
import { launchCampaign } from "@/lib/domain/reviews/campaigns/launch-campaign";
import { closeRun } from "@/lib/domain/reviews/close/close-run";
import { previewCampaign } from "@/lib/domain/reviews/launch/preview-campaign";
import type { InputOf } from "@/lib/domain/shared/use-case";

// Thin: each use-case checks the role (admins, in person), validates, applies and records.

/** The form's fields as typed (the use-cases validate them; errors name each field). */
type CampaignFormInput = Record<string, unknown>;

export async function previewCampaignAction(input: CampaignFormInput) {
  return runAsActor(previewCampaign, { campaign: input });
}

/**
 * Defines the campaign and, when asked, launches its first run at once. Two steps on purpose: a launch that is
 * refused (say, nothing in scope yet) leaves the definition saved, and the answer says why it did not launch.
 */
export async function createCampaignAction(input: CampaignFormInput, launch: boolean) {
  const created = await runAsActor(createCampaign, input as InputOf<typeof createCampaign>);
  if (!created.ok) return created;
  revalidatePath("/reviews/campaigns");
  if (!launch) return { ok: true as const, data: { id: created.data.id, launched: false, launchError: null } };
  const launched = await runAsActor(launchCampaign, { campaignId: created.data.id });
  if (launched.ok) wakeScheduler();
  return { ok: true as const, data: { id: created.data.id, launched: launched.ok, launchError: launched.ok ? null : launched.message } };
}

export async function launchCampaignAction(input: InputOf<typeof launchCampaign>) {
  const result = await runAsActor(launchCampaign, input);
  if (result.ok) {
    wakeScheduler();
    revalidatePath(`/reviews/campaigns/${input.campaignId}`);
  }
  return result;
}

export async function closeRunAction(input: InputOf<typeof closeRun> & { campaignId: string }) {
  const result = await runAsActor(closeRun, { runId: input.runId });
  if (result.ok) {
    wakeScheduler();
    revalidatePath(`/reviews/campaigns/${input.campaignId}`);
  }
  return result;
}

export async function archiveCampaignAction(input: InputOf<typeof archiveCampaign>) {
  const result = await runAsActor(archiveCampaign, input);
  if (result.ok) revalidatePath(`/reviews/campaigns/${input.campaignId}`);
  return result;
}
