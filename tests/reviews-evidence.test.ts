import { PDFParse } from "pdf-parse";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { EVIDENCE_COLUMNS } from "@/lib/domain/reviews/evidence/evidence-csv";
import { exportEvidence } from "@/lib/domain/reviews/evidence/export-evidence";
import { DomainError } from "@/lib/domain/shared/errors";
import { makeUser } from "./helpers/actors";
import { launchTagged, makeIdentity, movableClock } from "./helpers/reviews";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-24T09:00:00Z");
let admin: UserActor;
let owner: UserActor;
let auditor: UserActor;
let member: UserActor;
let runId: string;
const names: string[] = [];

async function read(chunks: AsyncGenerator<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  owner = await makeUser(db, ["member"]);
  auditor = await makeUser(db, ["auditor"]);
  member = await makeUser(db, ["member"]);
  for (let i = 0; i < 4; i += 1) {
    const identity = await makeIdentity(db, {
      tag: "evid",
      ownerId: owner.userId,
      name: `evid-bot-${i}`,
      scopes: [
        { resource: "s3:orders", level: "write", environment: "production" },
        { resource: "db:billing", level: "read", environment: "staging" },
      ],
    });
    names.push(identity.name);
  }
  ({ runId } = await launchTagged(db, clock, admin, "evid", { description: "Quarterly look at the billing bots" }));
  // Decisions as decide-item.ts leaves them (the columns only).
  const items = await db.reviewItem.findMany({ where: { runId }, orderBy: { name: "asc" } });
  const at = (h: number) => new Date(Date.UTC(2026, 10, 25, h));
  await db.reviewItem.update({
    where: { id: items[0]!.id },
    data: { decision: "certify", decisionReason: "Deploys billing every night", decidedById: owner.userId, decidedAt: at(10) },
  });
  await db.reviewItem.update({
    where: { id: items[1]!.id },
    data: {
      decision: "suspend",
      decisionReason: "Replaced by the new pipeline, formula =1+1",
      decidedById: owner.userId,
      decidedAt: at(11),
      outcome: "suspended",
      remediationStatus: "open",
    },
  });
  await db.reviewItemScope.updateMany({ where: { itemId: items[1]!.id, resource: "s3:orders" }, data: { decision: "revoke" } });
  await db.reviewItemScope.updateMany({
    where: { itemId: items[1]!.id, resource: "db:billing" },
    data: { decision: "reduce", reduceToEnvironment: "test" },
  });
  await db.reviewItem.update({
    where: { id: items[2]!.id },
    data: {
      decision: "keep_until",
      keepUntil: new Date("2027-01-31T00:00:00Z"),
      decisionReason: "Until the migration ends",
      decidedById: owner.userId,
      decidedAt: at(12),
      remediationStatus: "done",
      outcome: "changed",
    },
  });
});
afterAll(() => database.close());

describe("evidence as CSV", () => {
  it("has the documented columns and one row per item with reviewer, time, reason, scope decisions, remediation and the chain head", async () => {
    const file = await exportEvidence({ actor: auditor, db, clock, input: { runId, format: "csv" } });
    expect(file.contentType).toMatch(/^text\/csv/);
    expect(file.filename).toMatch(/^review-evidence-review-evid-1-.*\.csv$/);
    const text = (await read(file.chunks)).toString("utf8");
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...EVIDENCE_COLUMNS]);
    expect(rows.map((r) => r.identity).sort()).toEqual([...names].sort());
    const byName = Object.fromEntries(rows.map((r) => [r.identity, r]));
    expect(byName[names[0]!]).toMatchObject({
      decision: "certify",
      decisionReason: "Deploys billing every night",
      decidedAt: "2026-11-25T10:00:00.000Z",
      reviewerRung: "owner",
    });
    expect(byName[names[0]!]!.decidedBy).toContain(owner.email);
    expect(byName[names[0]!]!.reviewer).toContain(owner.email);
    expect(byName[names[1]!]).toMatchObject({ decision: "suspend", outcome: "suspended", remediationStatus: "open" });
    // A reason that looks like a formula is neutralized for spreadsheets, never lost.
    expect(byName[names[1]!]!.decisionReason).toBe("Replaced by the new pipeline, formula =1+1");
    expect(byName[names[1]!]!.scopeDecisions).toBe("db:billing read (staging): reduce in test; s3:orders write (production): revoke");
    expect(byName[names[2]!]).toMatchObject({ decision: "keep_until", keepUntil: "2027-01-31T00:00:00.000Z", remediationStatus: "done" });
    expect(byName[names[3]!]).toMatchObject({ decision: "", decidedBy: "", remediationStatus: "not_needed" });
    const head = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(new Set(rows.map((r) => r.auditHeadHash))).toEqual(new Set([head.hash]));
    expect(file.headHash).toBe(head.hash);
    expect(rows[0]!.campaign).toBe("Review evid");
  });

  it("records the export in the audit log (the head it names is that record)", async () => {
    const file = await exportEvidence({ actor: admin, db, clock, input: { runId } });
    await read(file.chunks);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "review.export", actorId: admin.userId },
      orderBy: { seq: "desc" },
    });
    expect(event).toMatchObject({ outcome: "allowed", targetType: "review-run", targetId: runId, targetLabel: "Review evid #1" });
    expect(event.after).toMatchObject({ format: "csv", items: 4 });
    expect(file.headHash).toBe(event.hash);
  });
});

describe("evidence as PDF", () => {
  it("parses and names the campaign, every item with its decision, reviewer and reason, and the chain head", async () => {
    const file = await exportEvidence({ actor: auditor, db, clock, input: { runId, format: "pdf" } });
    expect(file.contentType).toBe("application/pdf");
    const pdf = await read(file.chunks);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    const { text } = await parser.getText();
    await parser.destroy();
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Access review evidence");
    expect(flat).toContain("Review evid · run #1");
    expect(flat).toContain("Quarterly look at the billing bots");
    expect(flat).toContain("tagged evid");
    for (const name of names) expect(flat).toContain(name);
    expect(flat).toContain("Deploys billing every night");
    expect(flat).toContain("Replaced by the new pipeline");
    expect(flat).toContain("Until the migration ends");
    expect(flat).toContain("s3:orders write (production): revoke");
    expect(flat).toContain("Suspend");
    expect(flat).toContain("none (undecided)");
    expect(flat).toContain(owner.email);
    expect(flat).toContain(file.headHash);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "review.export", actorId: auditor.userId },
      orderBy: { seq: "desc" },
    });
    expect(event.after).toMatchObject({ format: "pdf" });
  });
});

describe("who may export", () => {
  it("refuses a member (recorded) and names a bad format", async () => {
    const error = await exportEvidence({ actor: member, db, clock, input: { runId } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("FORBIDDEN");
    expect(await db.auditEvent.count({ where: { action: "review.export", actorId: member.userId, outcome: "denied" } })).toBe(1);
    const bad = await exportEvidence({ actor: admin, db, clock, input: { runId, format: "docx" } }).catch((e: unknown) => e);
    expect((bad as DomainError).fieldErrors).toHaveProperty("format");
    const missing = await exportEvidence({ actor: admin, db, clock, input: { runId: "00000000-0000-4000-8000-000000000000" } }).catch(
      (e: unknown) => e,
    );
    expect((missing as DomainError).code).toBe("NOT_FOUND");
  });
});
