import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ApiContext } from "@/lib/auth/api-route";
import { importIdentities } from "@/lib/domain/registry/import/import-identities";
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
 * The body is received into a temporary file first, and read from there: Node's HTTP server aborts a
 * request still being received after 5 minutes, and a million-row import takes about that long to
 * write. Receiving starts only when the import first reads, after the role check; the file is removed
 * once the import is done.
 */
function spooled(body: AsyncIterable<Uint8Array>) {
  let dir: string | undefined;
  async function* read(): AsyncGenerator<Uint8Array> {
    dir = await mkdtemp(join(tmpdir(), "nhi-import-"));
    const file = join(dir, "body");
    await pipeline(Readable.from(body), createWriteStream(file));
    yield* createReadStream(file, { highWaterMark: 1 << 20 });
  }
  return { content: read(), remove: () => (dir ? rm(dir, { recursive: true, force: true }) : Promise.resolve()) };
}

/**
 * POST /api/registry/import: the file is the body, options are in the query. A body over `maxBytes` is
 * refused with 413 (declared length first, then bytes counted as they arrive), never cut.
 */
export async function handleImport({ actor, db, clock, request }: ApiContext<Record<string, string>>, maxBytes: number) {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (!request.body) return importIdentities({ actor, db, clock, input: { ...query, content: "", dryRun: query.dryRun !== "false" } });
  const body = spooled(limitBytes(chunksOf(request.body), maxBytes, Number.isFinite(declared) ? declared : null));
  try {
    return await importIdentities({ actor, db, clock, input: { ...query, content: body.content, dryRun: query.dryRun !== "false" } });
  } finally {
    await body.remove();
  }
}
