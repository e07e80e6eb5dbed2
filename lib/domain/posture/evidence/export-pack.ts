import { createHash } from "node:crypto";
import { createReadStream, closeSync, openSync, writeSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { z } from "zod";
import { actorLabel, systemActor } from "../../authz/actor";
import { enforce } from "../../authz/enforce";
import { recordAuditEvent } from "../../audit/run-audited";
import { verifyAuditChain } from "../../audit/verify-audit-chain";
import { optionalIsoDate } from "../../shared/input";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { readPackSummary } from "./pack-data";
import { writePdf, writeZip } from "./pack-files";

export const PACK_FORMATS = ["zip", "pdf"] as const;

export const exportPackSchema = z.object({
  format: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.enum(PACK_FORMATS, { error: "format must be zip or pdf" }).default("pdf"),
  ),
  /**
   * The moment the pack describes (ISO 8601); now when absent. A date alone means the end of that day (UTC): "as of
   * 24 November" holds what that day did.
   */
  asOf: z.preprocess(
    (v) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? `${v.trim()}T23:59:59.999Z` : v),
    optionalIsoDate("asOf"),
  ),
});

/** A pack written to a temporary file, hashed as it was written; the file goes once it is read or streamed. */
export type EvidencePack = {
  filename: string;
  contentType: string;
  sha256: string;
  size: number;
  /** The file's bytes as a web stream (the temporary file is removed when the stream closes). */
  stream: () => ReadableStream<Uint8Array>;
  /** The whole file (then removed): for tests and small packs. */
  read: () => Promise<Uint8Array>;
};

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
  const summary = await readPackSummary(
    db,
    at,
    { at: now, by: actorLabel(actor) },
    {
      intact: chain.intact,
      checked: chain.checked,
      problem: chain.intact ? null : `event #${chain.brokenSeq}: ${chain.problem}`,
    },
  );
  // Written to a temporary file as the rows are read, hashed on the way: memory stays bounded, and the hash is
  // known (and recorded) before the first byte is handed out.
  const dir = await mkdtemp(join(tmpdir(), "nhi-evidence-"));
  const path = join(dir, `pack.${format}`);
  const hasher = createHash("sha256");
  let size = 0;
  const fd = openSync(path, "w");
  try {
    const out = (chunk: Uint8Array) => {
      hasher.update(chunk);
      size += chunk.length;
      writeSync(fd, chunk);
    };
    if (format === "zip") await writeZip(summary, db, at, out);
    else await writePdf(summary, db, at, out);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    closeSync(fd);
  }
  const hash = hasher.digest("hex");
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
      bytes: size,
      asOf: at.toISOString(),
      auditHead: `sha256:${summary.audit.headHash}`,
    },
  });
  const remove = () => rm(dir, { recursive: true, force: true });
  return {
    filename,
    contentType: format === "zip" ? "application/zip" : "application/pdf",
    sha256: hash,
    size,
    stream: () => {
      const file = createReadStream(path);
      file.on("close", () => void remove());
      return Readable.toWeb(file) as ReadableStream<Uint8Array>;
    },
    read: async () => {
      const bytes = new Uint8Array(await readFile(path));
      await remove();
      return bytes;
    },
  };
}
