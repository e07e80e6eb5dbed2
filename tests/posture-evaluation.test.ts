import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type UserActor } from "@/lib/domain/authz/actor";
import { CHECKS } from "@/lib/domain/posture/checks";
import { CONTROL_MASKS } from "@/lib/domain/posture/control-masks";
import { controlFindings } from "@/lib/domain/posture/control-findings";
import { getDashboard } from "@/lib/domain/posture/dashboard";
import { decideFinding } from "@/lib/domain/posture/decide-finding";
import { editPosturePolicy } from "@/lib/domain/posture/edit-posture-policy";
import { getPosturePolicy } from "@/lib/domain/posture/get-posture-policy";
import { identityFindings } from "@/lib/domain/posture/identity-findings";
import { drainChanged, evaluateAll } from "@/lib/domain/posture/run-evaluation";
import { refreshCredentialSummary } from "@/lib/domain/registry/credentials/credential-summary";
import { makeUser } from "./helpers/actors";
import { DAY, makeIdentity, movableClock } from "./helpers/reviews";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// The evaluation's life cycle below any page: a full run opens findings (and tells the owner once), unchanged
// findings are not rewritten, a change to an identity is picked up by the database's mark and re-evaluated
// incrementally (resolving what cleared, with no one touching the finding), a resolved finding that comes back is
// re-opened and counted, and IdentityPosture and the day's summary follow.

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-25T09:00:00.000Z");
const system = systemActor("system:job:posture");
let owner: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  owner = await makeUser(db, ["member"]);
});
afterAll(() => database.close());

const findings = (identityId: string) =>
  db.finding.findMany({ where: { identityId }, orderBy: { checkId: "asc" }, select: { checkId: true, status: true, reopenedCount: true } });
const bit = (checkId: string) => 1n << BigInt(CHECKS.findIndex((c) => c.id === checkId));

describe("the posture evaluation", () => {
  it("opens, keeps, resolves incrementally and re-opens findings; tells the owner; keeps IdentityPosture and the day", async () => {
    const stale = await makeIdentity(db, {
      tag: "posture",
      ownerId: owner.userId,
      credential: { issuedAt: new Date(clock.now().getTime() - 400 * DAY), lastUsedAt: new Date(clock.now().getTime() - DAY) },
      scopes: [{ resource: "ledger", level: "read", environment: "production" }],
    });
    const orphan = await makeIdentity(db, { tag: "posture", ownerId: null });
    await db.identity.updateMany({ where: { id: { in: [stale.id, orphan.id] } }, data: { createdAt: new Date("2026-01-01T00:00:00Z") } });

    const first = await evaluateAll(db, clock, system);
    expect(first.opened).toBeGreaterThanOrEqual(2);
    expect((await findings(stale.id)).map((f) => [f.checkId, f.status])).toContainEqual(["not-rotated", "open"]);
    expect((await findings(orphan.id)).map((f) => f.checkId)).toContain("ownerless");
    const posture = await db.identityPosture.findUniqueOrThrow({ where: { identityId: stale.id } });
    expect(posture.openChecks & bit("not-rotated")).not.toBe(0n);
    expect(posture.score).toBeGreaterThan(0);
    const told = await db.outboxEvent.findMany({ where: { type: "finding.opened" } });
    expect(told.map((e) => (e.payload as { recipients: string[] }).recipients)).toEqual([[owner.userId]]);
    expect(told.map((e) => (e.payload as { link: string }).link)).toEqual([`/dashboard/findings?owner=${owner.userId}`]);

    // A second run over a quiet estate rewrites nothing and tells no one again.
    const before = await db.finding.findMany({ select: { id: true, updatedAt: true } });
    clock.advance(60_000);
    const second = await evaluateAll(db, clock, system);
    expect([second.opened, second.reopened, second.resolved]).toEqual([0, 0, 0]);
    expect(await db.finding.findMany({ select: { id: true, updatedAt: true } })).toEqual(before);
    expect(await db.outboxEvent.count({ where: { type: "finding.opened" } })).toBe(1);

    // Rotating the credential (as the console records it: the row, then the identity's credential summary) marks the
    // identity in the database; the incremental run resolves the finding with no one touching it.
    await db.credential.updateMany({ where: { identityId: stale.id }, data: { rotatedAt: clock.now() } });
    await db.$transaction((tx) => refreshCredentialSummary(tx, [stale.id]));
    expect(await db.postureDirty.count({ where: { identityId: stale.id } })).toBe(1);
    const drained = await drainChanged(db, clock);
    expect(drained).toMatchObject({ identities: 1, resolved: 1 });
    expect(await db.postureDirty.count()).toBe(0);
    expect((await findings(stale.id)).find((f) => f.checkId === "not-rotated")).toMatchObject({ status: "resolved" });
    expect((await db.identityPosture.findUniqueOrThrow({ where: { identityId: stale.id } })).openChecks & bit("not-rotated")).toBe(0n);

    // Four hundred days later it is stale again: the full run re-opens the same finding and counts it.
    clock.advance(400 * DAY);
    const later = await evaluateAll(db, clock, system);
    expect(later.reopened).toBeGreaterThanOrEqual(1);
    expect((await findings(stale.id)).find((f) => f.checkId === "not-rotated")).toMatchObject({ status: "open", reopenedCount: 1 });

    // The day's summary counts failing identities per control from the same bits.
    const day = await db.postureDay.findFirstOrThrow({ orderBy: { day: "desc" } });
    const summary = day.summary as { active: number; failing: number; controls: Record<string, number> };
    expect(summary.active).toBe(await db.identity.count({ where: { status: "active" } }));
    const ac2 = CONTROL_MASKS.find((c) => c.framework === "nist-800-53" && c.controlId === "AC-2(3)")!;
    expect(summary.controls["nist-800-53:AC-2(3)"]).toBe(
      (await db.identityPosture.findMany()).filter((p) => (p.openChecks & ac2.mask) !== 0n).length,
    );
  });
});

describe("a finding's life and the dashboard", () => {
  it("the owner accepts a risk until a date (audited); past the date it reads open and the hourly run records the re-opening", async () => {
    const stranger = await makeUser(db, ["member"]);
    const auditor = await makeUser(db, ["auditor"]);
    const orphanOfOwner = await makeIdentity(db, { tag: "accept", ownerId: owner.userId, scopes: [{ resource: "*", level: "read" }] });
    await drainChanged(db, clock);
    const finding = await db.finding.findUniqueOrThrow({
      where: { identityId_checkId: { identityId: orphanOfOwner.id, checkId: "wildcard-scope" } },
    });
    const until = new Date(clock.now().getTime() + 30 * DAY).toISOString();
    const input = { findingId: finding.id, decision: "accept", reason: "Vendor API needs it until the migration", until };
    await expect(decideFinding({ actor: stranger, db, clock, input })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decideFinding({ actor: owner, db, clock, input: { ...input, until: undefined } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { until: [expect.stringContaining("required")] },
    });
    await expect(
      decideFinding({ actor: owner, db, clock, input: { ...input, until: new Date(clock.now().getTime() + 400 * DAY).toISOString() } }),
    ).rejects.toMatchObject({ fieldErrors: { until: [expect.stringContaining("366 days")] } });
    expect(await decideFinding({ actor: owner, db, clock, input })).toMatchObject({ status: "accepted" });
    const audited = await db.auditEvent.findFirst({ where: { action: "posture.accept", targetId: orphanOfOwner.id, outcome: "allowed" } });
    expect(audited?.after).toMatchObject({ checkId: "wildcard-scope", status: "accepted", until });
    await drainChanged(db, clock);
    expect(
      (await db.identityPosture.findUniqueOrThrow({ where: { identityId: orphanOfOwner.id } })).openChecks & bit("wildcard-scope"),
    ).toBe(0n);
    const seen = await identityFindings({ actor: auditor, db, clock, input: { identityId: orphanOfOwner.id } });
    expect(seen.findings.find((f) => f.checkId === "wildcard-scope")).toMatchObject({ status: "accepted" });
    expect(seen.mayDecide).toBe(false);

    clock.advance(31 * DAY);
    const later = await identityFindings({ actor: owner, db, clock, input: { identityId: orphanOfOwner.id } });
    expect(later.findings.find((f) => f.checkId === "wildcard-scope")).toMatchObject({ status: "open" });
    const run = await evaluateAll(db, clock, system);
    expect(run.acceptancesExpired).toBe(1);
    expect(await db.finding.findUniqueOrThrow({ where: { id: finding.id } })).toMatchObject({ status: "open" });
    expect(await db.auditEvent.count({ where: { action: "posture.evaluate", targetId: orphanOfOwner.id } })).toBe(1);
  });

  it("counts failing identities per control from the posture bits, and drills down to them", async () => {
    const auditor = await makeUser(db, ["auditor"]);
    const board = await getDashboard({ actor: auditor, db, clock, input: { framework: "nist-800-53" } });
    const ac23 = board.controls.find((c) => c.id === "AC-2(3)")!;
    const mask = CONTROL_MASKS.find((c) => c.framework === "nist-800-53" && c.controlId === "AC-2(3)")!.mask;
    const active = new Set((await db.identity.findMany({ where: { status: "active" }, select: { id: true } })).map((i) => i.id));
    const failing = (await db.identityPosture.findMany()).filter((p) => active.has(p.identityId) && (p.openChecks & mask) !== 0n);
    expect(ac23.failing).toBe(failing.length);
    expect(board.active).toBe(active.size);
    const drill = await controlFindings({ actor: auditor, db, clock, input: { framework: "nist-800-53", control: "AC-2(3)" } });
    expect(new Set(drill.identities.map((r) => r.identityId))).toEqual(new Set(failing.map((p) => p.identityId)));
    expect(drill.checks.map((c) => c.id)).toEqual(ac23.checkIds);
    await expect(getDashboard({ actor: auditor, db, clock, input: { framework: "iso" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { framework: [expect.stringContaining("owasp-nhi")] },
    });
    await expect(
      controlFindings({ actor: auditor, db, clock, input: { framework: "nist-800-53", control: "PE-3" } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the posture policy", () => {
  it("is read by everyone, edited by admins only (audited, versioned), and marks every active identity for re-evaluation", async () => {
    const admin = await makeUser(db, ["admin"]);
    const reader = await makeUser(db, ["member"]);
    const policy = await getPosturePolicy({ actor: reader, db, clock, input: {} });
    expect(policy).toMatchObject({ rotationMaxDays: 90, unusedMaxDays: 90, lifetimeMaxDays: 366 });
    expect(policy.usedBy.rotationMaxDays).toEqual(["Credential not rotated within policy"]);
    await expect(
      editPosturePolicy({ actor: reader, db, clock, input: { version: policy.version, rotationMaxDays: 30 } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      editPosturePolicy({ actor: admin, db, clock, input: { version: policy.version, rotationMaxDays: 0 } }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { rotationMaxDays: [expect.stringContaining("at least 1")] },
    });
    await db.postureDirty.deleteMany();
    const edited = await editPosturePolicy({ actor: admin, db, clock, input: { version: policy.version, rotationMaxDays: 30 } });
    expect(edited).toMatchObject({ version: policy.version + 1, rotationMaxDays: 30 });
    expect(await db.postureDirty.count()).toBe(await db.identity.count({ where: { status: "active" } }));
    const audited = await db.auditEvent.findFirstOrThrow({
      where: { action: "posture.policy", outcome: "allowed" },
      orderBy: { seq: "desc" },
    });
    expect([audited.before, audited.after]).toEqual([{ rotationMaxDays: 90 }, { rotationMaxDays: 30 }]);
    await expect(
      editPosturePolicy({ actor: admin, db, clock, input: { version: policy.version, rotationMaxDays: 45 } }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await editPosturePolicy({ actor: admin, db, clock, input: { version: policy.version + 1, rotationMaxDays: 90 } });
    await drainChanged(db, clock);
  });
});
