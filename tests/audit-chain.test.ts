import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent } from "@/lib/domain/audit/append-audit-event";
import { canonicalJson, GENESIS_HASH } from "@/lib/domain/audit/canonical";
import { listAuditEvents } from "@/lib/domain/audit/list-audit-events";
import { verifyAuditChain } from "@/lib/domain/audit/verify-audit-chain";
import { systemActor } from "@/lib/domain/authz/actor";
import { fixedClock } from "@/lib/domain/shared/clock";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const clock = fixedClock("2026-03-01T10:00:00.000Z");
const system = systemActor("system:test");
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function append(n: number, action = "test.event") {
  for (let i = 0; i < n; i += 1) {
    await database.prisma.$transaction((tx) =>
      appendAuditEvent(
        tx,
        {
          actor: system,
          action,
          target: { type: "thing", id: `t${i}` },
          outcome: "allowed",
          before: { b: i, a: [1, { z: 1, y: 2 }] },
          after: { note: "ünïcode ✓" },
        },
        clock,
      ),
    );
  }
}

/** Simulates someone with database access working behind the app's back (the trigger must be lifted first). */
async function tamper(sql: string) {
  await database.raw.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
  await database.raw.query(sql);
  await database.raw.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
}

describe("canonical serialization", () => {
  it("orders keys at every depth and renders dates as ISO", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: new Date("2026-01-01T00:00:00Z") } })).toBe(
      '{"a":{"c":"2026-01-01T00:00:00.000Z","d":[3,{"e":2,"f":1}]},"b":1}',
    );
  });
});

describe("audit hash chain", () => {
  it("links each event to the one before and verifies intact", async () => {
    await append(5);
    const rows = await database.prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain({ actor: system, db: database.prisma, clock })).toEqual({ intact: true, checked: 5 });
  });

  it("stays linear with concurrent writers", async () => {
    await Promise.all(Array.from({ length: 12 }, () => append(1, "test.concurrent")));
    const report = await verifyAuditChain({ actor: system, db: database.prisma, clock });
    expect(report).toEqual({ intact: true, checked: 17 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    await expect(database.raw.query(`UPDATE "AuditEvent" SET reason = 'x'`)).rejects.toThrow(/append-only/);
    await expect(database.raw.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(database.raw.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(database.prisma.auditEvent.updateMany({ data: { reason: "x" } })).rejects.toThrow();
  });

  it("names the first edited event when a row is changed behind the app's back", async () => {
    const third = (await database.prisma.auditEvent.findMany({ orderBy: { seq: "asc" }, skip: 2, take: 1 }))[0]!;
    await tamper(`UPDATE "AuditEvent" SET reason = 'rewritten' WHERE seq = ${third.seq}`);
    const report = await verifyAuditChain({ actor: system, db: database.prisma, clock });
    expect(report).toMatchObject({ intact: false, brokenSeq: third.seq.toString(), checked: 2 });
    expect(report.intact === false && report.problem).toMatch(/edited/);
    await tamper(`UPDATE "AuditEvent" SET reason = NULL WHERE seq = ${third.seq}`);
    expect((await verifyAuditChain({ actor: system, db: database.prisma, clock })).intact).toBe(true);
  });

  it("names the event after a deleted one", async () => {
    const rows = await database.prisma.auditEvent.findMany({ orderBy: { seq: "asc" }, take: 5 });
    await tamper(`DELETE FROM "AuditEvent" WHERE seq = ${rows[3]!.seq}`);
    const report = await verifyAuditChain({ actor: system, db: database.prisma, clock });
    expect(report).toMatchObject({ intact: false, brokenSeq: rows[4]!.seq.toString() });
    expect(report.intact === false && report.problem).toMatch(/deleted/);
  });
});

describe("audit log reads", () => {
  it("filters and pages newest first, and is refused to an owner with a denied event", async () => {
    const auditor = await makeUser(database.prisma, ["auditor"]);
    const page1 = await listAuditEvents({ actor: auditor, db: database.prisma, clock, input: { action: "test.concurrent", pageSize: 5 } });
    expect(page1.events).toHaveLength(5);
    expect(page1.events.every((e) => e.action === "test.concurrent")).toBe(true);
    expect(BigInt(page1.events[0]!.seq) > BigInt(page1.events[4]!.seq)).toBe(true);
    const page3 = await listAuditEvents({
      actor: auditor,
      db: database.prisma,
      clock,
      input: { action: "test.concurrent", pageSize: 5, before: "0" },
    });
    expect(page3.events).toEqual([]);
    const rest = await listAuditEvents({
      actor: auditor,
      db: database.prisma,
      clock,
      input: { action: "test.concurrent", pageSize: 5, before: page1.nextBefore! },
    });
    expect(rest.events).toHaveLength(5);
    expect(rest.events.map((e) => e.seq)).not.toContain(page1.events[4]!.seq);

    const owner = await makeUser(database.prisma, ["member"]);
    await expect(listAuditEvents({ actor: owner, db: database.prisma, clock, input: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const denied = await listAuditEvents({ actor: auditor, db: database.prisma, clock, input: { actor: owner.email, outcome: "denied" } });
    expect(denied.events[0]).toMatchObject({ action: "audit.read", outcome: "denied", actorLabel: owner.email, ip: "127.0.0.1" });
  });

  it("reads a zone-less time range as UTC", async () => {
    const auditor = await makeUser(database.prisma, ["auditor"]);
    const inside = await listAuditEvents({
      actor: auditor,
      db: database.prisma,
      clock,
      input: { from: "2026-03-01T10:00", to: "2026-03-01T10:00:00", action: "test.event" },
    });
    expect(inside.events.length).toBeGreaterThan(0);
    const after = await listAuditEvents({
      actor: auditor,
      db: database.prisma,
      clock,
      input: { from: "2026-03-01T10:01", action: "test.event" },
    });
    expect(after.events).toEqual([]);
  });

  it("names the field when a filter is malformed", async () => {
    const auditor = await makeUser(database.prisma, ["auditor"]);
    await expect(listAuditEvents({ actor: auditor, db: database.prisma, clock, input: { from: "yesterday-ish" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { from: [expect.stringMatching(/from must be a date/)] },
    });
  });
});
