import { strToU8, zipSync } from "fflate";
import PDFDocument from "pdfkit";
import type { PackData } from "./pack-data";

// The evidence pack's two forms: a ZIP of CSV and JSON for tools, and a PDF for people. Both are built whole in
// memory (their SHA-256 is recorded before they are handed out); the findings are what makes them large.

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : String(v);
  // A leading =, +, - or @ would run as a formula in a spreadsheet: quoted and prefixed with '.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
};

function csv<T extends Record<string, unknown>>(rows: T[], columns: (keyof T & string)[]): Uint8Array {
  const lines = [columns.join(","), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(","))];
  return strToU8(`${lines.join("\n")}\n`);
}

export function packZip(data: PackData): Uint8Array {
  const manifest = {
    kind: "nhi-console evidence pack",
    asOf: data.asOf,
    generatedAt: data.generatedAt,
    generatedBy: data.generatedBy,
    versions: data.versions,
    counts: {
      activeIdentities: data.activeIdentities,
      findings: data.findings.length,
      reviewItems: data.reviews.length,
      breakglassRequests: data.breakglass.length,
    },
    audit: data.audit,
    files: ["controls.csv", "findings.csv", "reviews.csv", "breakglass.csv", "posture-policy.json", "checks.json", "audit-chain.json"],
  };
  // A fixed modification time: the same content gives the same bytes.
  const mtime = new Date(data.generatedAt);
  return zipSync(
    {
      "manifest.json": [strToU8(JSON.stringify(manifest, null, 2)), { mtime }],
      "controls.csv": [csv(data.controls, ["framework", "controlId", "title", "status", "failing", "checks"]), { mtime }],
      "findings.csv": [
        csv(data.findings, ["identity", "identityId", "owner", "check", "severity", "status", "firstSeenAt", "evidence"]),
        { mtime },
      ],
      "reviews.csv": [
        csv(data.reviews, ["campaign", "run", "identity", "decision", "reviewer", "decidedAt", "reason", "outcome", "remediation"]),
        { mtime },
      ],
      "breakglass.csv": [
        csv(data.breakglass, [
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
        ]),
        { mtime },
      ],
      "posture-policy.json": [strToU8(JSON.stringify(data.policy, null, 2)), { mtime }],
      "checks.json": [strToU8(JSON.stringify(data.checks, null, 2)), { mtime }],
      "audit-chain.json": [strToU8(JSON.stringify(data.audit, null, 2)), { mtime }],
    },
    { level: 6 },
  );
}

export async function packPdf(data: PackData): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    info: { Title: `Posture evidence pack as of ${data.asOf}`, Author: "NHI console", Subject: "Posture evidence pack" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  const h = (text: string) => doc.moveDown(0.6).font("Helvetica-Bold").fontSize(13).text(text).font("Helvetica").fontSize(9);
  doc.font("Helvetica-Bold").fontSize(18).text("Posture evidence pack");
  doc.font("Helvetica").fontSize(10);
  doc.text(
    `As of ${data.asOf.replace("T", " ").slice(0, 19)} UTC, generated ${data.generatedAt.replace("T", " ").slice(0, 19)} UTC by ${data.generatedBy}.`,
  );
  doc.text(
    `Framework data ${data.versions.frameworks}, checks ${data.versions.checks}. ${data.activeIdentities.toLocaleString("en")} active identities.`,
  );
  h("Audit chain");
  doc.text(
    data.audit.intact
      ? `Verified intact: ${data.audit.checked.toLocaleString("en")} events; head #${data.audit.headSeq}, hash ${data.audit.headHash}.`
      : `BROKEN: ${data.audit.problem} (head #${data.audit.headSeq}).`,
  );
  doc.text("This pack's own SHA-256 is recorded in the audit log when it is generated: npm run evidence:verify FILE checks it.");
  h("Posture policy in force");
  doc.text(
    Object.entries(data.policy)
      .map(([k, v]) => `${k}: ${v}`)
      .join(" · "),
  );
  let framework = "";
  for (const c of data.controls) {
    if (c.framework !== framework) {
      framework = c.framework;
      h(`Controls: ${framework}`);
    }
    doc.text(`${c.controlId}  ${c.status.toUpperCase()}  ${c.failing.toLocaleString("en")} failing  ·  ${c.title}`);
  }
  h(`Findings open as of the date (${data.findings.length.toLocaleString("en")})`);
  for (const f of data.findings.slice(0, 500))
    doc.text(`${f.identity} · ${f.check} · ${f.severity} · ${f.status} · since ${f.firstSeenAt.slice(0, 10)}`);
  if (data.findings.length > 500)
    doc.text(`… and ${(data.findings.length - 500).toLocaleString("en")} more in findings.csv of the ZIP pack.`);
  h(`Access-review decisions (${data.reviews.length.toLocaleString("en")} items)`);
  for (const r of data.reviews.filter((r) => r.decision).slice(0, 300))
    doc.text(
      `${r.campaign} #${r.run} · ${r.identity} · ${r.decision} by ${r.reviewer} ${r.decidedAt.slice(0, 10)}${r.reason ? ` · “${r.reason}”` : ""}`,
    );
  h(`Break-glass history (${data.breakglass.length.toLocaleString("en")} requests)`);
  for (const b of data.breakglass.slice(0, 300))
    doc.text(
      `${b.requestedAt.slice(0, 16).replace("T", " ")} · ${b.identity} · ${b.scopes} · ${b.status}${b.emergency ? " · emergency" : ""} · by ${b.requester}${b.approvers ? ` · ${b.approvers}` : ""}${b.afterAction ? ` · after-action: ${b.afterAction}` : ""}`,
    );
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
