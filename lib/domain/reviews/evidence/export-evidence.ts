import { z } from "zod";
import { actorLabel } from "../../authz/actor";
import { enforce } from "../../authz/enforce";
import { recordAuditEvent } from "../../audit/run-audited";
import { DomainError } from "../../shared/errors";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { campaignScopeSchema } from "../campaign-input";
import { runTarget } from "../campaigns/campaign-target";
import { recurrenceInWords, scopeInWords } from "../campaigns/campaign-words";
import { computeRunProgress } from "../progress/run-progress";
import { peopleByIds } from "../campaigns/campaign-dto";
import { evidenceCsv } from "./evidence-csv";
import { evidencePdf } from "./evidence-pdf";
import type { EvidenceContext } from "./evidence-context";

export const EVIDENCE_FORMATS = ["csv", "pdf"] as const;

export const exportEvidenceSchema = z.object({
  runId: z.uuid("runId must be a review run's id"),
  format: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.enum(EVIDENCE_FORMATS, { error: "format must be csv or pdf" }).default("csv"),
  ),
});

export type EvidenceFile = { filename: string; contentType: string; headHash: string; chunks: AsyncGenerator<Uint8Array> };

/**
 * A run's evidence as CSV or PDF (admins and auditors: review.export): the scope, the reviewers, every item
 * with its decision, decider, time and reason, its scope decisions, outcome and remediation status, and the
 * audit chain's head. The export is evidence handed out, so it is recorded first (like audit.export); the head
 * named is read after that record, so it covers the export itself. Rows stream in batches.
 */
export async function exportEvidence({ actor, db, clock, input }: UseCaseArgs): Promise<EvidenceFile> {
  await enforce(db, clock, actor, "review.export");
  const { runId, format } = await validate(exportEvidenceSchema, input);
  const run = await db.reviewRun.findUnique({ where: { id: runId }, include: { campaign: true } });
  if (!run) throw new DomainError("NOT_FOUND", "There is no such review run.");
  const now = clock.now();
  await recordAuditEvent(db, clock, {
    actor,
    action: "review.export",
    target: runTarget(run, run.campaign.name),
    outcome: "allowed",
    after: { format, campaignId: run.campaignId, items: run.itemCount, runStatus: run.status },
  });
  const head = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  // The scope the run was launched over (runs launched before runs kept it fall back to the campaign's own).
  const launchedScope = (run.settings as { scope?: unknown } | null)?.scope ?? run.campaign.scope;
  const scope = campaignScopeSchema.partial().safeParse(launchedScope);
  const people = await peopleByIds(
    db,
    typeof (launchedScope as { owner?: unknown })?.owner === "string" ? [(launchedScope as { owner: string }).owner] : [],
  );
  const ctx: EvidenceContext = {
    runId: run.id,
    runNumber: run.number,
    runStatus: run.status,
    campaignName: run.campaign.name,
    campaignDescription: run.campaign.description,
    scopeInWords: scopeInWords(scope.success ? scope.data : {}, new Map([...people.values()].map((p) => [p.id, p.name]))),
    scopeChangedSinceLaunch:
      !(run.settings as { scope?: unknown } | null)?.scope && run.campaign.version > 1 && run.campaign.updatedAt > run.launchedAt,
    recurrenceInWords: recurrenceInWords(run.campaign.recurrence, run.campaign.cron),
    progress: await computeRunProgress(db, now, run),
    head: { seq: head?.seq.toString() ?? "0", hash: head?.hash ?? "" },
    exportedAt: now,
    exportedBy: actorLabel(actor),
  };
  const base = `review-evidence-${slug(run.campaign.name)}-${run.number}-${now.toISOString().replace(/[:.]/g, "-")}`;
  return format === "pdf"
    ? { filename: `${base}.pdf`, contentType: "application/pdf", headHash: ctx.head.hash, chunks: evidencePdf(db, ctx) }
    : { filename: `${base}.csv`, contentType: "text/csv; charset=utf-8", headHash: ctx.head.hash, chunks: evidenceCsv(db, ctx) };
}

/** A file name's part from a campaign name: letters, digits and dashes only (nothing a header could misread). */
const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40) || "campaign";
