import { z } from "zod";
import type { ReviewCampaign } from "@/lib/db/generated/client";
import type { JsonValue } from "@/lib/db/types";
import { assertEligibleOwners } from "../../registry/owner-eligibility";
import { defineMutation } from "../../shared/define-mutation";
import { DomainError } from "../../shared/errors";
import { validate } from "../../shared/validate";
import { type CampaignFields, campaignFieldsSchema, campaignInputSchema } from "../campaign-input";
import type { Recurrence } from "../vocabulary";
import { campaignTarget } from "./campaign-target";
import { nextRunAfter } from "./next-run";

type Editable = Omit<CampaignFields, "trigger">;
const EDITABLE = campaignFieldsSchema.omit({ trigger: true });

// Each field as the definition takes it, without its default: a field left out of a change keeps its value.
const patchShape = Object.fromEntries(
  Object.entries(EDITABLE.shape).map(([key, schema]) => [
    key,
    (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema).optional(),
  ]),
);

type UpdateInput = { campaignId: string; expectedVersion?: number } & Partial<Editable>;
type UpdateRaw = { campaignId: string; expectedVersion?: number | string } & Partial<z.input<typeof EDITABLE>>;

/**
 * The fields to change (any of the definition's but its trigger), the campaign's id, and optionally the version
 * the admin read: a change made by someone else since is refused, never overwritten.
 */
export const updateCampaignSchema = z.object({
  campaignId: z.uuid("campaignId must be a campaign's id"),
  expectedVersion: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce
      .number({ error: "expectedVersion must be a number" })
      .int("expectedVersion must be a whole number")
      .min(1, "expectedVersion must be 1 or more")
      .optional(),
  ),
  ...patchShape,
}) as unknown as z.ZodType<UpdateInput, UpdateRaw>;

/** The definition's fields as stored, in the shape the input schema takes (to merge a change into). */
function storedFields(c: ReviewCampaign): Record<keyof Editable, unknown> {
  return {
    name: c.name,
    description: c.description,
    scope: c.scope,
    ownerId: c.ownerId,
    fallbackReviewerIds: c.fallbackReviewerIds,
    durationDays: c.durationDays,
    reminderDays: c.reminderDays,
    escalationDays: c.escalationDays,
    graceDays: c.graceDays,
    secondStageItems: c.secondStageItems,
    secondStageReviewerIds: c.secondStageReviewerIds,
    secondStageDays: c.secondStageDays,
    nonResponseAction: c.nonResponseAction,
    applyMode: c.applyMode,
    recurrence: c.recurrence,
    cron: c.cron ?? undefined,
    followUpRound: c.followUpRound,
    followUpDays: c.followUpDays,
    observationDays: c.observationDays,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Changes a campaign's definition (admins, in person), checked as a whole again (the cross-field rules), with
 * what changed recorded before and after. It shapes the campaign's next runs only: a run under way keeps the
 * settings it was launched with (ReviewRun.settings), and its items keep their reviewers. A change of
 * recurrence moves the next launch to the new schedule, counted from the last launch.
 */
export const updateCampaign = defineMutation({
  action: "review.manage",
  input: updateCampaignSchema,
  lockKey: (input) => `review-campaign:${input.campaignId}`,
  load: async () => ({ type: "console" as const }),
  async change({ tx, clock, input }) {
    const campaign = await tx.reviewCampaign.findUnique({ where: { id: input.campaignId } });
    if (!campaign) throw new DomainError("NOT_FOUND", "There is no such campaign.");
    if (campaign.status !== "active") throw new DomainError("CONFLICT", `${campaign.name} is archived: it can no longer be changed.`);
    if (input.expectedVersion !== undefined && input.expectedVersion !== campaign.version)
      throw new DomainError(
        "CONFLICT",
        `${campaign.name} was changed by someone else since you read it (version ${campaign.version}); reload and try again.`,
      );
    const { campaignId: _id, expectedVersion: _v, ...given } = input;
    void _id;
    void _v;
    const stored = storedFields(campaign);
    const merged = {
      ...stored,
      ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)),
      trigger: campaign.trigger ?? undefined,
    };
    const next = await validate(campaignInputSchema, merged);
    const changed = (Object.keys(stored) as (keyof Editable)[]).filter((k) =>
      k === "cron" ? !same(next.cron ?? null, campaign.cron) : !same(next[k], stored[k]),
    );
    if (changed.length === 0) return { result: { id: campaign.id, name: campaign.name, version: campaign.version, changed }, events: [] };
    // Only people newly named must be able to review now; those already named were checked when named.
    const added = (field: "fallbackReviewerIds" | "secondStageReviewerIds") =>
      next[field].flatMap((id, i) => (campaign[field].includes(id) ? [] : [[`${field}.${i}`, id] as const]));
    await assertEligibleOwners(tx, {
      ...(next.ownerId && next.ownerId !== campaign.ownerId ? { ownerId: next.ownerId } : {}),
      ...Object.fromEntries(added("fallbackReviewerIds")),
      ...Object.fromEntries(added("secondStageReviewerIds")),
    });
    let nextRunAt = campaign.nextRunAt;
    if (changed.includes("recurrence") || changed.includes("cron")) {
      const last = await tx.reviewRun.findFirst({
        where: { campaignId: campaign.id },
        orderBy: { number: "desc" },
        select: { launchedAt: true },
      });
      const recurrence = next.recurrence as Recurrence;
      const fromLast = last ? nextRunAfter(recurrence, next.cron ?? null, last.launchedAt) : null;
      nextRunAt = fromLast && fromLast < clock.now() ? nextRunAfter(recurrence, next.cron ?? null, clock.now()) : fromLast;
    }
    const data: Record<string, unknown> = {};
    for (const k of changed) data[k] = k === "cron" ? (next.cron ?? null) : k === "ownerId" ? next.ownerId : next[k];
    const row = await tx.reviewCampaign.update({
      where: { id: campaign.id },
      data: { ...data, nextRunAt, version: { increment: 1 } },
    });
    const pick = (source: Record<string, unknown>) =>
      JSON.parse(JSON.stringify(Object.fromEntries(changed.map((k) => [k, source[k] ?? null])))) as JsonValue;
    return {
      result: { id: row.id, name: row.name, version: row.version, changed },
      events: {
        target: campaignTarget(row),
        before: pick({ ...stored, cron: campaign.cron }),
        after: pick({ ...next, cron: next.cron ?? null }),
      },
    };
  },
});
