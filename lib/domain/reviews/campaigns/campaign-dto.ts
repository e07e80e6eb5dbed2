import type { ReviewCampaign, ReviewRun } from "@/lib/db/generated/client";
import type { Db, Tx } from "@/lib/db/types";
import type { PersonDto } from "../../registry/identity-dto";
import type { CampaignScope } from "../campaign-input";
import { TRIGGER_LABELS, type Trigger } from "../vocabulary";
import { recurrenceInWords, scopeInWords } from "./campaign-words";

/** One run as lists show it; `decided` counted by the caller (null where it was not counted). */
export type CampaignRunDto = {
  id: string;
  number: number;
  status: string;
  stage: number;
  trigger: string;
  launchedAt: string;
  dueAt: string;
  endsAt: string;
  closedAt: string | null;
  itemCount: number;
  decided: number | null;
};

/** A campaign's definition, the people it names resolved, and its latest run. */
export type CampaignDto = {
  id: string;
  name: string;
  description: string;
  status: string;
  trigger: string | null;
  scope: Partial<CampaignScope>;
  scopeInWords: string[];
  owner: PersonDto | null;
  fallbackReviewers: PersonDto[];
  secondStageReviewers: PersonDto[];
  durationDays: number;
  reminderDays: number[];
  escalationDays: number[];
  graceDays: number;
  secondStageItems: string;
  secondStageDays: number;
  nonResponseAction: string;
  applyMode: string;
  recurrence: string;
  cron: string | null;
  recurrenceInWords: string;
  followUpRound: boolean;
  followUpDays: number;
  observationDays: number;
  nextRunAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  latestRun: CampaignRunDto | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toRunDto(run: ReviewRun, decided: number | null): CampaignRunDto {
  return {
    id: run.id,
    number: run.number,
    status: run.status,
    stage: run.stage,
    trigger: run.trigger,
    launchedAt: run.launchedAt.toISOString(),
    dueAt: run.dueAt.toISOString(),
    endsAt: run.endsAt.toISOString(),
    closedAt: iso(run.closedAt),
    itemCount: run.itemCount,
    decided,
  };
}

/** Everyone the campaigns name, in one read (the user table is small; ids come from the definitions). */
export async function peopleByIds(db: Db | Tx, ids: Iterable<string | null | undefined>): Promise<Map<string, PersonDto>> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true, status: true } });
  return new Map(users.map((u) => [u.id, { id: u.id, name: u.name, email: u.email, active: u.status === "active" }]));
}

export const campaignPeopleIds = (c: ReviewCampaign): string[] => [
  c.ownerId,
  ...c.fallbackReviewerIds,
  ...c.secondStageReviewerIds,
  ...(typeof (c.scope as { owner?: unknown })?.owner === "string" ? [(c.scope as { owner: string }).owner] : []),
];

export function toCampaignDto(c: ReviewCampaign, people: ReadonlyMap<string, PersonDto>, latestRun: CampaignRunDto | null): CampaignDto {
  const scope = (c.scope ?? {}) as Partial<CampaignScope>;
  const person = (id: string) => people.get(id) ?? { id, name: "(unknown person)", email: "", active: false };
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    status: c.status,
    trigger: c.trigger,
    scope,
    scopeInWords: scopeInWords(scope, new Map([...people.values()].map((p) => [p.id, p.name]))),
    owner: people.get(c.ownerId) ?? null,
    fallbackReviewers: c.fallbackReviewerIds.map(person),
    secondStageReviewers: c.secondStageReviewerIds.map(person),
    durationDays: c.durationDays,
    reminderDays: c.reminderDays,
    escalationDays: c.escalationDays,
    graceDays: c.graceDays,
    secondStageItems: c.secondStageItems,
    secondStageDays: c.secondStageDays,
    nonResponseAction: c.nonResponseAction,
    applyMode: c.applyMode,
    recurrence: c.recurrence,
    cron: c.cron,
    recurrenceInWords: c.trigger
      ? `On each event: ${(TRIGGER_LABELS[c.trigger as Trigger] ?? c.trigger).replace(/^An? /, (a) => a.toLowerCase())}`
      : recurrenceInWords(c.recurrence, c.cron),
    followUpRound: c.followUpRound,
    followUpDays: c.followUpDays,
    observationDays: c.observationDays,
    nextRunAt: iso(c.nextRunAt),
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    latestRun,
  };
}

/** How many items of each run have a decision: one grouped read over the runs' (runId, …) index range. */
export async function decidedPerRun(db: Db | Tx, runIds: readonly string[]): Promise<Map<string, number>> {
  if (!runIds.length) return new Map();
  const rows = await db.reviewItem.groupBy({
    by: ["runId"],
    where: { runId: { in: [...runIds] }, decision: { not: null } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.runId, r._count._all]));
}
