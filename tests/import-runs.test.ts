import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { importIdentities } from "@/lib/domain/registry/import/import-identities";
import { listImportRuns } from "@/lib/domain/registry/import/list-import-runs";
import { fixedClock } from "@/lib/domain/shared/clock";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let member: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  member = await makeUser(db, ["member"]);
});
afterAll(() => database.close());

const csv = (...names: string[]) =>
  ["name,kind,platform,externalId,environment,purpose", ...names.map((n) => `${n},bot,slack,${n},test,Posts alerts`)].join("\n");

const run = (at: string, content: string, dryRun = false) =>
  importIdentities({ actor: admin, db, clock: fixedClock(at), input: { format: "csv", content, dryRun } });

describe("the import history", () => {
  it("lists committed imports newest first with who, format, file hash and size, counts, and the identities pointing back", async () => {
    const first = await run("2026-11-20T09:00:00.000Z", csv("history-a", "history-b"));
    await run("2026-11-21T09:00:00.000Z", csv("history-dry"), true);
    const second = await run("2026-11-22T09:00:00.000Z", csv("history-b", "history-c"));

    const page = await listImportRuns({ actor: member, db, clock: fixedClock("2026-11-23T12:00:00.000Z"), input: {} });
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(page.runs.map((r) => r.id)).toEqual([second.importRunId, first.importRunId]);
    const [latest, earlier] = page.runs;
    expect(latest).toMatchObject({
      at: "2026-11-22T09:00:00.000Z",
      actorLabel: expect.stringContaining("@"),
      format: "csv",
      formatLabel: "Console CSV",
      fileBytes: Buffer.byteLength(csv("history-b", "history-c")),
      counts: expect.objectContaining({ create: 1, unchanged: 1 }),
      // history-c created; history-b unchanged, so it still points at the first import.
      identitiesNow: 1,
    });
    expect(latest!.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(earlier).toMatchObject({ counts: expect.objectContaining({ create: 2 }), identitiesNow: 2 });
  });

  it("pages, showing the last page for a page past the end, and refuses a bad page number naming the field", async () => {
    const clock = fixedClock("2026-11-23T12:00:00.000Z");
    const second = await listImportRuns({ actor: member, db, clock, input: { page: "2", pageSize: "1" } });
    expect(second).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(second.runs).toHaveLength(1);
    const past = await listImportRuns({ actor: member, db, clock, input: { page: "9", pageSize: "1" } });
    expect(past.page).toBe(2);
    expect(past.runs[0]!.id).toBe(second.runs[0]!.id);
    await expect(listImportRuns({ actor: member, db, clock, input: { page: "zero" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { page: [expect.stringContaining("page")] },
    });
  });

  it("is refused, and the refusal recorded, for an actor without a role", async () => {
    const nobody = await makeUser(db, []);
    const clock = fixedClock("2026-11-23T12:00:00.000Z");
    await expect(listImportRuns({ actor: nobody, db, clock, input: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.auditEvent.count({ where: { actorId: nobody.userId, action: "registry.read", outcome: "denied" } })).toBe(1);
  });
});
