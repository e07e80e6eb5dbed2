import type { CampaignDto } from "@/lib/domain/reviews/campaigns/campaign-dto";
import { daysInWords } from "@/lib/domain/reviews/campaigns/campaign-words";
import {
  APPLY_MODE_LABELS,
  type ApplyMode,
  NON_RESPONSE_LABELS,
  type NonResponseAction,
  SECOND_STAGE_LABELS,
  type SecondStageItems,
} from "@/lib/domain/reviews/vocabulary";

const names = (people: { name: string; active: boolean }[]) =>
  people.length ? people.map((p) => `${p.name}${p.active ? "" : " (deactivated)"}`).join(", ") : "none";

/** The definition in words: what an auditor reads to know what the campaign promises. */
export function CampaignDefinition({ campaign: c }: { campaign: CampaignDto }) {
  const rows: [string, string][] = [
    ["Scope", c.scopeInWords.join("; ")],
    [
      "Reviewers",
      `The owner, then the backup owner, then ${c.fallbackReviewers.length ? `the fallback reviewers (${names(c.fallbackReviewers)})` : "no fallback reviewer"}, then the campaign owner (${c.owner ? names([c.owner]) : "unknown"}).`,
    ],
    ["Duration", `${c.durationDays} days to decide, then ${c.graceDays} days of grace before the stage ends.`],
    ["Reminders", daysInWords(c.reminderDays, "before the due date (and one at launch)")],
    [
      "Escalation",
      c.escalationDays.length
        ? `${daysInWords(c.escalationDays, "after the due date")}: notify, add the backup owner, a fallback reviewer, the campaign owner`
        : "none",
    ],
    [
      "Second stage",
      c.secondStageItems === "none"
        ? "None"
        : `${SECOND_STAGE_LABELS[c.secondStageItems as SecondStageItems] ?? c.secondStageItems}, by ${names(c.secondStageReviewers)}, for ${c.secondStageDays} days`,
    ],
    ["If nobody answers", NON_RESPONSE_LABELS[c.nonResponseAction as NonResponseAction] ?? c.nonResponseAction],
    ["Decisions applied", APPLY_MODE_LABELS[c.applyMode as ApplyMode] ?? c.applyMode],
    ["Decommission", `only after ${c.observationDays} days suspended without use`],
    ["Recurrence", `${c.recurrenceInWords}${c.nextRunAt ? `; next run ${c.nextRunAt.slice(0, 10)}` : ""}`],
    ["Follow-up round", c.followUpRound ? `Yes: undecided items re-open for ${c.followUpDays} days` : "No"],
  ];
  if (c.trigger) rows.unshift(["Started by", `an event (${c.trigger.replace(/_/g, " ")}), one identity at a time`]);
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-[12rem_1fr]" data-testid="campaign-definition">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-700">{k}</dt>
          <dd className="text-slate-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
