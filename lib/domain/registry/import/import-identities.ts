import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import type { Tx } from "@/lib/db/types";
import { appendAuditEvent } from "../../audit/append-audit-event";
import { type Actor, actorLabel } from "../../authz/actor";
import { enforce } from "../../authz/enforce";
import type { Clock } from "../../shared/clock";
import { DomainError } from "../../shared/errors";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { ENVIRONMENTS } from "../vocabulary";
import { applyBatch } from "./apply-batch";
import { FORMAT_NAMES, IMPORT_FORMATS, type ImportFormat } from "./formats";
import { FormatError, type ImportOptions, type ImportRow, isSkipped } from "./import-row";
import { ImportReport, type ImportResult } from "./import-report";
import { markGoneFromSource, sourceWarnings } from "./gone-from-source";
import { KEYS_TABLE_SQL, parseBatch, planParsed } from "./plan-import";
import { type ImportContent, isAsyncIterable, textChunks } from "./read-text";

export type { ImportResult } from "./import-report";

const schema = z.object({
  format: z.enum(FORMAT_NAMES, { error: `format must be one of ${FORMAT_NAMES.join(", ")}` }),
  content: z.union([z.string().min(1, "the file is empty"), z.custom<AsyncIterable<Uint8Array | string>>(isAsyncIterable)], {
    error: "content is required: the file, as text or a stream",
  }),
  dryRun: z.boolean().default(true),
  environment: z.enum(ENVIRONMENTS, { error: `environment must be one of ${ENVIRONMENTS.join(", ")}` }).default("production"),
  cluster: z.string().trim().max(100, "cluster must be at most 100 characters").optional(),
  org: z.string().trim().max(100, "org must be at most 100 characters").optional(),
  account: z.string().trim().max(100, "account must be at most 100 characters").optional(),
  /** The identity an access advisor report is about (its job was generated for this ARN). */
  arn: z.string().trim().max(500, "arn must be at most 500 characters").optional(),
  registerDormant: flag("registerDormant"),
  fullExport: flag("fullExport"),
});

/** A yes/no option, as a boolean or as it arrives in a query string. */
function flag(field: string) {
  return z.preprocess(
    (v) => (v === "true" || v === "1" || v === "on" ? true : v === "false" || v === "0" || v === "" ? false : v),
    z.boolean({ error: `${field} must be true or false` }).default(false),
  );
}

/** Rows validated, looked up and written together: large enough for set-based SQL, small enough for memory. */
const BATCH_ROWS = 5_000;

/** Carries a dry run's result out of its transaction, which is always rolled back. */
class DryRunFinished extends Error {
  constructor(readonly result: ImportResult) {
    super("dry run");
  }
}

/**
 * Imports identities from a file in one of the supported formats, read as a stream in batches: memory
 * holds one batch and the first 1,000 outcomes, whatever the file's size. A dry run reports, row by row,
 * what would be created, updated, left unchanged or rejected (with field and reason) and writes nothing.
 * A commit is all-or-nothing: one transaction, rolled back when any row anywhere is rejected. Identities
 * are matched on (platform, external id), so importing the same file twice changes nothing.
 */
export async function importIdentities({ actor, db, clock, input }: UseCaseArgs): Promise<ImportResult> {
  await enforce(db, clock, actor, "registry.import", { type: "registry" });
  const { format, content, dryRun, ...options } = await validate(schema, input);
  try {
    // A dry run needs the transaction too: the duplicate-key table lives in it, and rolling it back
    // guarantees that a dry run leaves nothing behind.
    return await db.$transaction((tx) => runImport(tx, actor, clock, { format, content, dryRun, options }), {
      timeout: 60 * 60_000,
      maxWait: 60_000,
    });
  } catch (error) {
    if (error instanceof DryRunFinished) return error.result;
    if (error instanceof FormatError) throw new DomainError("VALIDATION", error.message, { content: [error.message] });
    throw error;
  }
}

type Run = { format: ImportFormat; content: ImportContent; dryRun: boolean; options: ImportOptions };

/** Passes the file through unchanged while hashing its bytes, for the import's history entry. */
async function* hashing(content: ImportContent, file: { hash: ReturnType<typeof createHash>; bytes: number }) {
  if (typeof content === "string") {
    file.hash.update(content);
    file.bytes += Buffer.byteLength(content);
    yield content;
    return;
  }
  for await (const chunk of content) {
    file.hash.update(chunk);
    file.bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
    yield chunk;
  }
}

async function runImport(tx: Tx, actor: Actor, clock: Clock, { format, content, dryRun, options }: Run): Promise<ImportResult> {
  await tx.$executeRawUnsafe(KEYS_TABLE_SQL);
  const report = new ImportReport();
  const file = { hash: createHash("sha256"), bytes: 0 };
  const context = { agentRules: await tx.agentRule.findMany({ select: { field: true, pattern: true }, orderBy: { createdAt: "asc" } }) };
  // The history entry exists before the identities that point at it; its counts are filled in at the end.
  const importRunId = randomUUID();
  if (!dryRun)
    await tx.importRun.create({
      data: {
        id: importRunId,
        at: clock.now(),
        actorId: actor.type === "user" ? actor.userId : null,
        actorLabel: actorLabel(actor),
        format,
        fileSha256: "",
        fileBytes: 0,
        counts: {},
      },
    });
  const sources = new Set<string>();
  let batch: ImportRow[] = [];
  // The database writes one batch while the next is read and checked (parseBatch needs no database): the
  // writes are awaited only before the next batch's lookups, so the two halves of the work overlap and each
  // batch is still planned against everything written before it.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const parsed = await parseBatch(batch);
    batch = [];
    await writing;
    const plan = await planParsed(tx, parsed, context);
    report.add(plan.items);
    // After the first rejection nothing more is written (it will all be rolled back), but reading goes
    // on, so the answer counts and names every rejected row.
    if (!dryRun && !report.rejected) {
      writing = applyBatch(tx, actor, plan.writes, format, clock, importRunId);
      // Awaited at the next batch or after the last one; until then a failure must not count as unhandled.
      writing.catch(() => undefined);
    }
  };
  try {
    for await (const entry of IMPORT_FORMATS[format].read(textChunks(hashing(content, file)), options)) {
      if (isSkipped(entry)) report.skip(entry);
      else {
        batch.push(entry);
        if (entry.source) sources.add(entry.source);
      }
      if (batch.length === BATCH_ROWS) await flush();
    }
    if (batch.length > 0) await flush();
    await writing;
  } catch (error) {
    // A file that turns out unreadable mid-way: let the batch being written finish before the rollback.
    await writing.catch(() => undefined);
    throw error;
  }

  const source = sources.size === 1 ? [...sources][0]! : null;
  report.warnings.push(...(await sourceWarnings(tx, format, options, sources)));
  if (options.fullExport && !source)
    report.warnings.push(
      sources.size > 1
        ? `The file holds identities of ${sources.size} sources (${[...sources].slice(0, 5).join(", ")}): "full export" marks nothing gone; import one source per file.`
        : 'Nothing in the file names its source, so "full export" cannot tell what has disappeared from it.',
    );
  const gone = options.fullExport && source && !report.rejected ? await markGoneFromSource(tx, actor, clock, source, dryRun, format) : 0;
  report.counts.gone = gone;

  if (dryRun) throw new DryRunFinished(report.result(true, false));
  if (report.rejected) throw new DomainError("VALIDATION", report.refusal());
  const fileSha256 = file.hash.digest("hex");
  await tx.importRun.update({
    where: { id: importRunId },
    data: { fileSha256, fileBytes: file.bytes, counts: report.counts, source, fullExport: options.fullExport ?? false },
  });
  await appendAuditEvent(
    tx,
    {
      actor,
      action: "registry.import",
      target: { type: "registry", id: importRunId, label: format },
      outcome: "allowed",
      after: { format, source, fullExport: options.fullExport ?? false, fileSha256, fileBytes: file.bytes, ...report.counts },
    },
    clock,
  );
  return report.result(false, true, importRunId);
}

/** The input schema, for the API description (lib/http/openapi). */
export { schema as importIdentitiesSchema };
