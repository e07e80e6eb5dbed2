import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ApiContext } from "@/lib/auth/api-route";
import { importIdentities } from "@/lib/domain/registry/import/import-identities";
import { checkRole } from "@/lib/domain/shared/define-mutation";
import { limitBytes } from "@/lib/domain/registry/import/read-text";

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    // Stopped early (over the limit, or the import failed): the rest of the body is not wanted.
    await reader.cancel().catch(() => {});
  }
}

/**
 * POST /api/registry/import: the file is the body, options are in the query. The role check comes before
 * a byte of the body is read (and is recorded when it refuses). The body is then received whole into a
 * temporary file, counted against `maxBytes` (declared length first, then bytes as they arrive: refused
 * with 413, never cut), and only then imported: the import's transaction does not wait on a slow upload
 * (on the embedded database it holds the only connection), and Node's HTTP server would abort a request
 * still being received after 5 minutes. The file is removed afterwards.
 */
export async function handleImport({ actor, db, clock, request }: ApiContext<Record<string, string>>, maxBytes: number) {
  await checkRole({ actor, db, clock, input: null }, "registry.import");
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const input = { ...query, dryRun: query.dryRun !== "false" };
  if (!request.body) return importIdentities({ actor, db, clock, input: { ...input, content: "" } });
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  const dir = await mkdtemp(join(tmpdir(), "nhi-import-"));
  try {
    const file = join(dir, "body");
    await pipeline(
      Readable.from(limitBytes(chunksOf(request.body), maxBytes, Number.isFinite(declared) ? declared : null)),
      createWriteStream(file),
    );
    return await importIdentities({ actor, db, clock, input: { ...input, content: createReadStream(file, { highWaterMark: 1 << 20 }) } });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
