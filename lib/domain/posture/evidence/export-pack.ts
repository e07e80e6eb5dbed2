import { createHash } from "node:crypto";
import { z } from "zod";
import { actorLabel, systemActor } from "../../authz/actor";
import { enforce } from "../../authz/enforce";
import { recordAuditEvent } from "../../audit/run-audited";
import { verifyAuditChain } from "../../audit/verify-audit-chain";
import { optionalIsoDate } from "../../shared/input";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { readPackData } from "./pack-data";
import { packPdf, packZip } from "./pack-files";

export const PACK_FORMATS = ["zip", "pdf"] as const;

export const exportPackSchema = z.object({
  format: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.enum(PACK_FORMATS, { error: "format must be zip or pdf" }).default("pdf"),
  ),
  /** The moment the pack describes (ISO 8601); now when absent. */
  asOf: optionalIsoDate("asOf"),
});

export type EvidencePack = { filename: string; contentType: string; sha256: string; bytes: Uint8Array };

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * The evidence pack as of a date (admins and auditors: posture.export): controls and their status, findings,
 * review decisions, break-glass history with after-action reviews, the posture policy and checks in force, and
 * the audit chain verified to its head. Its SHA-256 is then written to the audit log with the export, so anyone
 * holding the file can later prove it unchanged (npm run evidence:verify FILE).
 */
export async function exportEvidencePack({ actor, db, clock, input }: UseCaseArgs): Promise<EvidencePack> {
  await enforce(db, clock, actor, "posture.export");
  const { format, asOf } = await validate(exportPackSchema, input);
  const now = clock.now();
  const at = asOf && asOf.getTime() < now.getTime() ? asOf : now;
  const chain = await verifyAuditChain({ actor: systemActor("system:evidence-pack"), db, clock });
  const data = await readPackData(
    db,
    at,
    { at: now, by: actorLabel(actor) },
    {
      intact: chain.intact,
      checked: chain.checked,
      problem: chain.intact ? null : `event #${chain.brokenSeq}: ${chain.problem}`,
    },
  );
  const bytes = format === "zip" ? packZip(data) : await packPdf(data);
  const hash = sha256(bytes);
  const filename = `posture-evidence-${at.toISOString().slice(0, 10)}-${now.toISOString().replace(/[:.]/g, "-")}.${format}`;
  await recordAuditEvent(db, clock, {
    actor,
    action: "posture.export",
    target: { type: "console", id: null, label: filename },
    outcome: "allowed",
    // Labelled digests ("sha256:…"): the audit log's secret scan tells them from a leaked hex key by the label.
    after: {
      format,
      filename,
      sha256: `sha256:${hash}`,
      bytes: bytes.length,
      asOf: at.toISOString(),
      auditHead: `sha256:${data.audit.headHash}`,
    },
  });
  return { filename, contentType: format === "zip" ? "application/zip" : "application/pdf", sha256: hash, bytes };
}
