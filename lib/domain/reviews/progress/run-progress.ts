import { z } from "zod";
import { Prisma, type ReviewRun } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import { enforce } from "../../authz/enforce";
import type { PersonDto } from "../../registry/identity-dto";
import { DomainError } from "../../shared/errors";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { type CampaignRunDto, peopleByIds, toRunDto } from "../campaigns/campaign-dto";
import { type RunSettings, runSettings } from "../run-settings";

export const runProgressSchema = z.object({ runId: z.uuid("runId must be a review run's id") });

export type ReviewerProgress = {
  /** null: the items nobody could be assigned to (no rung of the reviewer rule was left). */
  reviewer: PersonDto | null;
  total: number;
  decided: number;
  undecided: number;
  /** Undecided items remain after the due date of an open run. */
  overdue: boolean;
};

export type RunProgressDto = {
  run: CampaignRunDto & {
    campaignId: string;
    campaignName: string;
    settings: RunSettings;
    launchedBy: PersonDto | null;
    closedBy: PersonDto | null;
    remindersSent: number;
    escalationStep: number;
    /** An open run past its due date (decisions are late; the grace period runs until endsAt). */
    overdue: boolean;
  };
  total: number;
  decided: number;
  undecided: number;
  /** Items by decision (`undecided` for none yet). */
  byDecision: Record<string, number>;
  /** Scopes by their own decision (`undecided` for none yet). */
  byScopeDecision: Record<string, number>;
  /** Items by outcome (`pending` until the outcome is applied). */
  byOutcome: Record<string, number>;
  byRemediation: Record<string, number>;
  byRecommendation: Record<string, number>;
  byStage: Record<string, number>;
  /** Most undecided first; the no-reviewer line (if any) first of all. */
  reviewers: ReviewerProgress[];
  overdueReviewers: number;
};

type Row = { set: string; reviewerId: string | null; decided: boolean | null; value: string | null; n: number };

/**
 * Where one run stands, for admins and auditors (review.list): every figure from one pass over the run's items
 * (GROUPING SETS: per reviewer and decided, per decision, outcome, remediation status, recommendation and stage)
 * and one over its scopes, so a run of 500,000 items costs two statements, not one per reviewer.
 */
export async function runProgress({ actor, db, clock, input }: UseCaseArgs): Promise<RunProgressDto> {
  await enforce(db, clock, actor, "review.list");
  const { runId } = await validate(runProgressSchema, input);
  const run = await db.reviewRun.findUnique({ where: { id: runId }, include: { campaign: { select: { name: true } } } });
  if (!run) throw new DomainError("NOT_FOUND", "There is no such review run.");
  return computeRunProgress(db, clock.now(), run);
}

/** The figures themselves, for a run already loaded and a caller already authorized (the evidence export too). */
export async function computeRunProgress(db: Db, now: Date, run: ReviewRun & { campaign: { name: string } }): Promise<RunProgressDto> {
  const runId = run.id;
  const [rows, scopeRows] = await Promise.all([itemAggregates(db, runId), scopeAggregates(db, runId)]);
  const lateRun = run.status === "open" && now > run.dueAt;

  const tally = (set: string, blank: string) =>
    Object.fromEntries(rows.filter((r) => r.set === set).map((r) => [r.value ?? blank, r.n])) as Record<string, number>;
  const decided = rows.filter((r) => r.set === "decided" && r.decided).reduce((s, r) => s + r.n, 0);
  const undecided = rows.filter((r) => r.set === "decided" && !r.decided).reduce((s, r) => s + r.n, 0);

  const perReviewer = new Map<string | null, { decided: number; undecided: number }>();
  for (const r of rows.filter((x) => x.set === "reviewer")) {
    const entry = perReviewer.get(r.reviewerId) ?? { decided: 0, undecided: 0 };
    if (r.decided) entry.decided += r.n;
    else entry.undecided += r.n;
    perReviewer.set(r.reviewerId, entry);
  }
  const people = await peopleByIds(db, [...perReviewer.keys(), run.launchedById, run.closedById]);
  const reviewers: ReviewerProgress[] = [...perReviewer.entries()]
    .map(([id, c]) => ({
      reviewer: id ? (people.get(id) ?? { id, name: "(unknown person)", email: "", active: false }) : null,
      total: c.decided + c.undecided,
      decided: c.decided,
      undecided: c.undecided,
      overdue: id !== null && lateRun && c.undecided > 0,
    }))
    .sort(
      (a, b) =>
        Number(b.reviewer === null) - Number(a.reviewer === null) ||
        b.undecided - a.undecided ||
        (a.reviewer?.name ?? "").localeCompare(b.reviewer?.name ?? ""),
    );
  return {
    run: {
      ...toRunDto(run, decided),
      campaignId: run.campaignId,
      campaignName: run.campaign.name,
      settings: runSettings(run),
      launchedBy: run.launchedById ? (people.get(run.launchedById) ?? null) : null,
      closedBy: run.closedById ? (people.get(run.closedById) ?? null) : null,
      remindersSent: run.remindersSent,
      escalationStep: run.escalationStep,
      overdue: lateRun,
    },
    total: decided + undecided,
    decided,
    undecided,
    byDecision: tally("decision", "undecided"),
    byScopeDecision: Object.fromEntries(scopeRows.map((r) => [r.decision ?? "undecided", r.n])),
    byOutcome: tally("outcome", "pending"),
    byRemediation: tally("remediation", "not_needed"),
    byRecommendation: tally("recommendation", "none"),
    byStage: tally("stage", "1"),
    reviewers,
    overdueReviewers: reviewers.filter((r) => r.overdue).length,
  };
}

/** One pass over the run's items; each grouping set is labelled so the rows can be told apart. */
function itemAggregates(db: Db, runId: string): Promise<Row[]> {
  return db.$queryRaw<Row[]>(Prisma.sql`
    SELECT CASE
        WHEN GROUPING(t."reviewerId") = 0 THEN 'reviewer'
        WHEN GROUPING(t.decision) = 0 THEN 'decision'
        WHEN GROUPING(t.outcome) = 0 THEN 'outcome'
        WHEN GROUPING(t.remediation) = 0 THEN 'remediation'
        WHEN GROUPING(t.recommendation) = 0 THEN 'recommendation'
        WHEN GROUPING(t.stage) = 0 THEN 'stage'
        ELSE 'decided' END AS set,
      t."reviewerId", t.decided,
      COALESCE(t.decision, t.outcome, t.remediation, t.recommendation, t.stage) AS value,
      count(*)::int AS n
    FROM (
      SELECT "reviewerId", decision IS NOT NULL AS decided, decision, outcome, "remediationStatus" AS remediation,
        recommendation, stage::text AS stage
      FROM "ReviewItem" WHERE "runId" = ${runId}::uuid
    ) t
    GROUP BY GROUPING SETS ((t."reviewerId", t.decided), (t.decision), (t.outcome), (t.remediation), (t.recommendation), (t.stage), (t.decided))`);
}

function scopeAggregates(db: Db, runId: string): Promise<{ decision: string | null; n: number }[]> {
  return db.$queryRaw`SELECT decision, count(*)::int AS n FROM "ReviewItemScope" WHERE "runId" = ${runId}::uuid GROUP BY decision`;
}
