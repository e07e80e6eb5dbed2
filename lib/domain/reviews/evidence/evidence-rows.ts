import type { ReviewItem, ReviewItemScope } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import type { PersonDto } from "../../registry/identity-dto";
import { peopleByIds } from "../campaigns/campaign-dto";

/** One decision as the evidence states it: every field in words, people as "Name <email>". */
export type EvidenceRow = {
  identityId: string;
  identity: string;
  kind: string;
  platform: string;
  externalId: string;
  environment: string;
  owner: string;
  risks: string[];
  recommendation: string;
  recommendationReason: string;
  reviewer: string;
  reviewerRung: string;
  stage: number;
  decision: string;
  decisionReason: string;
  decidedBy: string;
  decidedAt: string;
  keepUntil: string;
  rotateBy: string;
  transferTo: string;
  scopeDecisions: string;
  firstStageDecision: string;
  firstStageDecidedBy: string;
  outcome: string;
  appliedAt: string;
  remediationStatus: string;
  remediationNote: string;
  remediationUpdatedAt: string;
};

const BATCH = 1_000;
const iso = (d: Date | null) => (d ? d.toISOString() : "");

export const personInWords = (p: PersonDto | undefined | null) => (p ? `${p.name} <${p.email}>` : "");

/** "s3:orders write (production): revoke; db read: reduce to read in staging; queue: keep". */
export function scopeDecisionsInWords(scopes: readonly ReviewItemScope[]): string {
  return scopes
    .map((s) => {
      const where = s.environment ? ` (${s.environment})` : "";
      const what = `${s.resource} ${s.action === s.level ? s.level : `${s.action} [${s.level}]`}${where}`;
      if (!s.decision) return `${what}: undecided`;
      if (s.decision === "reduce") {
        const to = [s.reduceToLevel && `to ${s.reduceToLevel}`, s.reduceToEnvironment && `in ${s.reduceToEnvironment}`]
          .filter(Boolean)
          .join(" ");
        return `${what}: reduce ${to}`.trimEnd();
      }
      return `${what}: ${s.decision}`;
    })
    .join("; ");
}

/**
 * The run's items in batches of 1,000, in the order of the (runId, identityId) index (keyset, never OFFSET),
 * with their scopes and the people they name, so memory stays flat however large the run.
 */
export async function* evidenceBatches(db: Db, runId: string): AsyncGenerator<EvidenceRow[]> {
  const people = new Map<string, PersonDto>();
  let after: string | undefined;
  for (;;) {
    const items: ReviewItem[] = await db.reviewItem.findMany({
      where: { runId, ...(after ? { identityId: { gt: after } } : {}) },
      orderBy: { identityId: "asc" },
      take: BATCH,
    });
    if (!items.length) return;
    const scopes = await db.reviewItemScope.findMany({
      where: { itemId: { in: items.map((i) => i.id) } },
      orderBy: [{ resource: "asc" }, { action: "asc" }, { id: "asc" }],
    });
    const byItem = new Map<string, ReviewItemScope[]>();
    for (const s of scopes) byItem.set(s.itemId, [...(byItem.get(s.itemId) ?? []), s]);
    const unknown = items
      .flatMap((i) => [i.ownerId, i.reviewerId, i.decidedById, i.transferToId, i.firstStageDecidedById])
      .filter((id): id is string => !!id && !people.has(id));
    for (const [id, p] of await peopleByIds(db, unknown)) people.set(id, p);
    const who = (id: string | null) => (id ? personInWords(people.get(id)) || id : "");
    yield items.map((i) => ({
      identityId: i.identityId,
      identity: i.name,
      kind: i.kind,
      platform: i.platform,
      externalId: i.externalId,
      environment: i.environment,
      owner: who(i.ownerId),
      risks: i.risks,
      recommendation: i.recommendation,
      recommendationReason: i.recommendationReason,
      reviewer: who(i.reviewerId),
      reviewerRung: i.reviewerRung,
      stage: i.stage,
      decision: i.decision ?? "",
      decisionReason: i.decisionReason ?? "",
      decidedBy: who(i.decidedById),
      decidedAt: iso(i.decidedAt),
      keepUntil: iso(i.keepUntil),
      rotateBy: iso(i.rotateBy),
      transferTo: who(i.transferToId),
      scopeDecisions: scopeDecisionsInWords(byItem.get(i.id) ?? []),
      firstStageDecision: i.firstStageDecision ?? "",
      firstStageDecidedBy: who(i.firstStageDecidedById),
      outcome: i.outcome ?? "",
      appliedAt: iso(i.appliedAt),
      remediationStatus: i.remediationStatus,
      remediationNote: i.remediationNote ?? "",
      remediationUpdatedAt: iso(i.remediationUpdatedAt),
    }));
    if (items.length < BATCH) return;
    after = items.at(-1)!.identityId;
  }
}
