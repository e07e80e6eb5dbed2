import type { Db } from "@/lib/db/types";
import { toCsv } from "../../shared/csv";
import type { EvidenceContext } from "./evidence-context";
import { evidenceBatches } from "./evidence-rows";

/** The columns of the CSV evidence, in order; the run and the chain head repeat on each row so any row stands alone. */
export const EVIDENCE_COLUMNS = [
  "campaign",
  "run",
  "runStatus",
  "identityId",
  "identity",
  "kind",
  "platform",
  "externalId",
  "environment",
  "owner",
  "risks",
  "recommendation",
  "recommendationReason",
  "reviewer",
  "reviewerRung",
  "stage",
  "decision",
  "decisionReason",
  "decidedBy",
  "decidedAt",
  "keepUntil",
  "rotateBy",
  "transferTo",
  "scopeDecisions",
  "firstStageDecision",
  "firstStageDecidedBy",
  "outcome",
  "appliedAt",
  "remediationStatus",
  "remediationNote",
  "remediationUpdatedAt",
  "exportedAt",
  "auditHeadSeq",
  "auditHeadHash",
] as const;

const encoder = new TextEncoder();

/** The CSV, one batch of rows per chunk (lib/domain/shared/csv.ts: formulas neutralized, quoting). */
export async function* evidenceCsv(db: Db, ctx: EvidenceContext): AsyncGenerator<Uint8Array> {
  yield encoder.encode(`${EVIDENCE_COLUMNS.join(",")}\n`);
  const fixed = {
    campaign: ctx.campaignName,
    run: ctx.runNumber,
    runStatus: ctx.runStatus,
    exportedAt: ctx.exportedAt.toISOString(),
    auditHeadSeq: ctx.head.seq,
    auditHeadHash: ctx.head.hash,
  };
  for await (const batch of evidenceBatches(db, ctx.runId))
    yield encoder.encode(
      `${toCsv(
        EVIDENCE_COLUMNS,
        batch.map((row) => ({ ...fixed, ...row })),
      )}\n`,
    );
}
