import { strFromU8, unzipSync } from "fflate";
import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type UserActor } from "@/lib/domain/authz/actor";
import { exportEvidencePack, sha256 } from "@/lib/domain/posture/evidence/export-pack";
import { findingBatches } from "@/lib/domain/posture/evidence/pack-data";
import { verifyEvidencePack } from "@/lib/domain/posture/evidence/verify-pack";
import { evaluateAll } from "@/lib/domain/posture/run-evaluation";
import { makeUser } from "./helpers/actors";
import { makeIdentity, movableClock } from "./helpers/reviews";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// The evidence pack: auditors and admins export it as a PDF for people and a ZIP of CSV and JSON for tools; its
// SHA-256 is written to the audit log with the export, and verification finds that record (and the chain intact)
// for the file as exported, never for a changed one.

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-25T10:00:00.000Z");
let auditor: UserActor;
let member: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  auditor = await makeUser(db, ["auditor"]);
  member = await makeUser(db, ["member"]);
  await makeIdentity(db, { tag: "pack", ownerId: null, scopes: [{ resource: "*", level: "admin", environment: "production" }] });
  await evaluateAll(db, clock, systemActor("system:test"));
});
afterAll(() => database.close());

describe("the evidence pack", () => {
  it("is a ZIP of controls, findings, reviews, break-glass, policy and the audit chain, its hash recorded and verifiable", async () => {
    const pack = await exportEvidencePack({ actor: auditor, db, clock, input: { format: "zip" } });
    const bytes = await pack.read();
    expect(pack.contentType).toBe("application/zip");
    expect(pack.sha256).toBe(sha256(bytes));
    expect(pack.size).toBe(bytes.length);
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(
      [
        "audit-chain.json",
        "breakglass.csv",
        "checks.json",
        "controls.csv",
        "findings.csv",
        "manifest.json",
        "posture-policy.json",
        "reviews.csv",
      ].sort(),
    );
    const findings = strFromU8(files["findings.csv"]!).trim().split("\n");
    expect(findings[0]).toBe("identity,identityId,owner,check,severity,status,firstSeenAt,evidence");
    expect(findings.some((l) => l.includes("No owner") && l.includes("critical"))).toBe(true);
    expect(findings.some((l) => l.includes("Wildcard scope"))).toBe(true);
    const manifest = JSON.parse(strFromU8(files["manifest.json"]!)) as {
      audit: { intact: boolean; headHash: string };
      counts: { findings: number };
    };
    expect(manifest.audit.intact).toBe(true);
    expect(manifest.counts.findings).toBe(findings.length - 1);
    expect(JSON.parse(strFromU8(files["posture-policy.json"]!))).toMatchObject({ rotationMaxDays: 90, unusedMaxDays: 90 });
    const controls = strFromU8(files["controls.csv"]!).trim().split("\n");
    expect(controls[0]).toBe("framework,controlId,title,status,failing,checks");
    expect(controls.some((l) => l.startsWith("OWASP NHI,NHI4,") && l.includes(",not evaluated,"))).toBe(true);
    expect(controls.some((l) => /^SP 800-53,AC-2\(3\),.*,(failing|passing),\d+,/.test(l))).toBe(true);

    const recorded = await db.auditEvent.findFirstOrThrow({ where: { action: "posture.export" }, orderBy: { seq: "desc" } });
    expect(recorded.after).toMatchObject({ format: "zip", sha256: `sha256:${pack.sha256}`, bytes: bytes.length });
    const verified = await verifyEvidencePack(db, clock, sha256(bytes));
    expect(verified).toMatchObject({ sha256: pack.sha256, recorded: { seq: recorded.seq.toString() }, chain: { intact: true } });

    // One byte changed: no export recorded it.
    const changed = new Uint8Array(bytes);
    changed[changed.length - 1] = changed[changed.length - 1]! ^ 1;
    expect((await verifyEvidencePack(db, clock, sha256(changed))).recorded).toBeNull();
  });

  it("reads its rows in batches by key: any batch size gives the same rows in the same order", async () => {
    for (let i = 0; i < 4; i += 1) await makeIdentity(db, { tag: "pack", ownerId: null, name: `pack-same-name` });
    await evaluateAll(db, clock, systemActor("system:test"));
    const all = async <T>(batches: AsyncGenerator<T[]>) => {
      const rows: T[] = [];
      for await (const batch of batches) rows.push(...batch);
      return rows;
    };
    const whole = await all(findingBatches(db, clock.now(), 10_000));
    expect(whole.filter((f) => f.identity === "pack-same-name").length).toBeGreaterThanOrEqual(4);
    for (const size of [1, 2, 3]) expect(await all(findingBatches(db, clock.now(), size))).toEqual(whole);
  });

  it("is a PDF that names the controls, the findings and the audit head; members may not export it (recorded)", async () => {
    const pack = await exportEvidencePack({ actor: auditor, db, clock, input: { format: "pdf", asOf: "2026-11-25T09:59:00Z" } });
    expect(pack.filename).toMatch(/^posture-evidence-2026-11-25-.*\.pdf$/);
    const bytes = await pack.read();
    const text = (await new PDFParse({ data: new Uint8Array(bytes) }).getText()).text; // a copy: the parser takes its buffer
    expect(text).toContain("Posture evidence pack");
    expect(text).toContain("AC-2(3)");
    expect(text).toContain("Verified intact");
    expect((await verifyEvidencePack(db, clock, sha256(bytes))).recorded).not.toBeNull();
    await expect(exportEvidencePack({ actor: member, db, clock, input: { format: "pdf" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.auditEvent.count({ where: { action: "posture.export", outcome: "denied", actorId: member.userId } })).toBe(1);
    // A date alone is the end of that day (UTC).
    const dayPack = await exportEvidencePack({ actor: auditor, db, clock, input: { format: "pdf", asOf: "2026-11-24" } });
    await dayPack.read();
    expect(dayPack.filename).toMatch(/^posture-evidence-2026-11-24-/);
    const dayRecord = await db.auditEvent.findFirstOrThrow({ where: { action: "posture.export" }, orderBy: { seq: "desc" } });
    expect(dayRecord.after).toMatchObject({ asOf: "2026-11-24T23:59:59.999Z", sha256: `sha256:${dayPack.sha256}` });
    await expect(exportEvidencePack({ actor: auditor, db, clock, input: { format: "docx" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { format: [expect.stringContaining("zip or pdf")] },
    });
  });
});
