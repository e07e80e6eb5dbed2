import PDFDocument from "pdfkit";
import type { Db } from "@/lib/db/types";
import {
  APPLY_MODE_LABELS,
  type ApplyMode,
  DECISION_LABELS,
  type Decision,
  NON_RESPONSE_LABELS,
  type NonResponseAction,
} from "../vocabulary";
import type { EvidenceContext } from "./evidence-context";
import { evidenceBatches, personInWords, type EvidenceRow } from "./evidence-rows";

// The PDF evidence (pdfkit, its built-in Helvetica: nothing to load but the library). A title page with the
// campaign, its scope in words, the run's dates, reviewers and counts, and the audit chain's head; then every
// item with its decision. Written as the rows are read: the document's bytes are handed on batch by batch, so
// a run of any size never sits in memory whole.

const day = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—");
const label = (decision: string) => DECISION_LABELS[decision as Decision] ?? decision;
const counts = (record: Record<string, number>, name: (k: string) => string = (k) => k.replace(/_/g, " ")) =>
  Object.entries(record)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${name(k)}: ${n.toLocaleString("en")}`)
    .join(" · ") || "none";

export async function* evidencePdf(db: Db, ctx: EvidenceContext): AsyncGenerator<Uint8Array> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: {
      Title: `Access review evidence: ${ctx.campaignName} #${ctx.runNumber}`,
      Author: "NHI console",
      Subject: "Access review evidence",
    },
  });
  const pending: Uint8Array[] = [];
  let ended = false;
  doc.on("data", (chunk: Buffer) => pending.push(new Uint8Array(chunk)));
  doc.on("end", () => (ended = true));
  const drain = function* () {
    while (pending.length) yield pending.shift()!;
  };

  let pageNo = 1;
  const running = `${ctx.campaignName} #${ctx.runNumber} · evidence exported ${day(ctx.exportedAt.toISOString())}`;
  doc.on("pageAdded", () => {
    pageNo += 1;
    const { x, y } = doc;
    doc.font("Helvetica").fontSize(8).fillColor("#555555").text(`${running} · page ${pageNo}`, 56, 30, { lineBreak: false });
    doc.fillColor("#000000").fontSize(10);
    doc.x = x;
    doc.y = y;
  });

  titlePage(doc, ctx);
  yield* drain();

  doc.addPage();
  doc.font("Helvetica-Bold").fontSize(14).text("Every item and its decision");
  doc.font("Helvetica").fontSize(9).fillColor("#333333");
  doc.text(
    "In the order of the identities' ids. Times are UTC. A decision left empty was not made; what became of the item is its outcome.",
  );
  doc.fillColor("#000000").moveDown(0.5);
  let n = 0;
  for await (const batch of evidenceBatches(db, ctx.runId)) {
    for (const row of batch) item(doc, (n += 1), row);
    yield* drain();
  }
  if (n === 0) doc.fontSize(10).text("The run has no items.");
  doc
    .moveDown()
    .font("Helvetica-Oblique")
    .fontSize(9)
    .text(`End of evidence: ${n.toLocaleString("en")} items. Audit chain head at export: ${ctx.head.hash}`);
  doc.end();
  // pdfkit writes the trailer synchronously on end(); wait for the stream to say so in any case.
  while (!ended) await new Promise((resolve) => setImmediate(resolve));
  yield* drain();
}

function titlePage(doc: PDFKit.PDFDocument, ctx: EvidenceContext): void {
  const p = ctx.progress;
  const s = p.run.settings;
  doc.font("Helvetica-Bold").fontSize(20).text("Access review evidence");
  doc.font("Helvetica").fontSize(14).text(`${ctx.campaignName} · run #${ctx.runNumber}`);
  if (ctx.campaignDescription) doc.fontSize(10).fillColor("#333333").text(ctx.campaignDescription).fillColor("#000000");
  doc.moveDown();
  const fact = (name: string, value: string) => {
    doc.font("Helvetica-Bold").fontSize(10).text(`${name}: `, { continued: true }).font("Helvetica").text(value);
  };
  fact("Scope", ctx.scopeInWords.join("; "));
  if (ctx.scopeChangedSinceLaunch)
    doc
      .fontSize(8)
      .fillColor("#7a4b00")
      .text(
        "The campaign was edited after this run was launched: the scope above is the definition at export; the items below are what the run reviewed.",
      )
      .fillColor("#000000");
  fact("Recurrence", ctx.recurrenceInWords);
  fact("Status", `${p.run.status}${p.run.status === "open" ? `, stage ${p.run.stage}` : ""}`);
  fact("Launched", `${day(p.run.launchedAt)}${p.run.launchedBy ? ` by ${personInWords(p.run.launchedBy)}` : ` (${p.run.trigger})`}`);
  fact("Decisions due", day(p.run.dueAt));
  fact("Stage ends", day(p.run.endsAt));
  fact("Closed", p.run.closedAt ? `${day(p.run.closedAt)}${p.run.closedBy ? ` by ${personInWords(p.run.closedBy)}` : ""}` : "not yet");
  fact("Applied", APPLY_MODE_LABELS[s.applyMode as ApplyMode] ?? s.applyMode);
  fact("If nobody answers", NON_RESPONSE_LABELS[s.nonResponseAction as NonResponseAction] ?? s.nonResponseAction);
  doc.moveDown();
  doc.font("Helvetica-Bold").fontSize(12).text("Counts");
  fact(
    "Items",
    `${p.total.toLocaleString("en")} (${p.decided.toLocaleString("en")} decided, ${p.undecided.toLocaleString("en")} undecided)`,
  );
  fact(
    "Decisions",
    counts(p.byDecision, (k) => (k === "undecided" ? "undecided" : label(k))),
  );
  fact("Scope decisions", counts(p.byScopeDecision));
  fact("Outcomes", counts(p.byOutcome));
  fact("Remediation", counts(p.byRemediation));
  doc.moveDown();
  doc.font("Helvetica-Bold").fontSize(12).text("Reviewers");
  doc.font("Helvetica").fontSize(10);
  for (const r of p.reviewers.slice(0, 40))
    doc.text(
      `${r.reviewer ? personInWords(r.reviewer) : "No reviewer (nobody left in the rule)"}: ${r.decided.toLocaleString("en")} decided, ${r.undecided.toLocaleString("en")} undecided${r.overdue ? " (overdue)" : ""}`,
    );
  if (p.reviewers.length > 40)
    doc.text(`… and ${(p.reviewers.length - 40).toLocaleString("en")} more reviewers (every item below names its reviewer).`);
  doc.moveDown();
  doc.font("Helvetica-Bold").fontSize(12).text("Audit chain");
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(
      `Exported ${day(ctx.exportedAt.toISOString())} by ${ctx.exportedBy}. The export is recorded in the audit log; the chain's head at export:`,
    );
  doc.font("Courier").fontSize(9).text(`seq ${ctx.head.seq}  ${ctx.head.hash}`);
  doc
    .font("Helvetica")
    .fontSize(8)
    .fillColor("#333333")
    .text(
      "Check it against the audit log's verification (the audit log's Verify chain page): the event with this sequence number must carry this hash.",
    )
    .fillColor("#000000");
}

function item(doc: PDFKit.PDFDocument, n: number, r: EvidenceRow): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 90) doc.addPage();
  doc.font("Helvetica-Bold").fontSize(10).text(`${n}. ${r.identity}`, { continued: true });
  doc
    .font("Helvetica")
    .fontSize(8)
    .fillColor("#444444")
    .text(`   ${r.kind} · ${r.platform} · ${r.environment} · ${r.identityId}`)
    .fillColor("#000000");
  const line = (name: string, value: string) => {
    if (value) doc.font("Helvetica-Bold").fontSize(9).text(`${name}: `, { continued: true, indent: 12 }).font("Helvetica").text(value);
  };
  line("Reviewer", `${r.reviewer || "none"} (${r.reviewerRung.replace(/_/g, " ")})`);
  line(
    "Decision",
    r.decision
      ? `${label(r.decision)}${r.keepUntil ? ` until ${r.keepUntil.slice(0, 10)}` : ""}${r.rotateBy ? ` by ${r.rotateBy.slice(0, 10)}` : ""}${r.transferTo ? ` to ${r.transferTo}` : ""}, by ${r.decidedBy || "?"} at ${day(r.decidedAt)}`
      : "none (undecided)",
  );
  line("Reason", r.decisionReason);
  if (r.firstStageDecision) line("First stage", `${label(r.firstStageDecision)} by ${r.firstStageDecidedBy || "?"}`);
  line("Scopes", r.scopeDecisions);
  line(
    "Recommended",
    r.recommendationReason.startsWith(r.recommendation) ? r.recommendationReason : `${r.recommendation}: ${r.recommendationReason}`,
  );
  line("Outcome", `${r.outcome ? r.outcome.replace(/_/g, " ") : "not applied yet"}${r.appliedAt ? ` (applied ${day(r.appliedAt)})` : ""}`);
  line(
    "Remediation",
    `${r.remediationStatus.replace(/_/g, " ")}${r.remediationNote ? `: ${r.remediationNote}` : ""}${r.remediationUpdatedAt ? ` (${day(r.remediationUpdatedAt)})` : ""}`,
  );
  doc.moveDown(0.4);
}
