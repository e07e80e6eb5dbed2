import type { ReviewItem } from "@/lib/db/generated/client";
import type { PersonDto } from "../../registry/identity-dto";

/** One reviewed identity of a run as progress lists and histories show it: the snapshot, who, what, and what became of it. */
export type RunItemDto = {
  id: string;
  runId: string;
  identityId: string;
  name: string;
  kind: string;
  platform: string;
  environment: string;
  externalId: string;
  risks: string[];
  recommendation: string;
  recommendationReason: string;
  reviewer: PersonDto | null;
  reviewerRung: string;
  extraReviewers: number;
  stage: number;
  decision: string | null;
  decisionReason: string | null;
  decidedBy: PersonDto | null;
  decidedAt: string | null;
  keepUntil: string | null;
  rotateBy: string | null;
  transferTo: PersonDto | null;
  firstStageDecision: string | null;
  outcome: string | null;
  appliedAt: string | null;
  remediationStatus: string;
  remediationNote: string | null;
  /** The item's scopes by their decision (keep, revoke, reduce, undecided). */
  scopes: Record<string, number>;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const itemPeopleIds = (i: ReviewItem) => [i.reviewerId, i.decidedById, i.transferToId];

export function toRunItemDto(i: ReviewItem, people: ReadonlyMap<string, PersonDto>, scopes: Record<string, number>): RunItemDto {
  const person = (id: string | null) => (id ? (people.get(id) ?? { id, name: "(unknown person)", email: "", active: false }) : null);
  return {
    id: i.id,
    runId: i.runId,
    identityId: i.identityId,
    name: i.name,
    kind: i.kind,
    platform: i.platform,
    environment: i.environment,
    externalId: i.externalId,
    risks: i.risks,
    recommendation: i.recommendation,
    recommendationReason: i.recommendationReason,
    reviewer: person(i.reviewerId),
    reviewerRung: i.reviewerRung,
    extraReviewers: i.extraReviewerIds.length,
    stage: i.stage,
    decision: i.decision,
    decisionReason: i.decisionReason,
    decidedBy: person(i.decidedById),
    decidedAt: iso(i.decidedAt),
    keepUntil: iso(i.keepUntil),
    rotateBy: iso(i.rotateBy),
    transferTo: person(i.transferToId),
    firstStageDecision: i.firstStageDecision,
    outcome: i.outcome,
    appliedAt: iso(i.appliedAt),
    remediationStatus: i.remediationStatus,
    remediationNote: i.remediationNote,
    scopes,
  };
}
