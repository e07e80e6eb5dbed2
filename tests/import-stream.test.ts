import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { handleImport } from "@/app/api/registry/import/handle-import";
import { handleApiRequest } from "@/lib/auth/api-route";
import type { UserActor } from "@/lib/domain/authz/actor";
import { fixedClock } from "@/lib/domain/shared/clock";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// The import route as a plain function of Request: streamed bodies, the size limit, all-or-nothing commits.

const clock = fixedClock("2026-11-23T12:00:00.000Z");
const MiB = 1_048_576;
const HEADER = "name,kind,platform,externalId,environment,purpose,ownerEmail,tags";
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
});
afterAll(() => database.close());
beforeEach(async () => {
  await db.entitlement.deleteMany();
  await db.identity.deleteMany();
});

/** A console CSV of `count` rows; `purposeWords` pads each purpose with plain words (no secret-like text). */
function csvRows(count: number, { purposeWords = 3, last }: { purposeWords?: number; last?: string } = {}): string[] {
  const words = Array.from({ length: purposeWords }, (_, i) => ["moves", "ledger", "entries", "nightly", "between", "regions"][i % 6]).join(
    " ",
  );
  const lines = [HEADER];
  for (let i = 1; i <= count; i += 1) lines.push(`svc-${i},service_account,aws,stream/${i},production,Row ${i} ${words},,batch;stream`);
  if (last) lines[lines.length - 1] = last;
  return lines;
}

/** Streams text in 64 KiB chunks with no Content-Length, as a chunked upload arrives. */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, (at += 65_536)));
    },
  });
}

async function post(query: string, body: string | ReadableStream<Uint8Array>, maxBytes = 64 * MiB) {
  const request = new Request(`http://localhost:3000/api/registry/import?${query}`, {
    method: "POST",
    body,
    duplex: "half",
  } as RequestInit);
  const response = await handleApiRequest(
    (ctx) => handleImport(ctx, maxBytes),
    { actor: admin, db, request, params: {}, clock },
    "http://localhost:3000",
  );
  return {
    status: response.status,
    body: (await response.json()) as {
      ok: boolean;
      code?: string;
      message?: string;
      data?: { counts: Record<string, number>; items: { row: number; action: string }[] };
    },
  };
}

describe("import bodies and their size", () => {
  it("refuses a body over the limit with 413 naming the limit, by its declared length or counted as it streams, and writes nothing", async () => {
    const text = csvRows(12_000).join("\n");
    expect(text.length).toBeGreaterThan(MiB);
    const declared = await post("format=csv&dryRun=false", text, MiB);
    expect(declared).toMatchObject({
      status: 413,
      body: { ok: false, code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/import limit of 1 MB \(IMPORT_MAX_MB\)/) },
    });
    const streamed = await post("format=csv&dryRun=false", chunked(text), MiB);
    expect(streamed).toMatchObject({ status: 413, body: { code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/1 MB/) } });
    expect(await db.identity.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: { in: ["identity.create", "registry.import"] }, outcome: "allowed" } })).toBe(0);
  });

  // 12,500 rows with 900-character purposes: tens of seconds on a busy two-core machine, hence its own limit.
  it("commits a body above 10 MiB whole, streamed without a declared length: every row, the last row's purpose intact", async () => {
    const lines = csvRows(12_500, { purposeWords: 125 });
    const text = lines.join("\n");
    expect(text.length).toBeGreaterThan(10 * MiB);
    const result = await post("format=csv&dryRun=false", chunked(text));
    expect(result).toMatchObject({ status: 200, body: { ok: true, data: { counts: { create: 12_500, reject: 0 } } } });
    expect(await db.identity.count()).toBe(12_500);
    const last = await db.identity.findFirstOrThrow({ where: { platform: "aws", externalId: "stream/12500" } });
    expect(last.purpose).toBe(lines.at(-1)!.split(",")[5]);
    expect(last.purpose.length).toBeGreaterThan(900);
    expect(await db.auditEvent.count({ where: { action: "identity.create", reason: { startsWith: "import (csv" } } })).toBe(12_500);
  }, 120_000);
});

describe("all or nothing", () => {
  it("rolls back every batch when a row in the last batch is rejected, and names it", async () => {
    const lines = csvRows(12_001, { last: "svc-last,not-a-kind,aws,stream/last,production,Last row,," });
    const events = await db.auditEvent.count();
    const result = await post("format=csv&dryRun=false", chunked(lines.join("\n")));
    expect(result).toMatchObject({
      status: 400,
      body: { code: "VALIDATION", message: expect.stringMatching(/Nothing was imported: 1 row\(s\) are rejected, e\.g\. row 12002: kind/) },
    });
    expect(await db.identity.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(events);
  });

  it("finds a duplicate (platform, external id) across batches, and a dry run writes nothing", async () => {
    const lines = csvRows(6_000);
    lines.push("again,service_account,aws,stream/3,production,Duplicate of row 4,,");
    const dry = await post("format=csv", lines.join("\n"));
    expect(dry.body.data?.counts).toMatchObject({ create: 6_000, reject: 1 });
    expect(dry.body.data?.items[0]).toMatchObject({
      row: 6_002,
      action: "reject",
      errors: [{ field: "externalId", reason: "the same platform and external id as row 4" }],
    });
    expect(await db.identity.count()).toBe(0);
  });
});

describe("files that cannot be read", () => {
  it("answers 400 naming the item for null entries in every JSON format, and writes nothing", async () => {
    const files: [string, string][] = [
      ["json", '[{"name":"a","kind":"bot","platform":"slack","externalId":"n-1","environment":"test","purpose":"Posts"}, null]'],
      ["kubernetes", '{"kind":"List","items":[null]}'],
      ["github-pats", "[null]"],
      ["github-installations", '{"total_count":2,"installations":[{"id":1,"app_slug":"x"},null]}'],
    ];
    for (const [format, text] of files) {
      const result = await post(`format=${format}&dryRun=false`, text);
      expect(result, format).toMatchObject({
        status: 400,
        body: { code: "VALIDATION", message: expect.stringMatching(/^Item \d+ is null: each item must be an object/) },
      });
    }
    expect(await db.identity.count()).toBe(0);
  });

  it("names the line of a JSON or CSV syntax error, and refuses a JSON document that was cut off", async () => {
    const json = await post("format=json", '[\n  {"name": "a"},\n  {"name": "b",,}\n]');
    expect(json).toMatchObject({
      status: 400,
      body: { code: "VALIDATION", message: expect.stringMatching(/not valid JSON: .* on line 3/) },
    });
    const cut = await post(
      "format=json&dryRun=false",
      '[\n{"name":"a","kind":"bot","platform":"slack","externalId":"cut-1","environment":"test","purpose":"Posts"},\n{"name":"b"',
    );
    expect(cut).toMatchObject({ status: 400, body: { message: expect.stringMatching(/ends on line 3 before the document is complete/) } });
    const csv = await post("format=csv", `${HEADER}\nok,bot,slack,q-1,test,Fine,,\nbad,bot,slack,"q-2"x,test,Broken,,\n`);
    expect(csv).toMatchObject({
      status: 400,
      body: { code: "VALIDATION", message: expect.stringMatching(/CSV could not be read: .*at line 3/) },
    });
    const empty = await post("format=kubernetes", "");
    expect(empty).toMatchObject({ status: 400, body: { code: "VALIDATION" } });
    expect(await db.identity.count()).toBe(0);
  });
});
