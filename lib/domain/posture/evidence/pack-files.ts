import { strToU8, Zip, ZipDeflate } from "fflate";
import PDFDocument from "pdfkit";
import type { Db } from "@/lib/db/types";
import {
  breakglassBatches,
  type BreakglassRow,
  countPackRows,
  findingBatches,
  type FindingRow,
  type PackSummary,
  reviewBatches,
  type ReviewRow,
} from "./pack-data";

// The evidence pack's two forms: a ZIP of CSV and JSON for tools, and a PDF for people. Both are written as their
// rows are read, a batch at a time, into `out` (export-pack.ts hashes each chunk and keeps them in a temporary
// file), so memory stays bounded whatever the estate's size. The PDF lists the first rows of each kind and points
// to the ZIP for the rest.

/** Receives the pack's bytes in order. */
export type Sink = (chunk: Uint8Array) => void;

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : String(v);
  // A leading =, +, - or @ would run as a formula in a spreadsheet: quoted and prefixed with '.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const csvLines = <T extends object>(rows: T[], columns: (keyof T & string)[]) =>
  rows.map((r) => `${columns.map((c) => csvCell(r[c])).join(",")}\n`).join("");

const CONTROL_COLUMNS: (keyof PackSummary["controls"][number] & string)[] = [
  "framework",
  "controlId",
  "title",
  "status",
  "failing",
  "checks",
];

const FINDING_COLUMNS: (keyof FindingRow & string)[] = [
  "identity",
  "identityId",
  "owner",
  "check",
  "severity",
  "status",
  "firstSeenAt",
  "evidence",
];
const REVIEW_COLUMNS: (keyof ReviewRow & string)[] = [
  "campaign",
  "run",
  "identity",
  "decision",
  "reviewer",
  "decidedAt",
  "reason",
  "outcome",
  "remediation",
];
const BREAKGLASS_COLUMNS: (keyof BreakglassRow & string)[] = [
  "identity",
  "requester",
  "scopes",
  "status",
  "requestedAt",
  "activeFrom",
  "expiresAt",
  "emergency",
  "approvers",
  "afterAction",
];

export async function writeZip(summary: PackSummary, db: Db, asOf: Date, out: Sink): Promise<void> {
  let failed: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failed = error;
    else out(chunk);
  });
  // A fixed modification time: the same content gives the same bytes.
  const mtime = new Date(summary.generatedAt);
  const file = (name: string) => {
    const entry = new ZipDeflate(name, { level: 6 });
    entry.mtime = mtime;
    zip.add(entry);
    return entry;
  };
  const whole = (name: string, bytes: Uint8Array) => file(name).push(bytes, true);
  async function csvFile<T extends object>(name: string, columns: (keyof T & string)[], batches: AsyncGenerator<T[]>) {
    const entry = file(name);
    entry.push(strToU8(`${columns.join(",")}\n`));
    let count = 0;
    for await (const rows of batches) {
      entry.push(strToU8(csvLines(rows, columns)));
      count += rows.length;
    }
    entry.push(new Uint8Array(0), true);
    return count;
  }
  whole("controls.csv", strToU8(`${CONTROL_COLUMNS.join(",")}\n${csvLines(summary.controls, CONTROL_COLUMNS)}`));
  const counts = {
    activeIdentities: summary.activeIdentities,
    findings: await csvFile("findings.csv", FINDING_COLUMNS, findingBatches(db, asOf)),
    reviewItems: await csvFile("reviews.csv", REVIEW_COLUMNS, reviewBatches(db, asOf)),
    breakglassRequests: await csvFile("breakglass.csv", BREAKGLASS_COLUMNS, breakglassBatches(db, asOf)),
  };
  whole("posture-policy.json", strToU8(JSON.stringify(summary.policy, null, 2)));
  whole("checks.json", strToU8(JSON.stringify(summary.checks, null, 2)));
  whole("audit-chain.json", strToU8(JSON.stringify(summary.audit, null, 2)));
  // Last, with the counts of what the files hold.
  const manifest = {
    kind: "nhi-console evidence pack",
    asOf: summary.asOf,
    generatedAt: summary.generatedAt,
    generatedBy: summary.generatedBy,
    versions: summary.versions,
    counts,
    audit: summary.audit,
    files: ["controls.csv", "findings.csv", "reviews.csv", "breakglass.csv", "posture-policy.json", "checks.json", "audit-chain.json"],
  };
  whole("manifest.json", strToU8(JSON.stringify(manifest, null, 2)));
  zip.end();
  if (failed) throw failed;
}

/** The first `limit` rows the batches give that pass `keep`. */
async function firstRows<T>(batches: AsyncGenerator<T[]>, limit: number, keep: (row: T) => boolean = () => true): Promise<T[]> {
  const rows: T[] = [];
  for await (const batch of batches) {
    for (const row of batch) if (keep(row) && rows.push(row) >= limit) break;
    if (rows.length >= limit) break;
  }
  await batches.return(undefined);
  return rows;
}

const FINDINGS_IN_PDF = 500;
const ROWS_IN_PDF = 300;

export async function writePdf(summary: PackSummary, db: Db, asOf: Date, out: Sink): Promise<void> {
  const [counts, findings, reviews, breakglass] = await Promise.all([
    countPackRows(db, asOf),
    firstRows(findingBatches(db, asOf), FINDINGS_IN_PDF),
    firstRows(reviewBatches(db, asOf), ROWS_IN_PDF, (r) => !!r.decision),
    firstRows(breakglassBatches(db, asOf), ROWS_IN_PDF),
  ]);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: `Posture evidence pack as of ${summary.asOf}`, Author: "NHI console", Subject: "Posture evidence pack" },
  });
  doc.on("data", (c: Buffer) => out(new Uint8Array(c.buffer, c.byteOffset, c.byteLength)));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  const h = (text: string) => doc.moveDown(0.6).font("Helvetica-Bold").fontSize(13).text(text).font("Helvetica").fontSize(9);
  doc.font("Helvetica-Bold").fontSize(18).text("Posture evidence pack");
  doc.font("Helvetica").fontSize(10);
  doc.text(
    `As of ${summary.asOf.replace("T", " ").slice(0, 19)} UTC, generated ${summary.generatedAt.replace("T", " ").slice(0, 19)} UTC by ${summary.generatedBy}.`,
  );
  doc.text(
    `Framework data ${summary.versions.frameworks}, checks ${summary.versions.checks}. ${summary.activeIdentities.toLocaleString("en")} active identities.`,
  );
  h("Audit chain");
  doc.text(
    summary.audit.intact
      ? `Verified intact: ${summary.audit.checked.toLocaleString("en")} events; head #${summary.audit.headSeq}, hash ${summary.audit.headHash}.`
      : `BROKEN: ${summary.audit.problem} (head #${summary.audit.headSeq}).`,
  );
  doc.text("This pack's own SHA-256 is recorded in the audit log when it is generated: npm run evidence:verify FILE checks it.");
  h("Posture policy in force");
  doc.text(
    Object.entries(summary.policy)
      .map(([k, v]) => `${k}: ${v}`)
      .join(" · "),
  );
  let framework = "";
  for (const c of summary.controls) {
    if (c.framework !== framework) {
      framework = c.framework;
      h(`Controls: ${framework}`);
    }
    doc.text(
      `${c.controlId}  ${c.status.toUpperCase()}${c.failing === null ? "" : `  ${c.failing.toLocaleString("en")} failing`}  ·  ${c.title}`,
    );
  }
  h(`Findings open as of the date (${counts.findings.toLocaleString("en")})`);
  for (const f of findings) doc.text(`${f.identity} · ${f.check} · ${f.severity} · ${f.status} · since ${f.firstSeenAt.slice(0, 10)}`);
  if (counts.findings > findings.length)
    doc.text(`… and ${(counts.findings - findings.length).toLocaleString("en")} more in findings.csv of the ZIP pack.`);
  h(`Access-review decisions (${counts.reviews.toLocaleString("en")} items)`);
  for (const r of reviews)
    doc.text(
      `${r.campaign} #${r.run} · ${r.identity} · ${r.decision} by ${r.reviewer} ${r.decidedAt.slice(0, 10)}${r.reason ? ` · “${r.reason}”` : ""}`,
    );
  if (reviews.length === ROWS_IN_PDF) doc.text("… and more in reviews.csv of the ZIP pack.");
  h(`Break-glass history (${counts.breakglass.toLocaleString("en")} requests)`);
  for (const b of breakglass)
    doc.text(
      `${b.requestedAt.slice(0, 16).replace("T", " ")} · ${b.identity} · ${b.scopes} · ${b.status}${b.emergency ? " · emergency" : ""} · by ${b.requester}${b.approvers ? ` · ${b.approvers}` : ""}${b.afterAction ? ` · after-action: ${b.afterAction}` : ""}`,
    );
  if (counts.breakglass > breakglass.length)
    doc.text(`… and ${(counts.breakglass - breakglass.length).toLocaleString("en")} more in breakglass.csv of the ZIP pack.`);
  doc.end();
  await done;
}
