import type { ReviewCampaign } from "@/lib/db/generated/client";
import type { JsonValue } from "@/lib/db/types";
import type { ApplyMode, NonResponseAction, SecondStageItems } from "./vocabulary";

/**
 * What a run was launched with, kept on the run (`ReviewRun.settings`): editing the campaign later changes its
 * next runs, never the rules of one already under way.
 */
export type RunSettings = {
  campaignName: string;
  /** The scope the run was launched over (the evidence names it, whatever the campaign says today). */
  scope: JsonValue;
  campaignOwnerId: string;
  fallbackReviewerIds: string[];
  durationDays: number;
  graceDays: number;
  reminderDays: number[];
  escalationDays: number[];
  secondStageItems: SecondStageItems;
  secondStageReviewerIds: string[];
  secondStageDays: number;
  nonResponseAction: NonResponseAction;
  applyMode: ApplyMode;
  followUpRound: boolean;
  followUpDays: number;
  observationDays: number;
};

export function settingsOf(c: ReviewCampaign): RunSettings {
  return {
    campaignName: c.name,
    scope: c.scope as JsonValue,
    campaignOwnerId: c.ownerId,
    fallbackReviewerIds: c.fallbackReviewerIds,
    durationDays: c.durationDays,
    graceDays: c.graceDays,
    reminderDays: c.reminderDays,
    escalationDays: c.escalationDays,
    secondStageItems: c.secondStageItems as SecondStageItems,
    secondStageReviewerIds: c.secondStageReviewerIds,
    secondStageDays: c.secondStageDays,
    nonResponseAction: c.nonResponseAction as NonResponseAction,
    applyMode: c.applyMode as ApplyMode,
    followUpRound: c.followUpRound,
    followUpDays: c.followUpDays,
    observationDays: c.observationDays,
  };
}

/** The settings a run carries (its JSON column), typed. */
export const runSettings = (run: { settings: unknown }): RunSettings => run.settings as RunSettings;
