import { z } from "zod";
import { nextCronTime, scheduleProblem } from "../jobs/schedule";
import { identityFilterSchema } from "../registry/identity-filter";
import { safeText } from "../shared/safe-text";
import { APPLY_MODES, NON_RESPONSE_ACTIONS, RECURRENCE_MIN_DAYS, RECURRENCES, SECOND_STAGE_ITEMS, TRIGGERS } from "./vocabulary";

// What an admin says when defining a campaign. Every message names its field; the cross-field rules (a
// reminder before the due date, escalation inside the grace period, a second stage with reviewers, a run
// shorter than its interval) are checked here too, so nothing half-valid is ever stored.

const oneOf = (field: string, values: readonly string[]) => ({ error: `${field} must be one of ${values.join(", ")}` });
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const yes = (field: string) =>
  z.preprocess(
    blank,
    z
      .union([z.boolean(), z.enum(["1", "true", "0", "false"])], { error: `${field} must be true or false` })
      .transform((v) => v === true || v === "1" || v === "true")
      .optional(),
  );

/** Whole days within bounds, named in the message. */
const days = (field: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${field} must be a number of days` })
    .int(`${field} must be a whole number of days`)
    .min(min, `${field} must be at least ${min}`)
    .max(max, `${field} must be at most ${max}`);

/** A list of day counts, from an array or "7, 2" typed into a field. */
const dayList = (field: string, min: number, max: number, most: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(/[,\s]+/).filter(Boolean) : (v ?? [])),
    z.array(days(field, min, max)).max(most, `${field} takes at most ${most} values`),
  );

const userIds = (field: string, most: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.split(/[,\s]+/).filter(Boolean) : (v ?? [])),
    z
      .array(z.uuid(`${field} must list people`))
      .max(most, `${field} takes at most ${most} people`)
      .transform((ids) => [...new Set(ids)]),
  );

/**
 * Which identities a campaign reviews: any registry filter (as in the registry's URL, without its order) plus
 * the review's own risk filters. `thirdParty`: a vendor is named; `openFindings`: the expert reading of its
 * source flagged something (root account, default service account, high-risk permission…).
 */
export const campaignScopeSchema = identityFilterSchema.omit({ sort: true, dir: true }).extend({
  thirdParty: yes("scope.thirdParty"),
  openFindings: yes("scope.openFindings"),
});
export type CampaignScope = z.infer<typeof campaignScopeSchema>;

export const MAX_DURATION_DAYS = 90;

export const campaignFieldsSchema = z.object({
  name: safeText("name").trim().min(1, "name is required").max(200, "name must be at most 200 characters"),
  description: z.preprocess((v) => v ?? "", safeText("description").trim().max(2000, "description must be at most 2000 characters")),
  scope: z.preprocess((v) => v ?? {}, campaignScopeSchema),
  /** The campaign owner (the last rung of the reviewer rule); the creator when not given. */
  ownerId: z.preprocess(blank, z.uuid("ownerId must be a user").optional()),
  fallbackReviewerIds: userIds("fallbackReviewerIds", 20),
  durationDays: days("durationDays", 1, MAX_DURATION_DAYS).default(14),
  reminderDays: dayList("reminderDays", 1, MAX_DURATION_DAYS, 5).default([7, 1]),
  escalationDays: dayList("escalationDays", 1, 60, 4).default([1, 3, 5]),
  graceDays: days("graceDays", 0, 60).default(7),
  secondStageItems: z.enum(SECOND_STAGE_ITEMS, oneOf("secondStageItems", SECOND_STAGE_ITEMS)).default("none"),
  secondStageReviewerIds: userIds("secondStageReviewerIds", 20),
  secondStageDays: days("secondStageDays", 1, 30).default(7),
  nonResponseAction: z.enum(NON_RESPONSE_ACTIONS, oneOf("nonResponseAction", NON_RESPONSE_ACTIONS)).default("keep_flag"),
  applyMode: z.enum(APPLY_MODES, oneOf("applyMode", APPLY_MODES)).default("on_close"),
  recurrence: z.enum(RECURRENCES, oneOf("recurrence", RECURRENCES)).default("one_off"),
  cron: z.preprocess(blank, safeText("cron").trim().max(100, "cron must be at most 100 characters").optional()),
  followUpRound: yes("followUpRound").default(false),
  followUpDays: days("followUpDays", 1, 30).default(7),
  observationDays: days("observationDays", 1, 90).default(14),
  trigger: z.preprocess(blank, z.enum(TRIGGERS, oneOf("trigger", TRIGGERS)).optional()),
});

const DAY = 86_400_000;

/** How long one run lasts at most: its first stage and grace period, then a second stage if any. */
export function runLengthDays(c: Pick<CampaignFields, "durationDays" | "graceDays" | "secondStageItems" | "secondStageDays">): number {
  return c.durationDays + c.graceDays + (c.secondStageItems === "none" ? 0 : c.secondStageDays);
}

/** The shortest gap between two runs of a cron expression over the next year of runs (null if it never comes round). */
function shortestCronGapDays(cron: string, from: Date): number | null {
  let previous = nextCronTime(cron, from);
  if (!previous) return null;
  let shortest = Infinity;
  for (let i = 0; i < 12; i += 1) {
    const next = nextCronTime(cron, previous);
    if (!next) break;
    shortest = Math.min(shortest, (next.getTime() - previous.getTime()) / DAY);
    previous = next;
  }
  return shortest;
}

/** The cross-field rules, on the parsed fields. */
export function checkCampaign(c: CampaignFields, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  for (const d of c.reminderDays)
    if (d >= c.durationDays) issue("reminderDays", `reminderDays must be fewer than durationDays (${c.durationDays}): ${d} is not`);
  const climbing = c.escalationDays.every((d, i) => i === 0 || d > c.escalationDays[i - 1]!);
  if (!climbing) issue("escalationDays", "escalationDays must go up (one step per rung: notify, backup owner, fallback, campaign owner)");
  for (const d of c.escalationDays)
    if (d > c.graceDays) issue("escalationDays", `escalationDays must fall within graceDays (${c.graceDays}): ${d} does not`);
  if (c.secondStageItems !== "none" && c.secondStageReviewerIds.length === 0)
    issue("secondStageReviewerIds", "secondStageReviewerIds must name at least one security reviewer for a second stage");
  if (c.trigger && c.recurrence !== "one_off")
    issue("recurrence", "an event-triggered campaign runs on its event: recurrence must be one_off");
  if (c.recurrence === "cron" && !c.cron) issue("cron", "cron is required when recurrence is cron");
  if (c.recurrence !== "cron" && c.cron) issue("cron", "cron is only for recurrence cron");
  const length = runLengthDays(c);
  if (c.recurrence === "cron" && c.cron) {
    const problem = scheduleProblem(c.cron);
    const gap = problem ? null : shortestCronGapDays(c.cron, new Date());
    if (problem || gap === null) issue("cron", `cron is not a schedule that comes round: ${problem ?? "it never runs again"}`);
    else if (gap <= length)
      issue(
        "cron",
        `each run (${length} days with grace and stages) must end before the next: the cron comes round every ${Math.floor(gap * 10) / 10} days`,
      );
  } else if (c.recurrence !== "one_off" && c.recurrence !== "cron") {
    const interval = RECURRENCE_MIN_DAYS[c.recurrence];
    if (length >= interval)
      issue(
        "durationDays",
        `each run (${length} days with grace and stages) must be shorter than the ${c.recurrence.replace("_", "-")} interval (${interval} days)`,
      );
  }
}

export const campaignInputSchema = campaignFieldsSchema.superRefine(checkCampaign);
export type CampaignFields = z.infer<typeof campaignFieldsSchema>;
