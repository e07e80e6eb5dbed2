import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/domain/audit/verify-audit-chain";
import { systemActor, type UserActor } from "@/lib/domain/authz/actor";
import { bulkChangeIdentities, MAX_MATCHING } from "@/lib/domain/registry/bulk-change-identities";
import { claimIdentity, undoClaim } from "@/lib/domain/registry/claim-identity";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import { listClaims } from "@/lib/domain/registry/list-claims";
import { listPeople } from "@/lib/domain/registry/list-people";
import { transferOwnedIdentities } from "@/lib/domain/registry/transfer-owned-identities";
import { transferOwnership } from "@/lib/domain/registry/transfer-ownership";
import { updateIdentity } from "@/lib/domain/registry/update-identity";
import type { Clock } from "@/lib/domain/shared/clock";
import { deactivateUser, setUserStatus } from "@/lib/domain/users/set-user-status";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const now = new Date("2026-06-01T12:00:00.000Z");
const clock: Clock = { now: () => now };
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let member: UserActor;
let other: UserActor;
let approver: UserActor;
let auditor: UserActor;
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  member = await makeUser(db, ["member"]);
  other = await makeUser(db, ["member"]);
  approver = await makeUser(db, ["approver"]);
  auditor = await makeUser(db, ["auditor"]);
});
afterAll(() => database.close());

const fields = (extra: Record<string, unknown> = {}) => ({
  name: `owned-${String(++counter).padStart(3, "0")}`,
  kind: "service_account",
  platform: "aws",
  externalId: `owners-test-${counter}`,
  environment: "production",
  purpose: "Runs the nightly jobs",
  ownerId: member.userId,
  tags: "batch",
  ...extra,
});
const create = (extra: Record<string, unknown> = {}) => createIdentity({ actor: admin, db, clock, input: fields(extra) });
/** An identity whose owner left: created owned, then made ownerless as an import of an unknown owner would. */
async function ownerless(extra: Record<string, unknown> = {}) {
  const dto = await create(extra);
  await db.identity.update({ where: { id: dto.id }, data: { ownerId: null } });
  return dto;
}
const run =
  <I>(useCase: (args: { actor: UserActor; db: typeof db; clock: Clock; input: unknown }) => Promise<I>) =>
  (actor: UserActor, input: unknown) =>
    useCase({ actor, db, clock, input });

describe("who may own", () => {
  it("refuses an auditor as owner or backup owner on create, naming the field, and saves nothing", async () => {
    const before = await db.identity.count();
    await expect(create({ ownerId: auditor.userId })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { ownerId: [expect.stringMatching(/is an auditor and cannot own identities/)] },
    });
    await expect(create({ backupOwnerId: auditor.userId })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { backupOwnerId: [expect.stringMatching(/auditor/)] },
    });
    expect(await db.identity.count()).toBe(before);
  });

  it("refuses an auditor in a transfer, single and bulk, and a deactivated person", async () => {
    const dto = await create();
    await expect(run(transferOwnership)(admin, { id: dto.id, ownerId: auditor.userId })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { ownerId: expect.any(Array) },
    });
    await expect(
      run(transferOwnership)(member, { id: dto.id, ownerId: member.userId, backupOwnerId: auditor.userId }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { backupOwnerId: expect.any(Array) },
    });
    await expect(run(transferOwnedIdentities)(admin, { fromUserId: member.userId, toUserId: auditor.userId })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { toUserId: [expect.stringMatching(/auditor/)] },
    });
    const gone = await makeUser(db, ["member"], { status: "deactivated" });
    await expect(run(transferOwnership)(admin, { id: dto.id, ownerId: gone.userId })).rejects.toMatchObject({
      fieldErrors: { ownerId: [expect.stringMatching(/deactivated/)] },
    });
    expect((await db.identity.findUniqueOrThrow({ where: { id: dto.id } })).ownerId).toBe(member.userId);
  });

  it("never changes owners through an edit: ownership moves only by transfer, where eligibility is checked", async () => {
    const dto = await create();
    await run(updateIdentity)(member, { id: dto.id, expectedVersion: dto.version, purpose: "Runs other jobs", ownerId: auditor.userId });
    expect(await db.identity.findUniqueOrThrow({ where: { id: dto.id } })).toMatchObject({
      ownerId: member.userId,
      purpose: "Runs other jobs",
    });
  });

  it("lets an approver named owner make the owner's changes", async () => {
    const dto = await create({ ownerId: approver.userId });
    const edited = await run(updateIdentity)(approver, { id: dto.id, expectedVersion: dto.version, purpose: "Runs the weekly jobs" });
    expect(edited).toMatchObject({ purpose: "Runs the weekly jobs" });
    await run(transferOwnership)(approver, { id: dto.id, ownerId: member.userId });
    expect((await db.identity.findUniqueOrThrow({ where: { id: dto.id } })).ownerId).toBe(member.userId);
  });

  it("offers only people who may own in the owner pickers", async () => {
    const people = await run(listPeople)(member, {});
    const ids = people.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([admin.userId, member.userId, approver.userId]));
    expect(ids).not.toContain(auditor.userId);
  });
});

describe("claiming an identity without an owner", () => {
  it("makes the claimer its owner, audited, and shows the claim to admins", async () => {
    const dto = await ownerless();
    const claimed = await run(claimIdentity)(approver, { id: dto.id });
    expect(claimed.owner?.id).toBe(approver.userId);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "identity.claim", targetId: dto.id } });
    expect(event).toMatchObject({
      outcome: "allowed",
      actorId: approver.userId,
      before: { ownerId: null },
      after: { ownerId: approver.userId },
    });
    const { claims } = await run(listClaims)(admin, {});
    expect(claims[0]).toMatchObject({
      seq: event.seq.toString(),
      identity: { id: dto.id },
      state: "open",
      claimer: { id: approver.userId },
    });
    // Admins only: a member is refused (and the refusal recorded).
    await expect(run(listClaims)(member, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses to claim an owned identity, and an auditor, recording both", async () => {
    const owned = await create();
    await expect(run(claimIdentity)(other, { id: owned.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/already has an owner/),
    });
    const loose = await ownerless();
    await expect(run(claimIdentity)(auditor, { id: loose.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.auditEvent.count({ where: { action: "identity.claim", outcome: "denied", targetId: owned.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "identity.claim", outcome: "denied", actorId: auditor.userId } })).toBe(1);
    expect((await db.identity.findUniqueOrThrow({ where: { id: loose.id } })).ownerId).toBeNull();
  });

  it("lets an admin undo a claim while the claimer still owns it, and refuses it once it moved on", async () => {
    const dto = await ownerless({ backupOwnerId: other.userId });
    await run(claimIdentity)(member, { id: dto.id });
    const claim = await db.auditEvent.findFirstOrThrow({ where: { action: "identity.claim", targetId: dto.id } });
    await expect(run(undoClaim)(member, { id: dto.id, claimSeq: claim.seq.toString() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await run(undoClaim)(admin, { id: dto.id, claimSeq: claim.seq.toString() });
    expect(await db.identity.findUniqueOrThrow({ where: { id: dto.id } })).toMatchObject({ ownerId: null, backupOwnerId: other.userId });
    await expect(run(undoClaim)(admin, { id: dto.id, claimSeq: claim.seq.toString() })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already undone/),
    });
    const page = await run(listClaims)(admin, {});
    expect(page.claims.find((c) => c.seq === claim.seq.toString())?.state).toBe("undone");

    // Claimed again, then handed on: undoing would take it from its new owner.
    await run(claimIdentity)(other, { id: dto.id });
    const second = await db.auditEvent.findFirstOrThrow({
      where: { action: "identity.claim", targetId: dto.id },
      orderBy: { seq: "desc" },
    });
    await run(transferOwnership)(other, { id: dto.id, ownerId: approver.userId });
    await expect(run(undoClaim)(admin, { id: dto.id, claimSeq: second.seq.toString() })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/no longer owned by .* Transfer it instead/),
    });
    expect((await db.identity.findUniqueOrThrow({ where: { id: dto.id } })).ownerId).toBe(approver.userId);
    // A claim of another identity cannot be used to undo this one.
    await expect(run(undoClaim)(admin, { id: (await create()).id, claimSeq: second.seq.toString() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("pages recent claims newest first", async () => {
    for (let i = 0; i < 3; i += 1) await run(claimIdentity)(member, { id: (await ownerless()).id });
    const first = await run(listClaims)(admin, { pageSize: 2 });
    expect(first.claims).toHaveLength(2);
    expect(first.nextBefore).toBe(first.claims[1]!.seq);
    const second = await run(listClaims)(admin, { pageSize: 2, before: first.nextBefore });
    expect(BigInt(second.claims[0]!.seq)).toBeLessThan(BigInt(first.claims[1]!.seq));
  });
});

describe("bulk changes", () => {
  const team = () => `team-${++counter}`;

  it("previews exactly what it then applies, with one audit event per identity", async () => {
    const tag = `bulk-${++counter}`;
    const ids = [];
    for (let i = 0; i < 4; i += 1) ids.push((await create({ tags: tag })).id);
    const input = { filter: { tag }, op: "assignTeam", team: team() };
    const eventsBefore = await db.auditEvent.count();
    const preview = await run(bulkChangeIdentities)(admin, { ...input, dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, matched: 4, changed: 4, refused: 0 });
    expect(preview.changes[0]).toMatchObject({ before: "no team", after: input.team });
    // The preview changed nothing and recorded nothing.
    expect(await db.auditEvent.count()).toBe(eventsBefore);
    expect(await db.identity.count({ where: { team: input.team } })).toBe(0);

    const applied = await run(bulkChangeIdentities)(admin, input);
    expect({ ...applied, dryRun: true }).toEqual(preview);
    expect(await db.identity.count({ where: { team: input.team, id: { in: ids } } })).toBe(4);
    const events = await db.auditEvent.findMany({ where: { targetId: { in: ids }, action: "identity.update" } });
    expect(events).toHaveLength(4);
    expect(events[0]).toMatchObject({ outcome: "allowed", before: { team: null }, after: { team: input.team } });
    // The team is now the person's: an import leaves it alone.
    expect((await db.identity.findUniqueOrThrow({ where: { id: ids[0]! } })).pinnedFields).toContain("team");

    // Again: nothing to do.
    expect(await run(bulkChangeIdentities)(admin, input)).toMatchObject({ changed: 0, unchanged: 4 });
    expect((await verifyAuditChain({ actor: systemActor("test"), db, clock })).intact).toBe(true);
  });

  it("lets a member change only what they own or back up: the rest is refused, reported and recorded", async () => {
    const mine = await create();
    const backedUp = await create({ ownerId: other.userId, backupOwnerId: member.userId });
    const theirs = await create({ ownerId: other.userId });
    const ids = [mine.id, backedUp.id, theirs.id];
    const result = await run(bulkChangeIdentities)(member, { ids, op: "suspend", reason: "paused for the audit" });
    expect(result).toMatchObject({
      matched: 3,
      changed: 2,
      refused: 1,
      refusals: [{ id: theirs.id, reason: expect.stringMatching(/owner/) }],
    });
    const statuses = await db.identity.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } });
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [mine.id]: "suspended",
      [backedUp.id]: "suspended",
      [theirs.id]: "active",
    });
    expect(await db.auditEvent.count({ where: { targetId: theirs.id, action: "identity.setStatus", outcome: "denied" } })).toBe(1);
    const allowed = await db.auditEvent.findMany({ where: { targetId: { in: ids }, action: "identity.setStatus", outcome: "allowed" } });
    expect(allowed.map((e) => e.reason)).toEqual(["paused for the audit", "paused for the audit"]);

    // A backup owner may not hand an identity on: assigning the owner is refused for it.
    const handOn = await run(bulkChangeIdentities)(member, { ids: [mine.id, backedUp.id], op: "assignOwner", ownerId: approver.userId });
    expect(handOn).toMatchObject({ changed: 1, refused: 1, refusals: [{ id: backedUp.id }] });
  });

  it("adds and removes tags, assigns owners and backup owners, decommissions, and refuses an auditor as owner", async () => {
    const tag = `set-${++counter}`;
    const a = await create({ tags: `${tag}, keep` });
    const b = await create({ tags: tag, backupOwnerId: other.userId });
    const ids = [a.id, b.id];
    await run(bulkChangeIdentities)(admin, { ids, op: "addTags", tags: "extra, keep" });
    await run(bulkChangeIdentities)(admin, { ids, op: "removeTags", tags: ["keep"] });
    const tags = await db.identity.findMany({ where: { id: { in: ids } }, orderBy: { name: "asc" }, select: { tags: true } });
    expect(tags.map((t) => t.tags)).toEqual([["extra", tag].sort(), ["extra", tag].sort()]);
    await expect(run(bulkChangeIdentities)(admin, { ids, op: "assignOwner", ownerId: auditor.userId })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { ownerId: [expect.stringMatching(/auditor/)] },
    });
    await expect(run(bulkChangeIdentities)(admin, { ids, op: "assignBackupOwner", backupOwnerId: auditor.userId })).rejects.toMatchObject({
      fieldErrors: { backupOwnerId: expect.any(Array) },
    });
    // The new owner was b's backup: b loses its backup (nobody backs up their own identity).
    const owners = await run(bulkChangeIdentities)(admin, { ids, op: "assignOwner", ownerId: other.userId });
    expect(owners.changed).toBe(2);
    expect(await db.identity.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ ownerId: other.userId, backupOwnerId: null });
    // The owner cannot be their own backup: skipped, with the reason.
    const backups = await run(bulkChangeIdentities)(admin, { ids, op: "assignBackupOwner", backupOwnerId: other.userId });
    expect(backups).toMatchObject({ changed: 0, skipped: 2, skips: [{ reason: expect.stringMatching(/owns it/) }, expect.anything()] });
    const decommissioned = await run(bulkChangeIdentities)(admin, { ids, op: "decommission", reason: "retired service" });
    expect(decommissioned.changes.map((c) => [c.before, c.after])).toEqual([
      ["active", "decommissioned"],
      ["active", "decommissioned"],
    ]);
  });

  it("names what is wrong with the request", async () => {
    await expect(run(bulkChangeIdentities)(admin, { op: "assignTeam", team: "x" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { ids: expect.any(Array) },
    });
    await expect(run(bulkChangeIdentities)(admin, { ids: [], op: "suspend" })).rejects.toMatchObject({
      fieldErrors: { ids: expect.any(Array), reason: expect.any(Array) },
    });
    await expect(run(bulkChangeIdentities)(auditor, { filter: {}, op: "assignTeam", team: "x" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(MAX_MATCHING).toBeGreaterThan(1000);
  });
});

describe("deactivating an owner", () => {
  it("hands their identities on in the same step: one event per identity and the deactivation", async () => {
    const leaver = await makeUser(db, ["member"]);
    const owned = [await create({ ownerId: leaver.userId }), await create({ ownerId: leaver.userId })];
    const backed = await create({ ownerId: other.userId, backupOwnerId: leaver.userId });
    const result = await run(setUserStatus)(admin, { userId: leaver.userId, status: "deactivated", transferToUserId: approver.userId });
    expect(result).toMatchObject({ status: "deactivated", moved: { owner: 2, backupOwner: 1 } });
    expect(await db.identity.count({ where: { ownerId: approver.userId, id: { in: owned.map((o) => o.id) } } })).toBe(2);
    expect((await db.identity.findUniqueOrThrow({ where: { id: backed.id } })).backupOwnerId).toBe(approver.userId);
    const events = await db.auditEvent.findMany({
      where: {
        OR: [{ targetId: leaver.userId }, { targetId: { in: [...owned.map((o) => o.id), backed.id] }, action: "identity.transfer" }],
      },
    });
    expect(events.map((e) => e.action).sort()).toEqual(["identity.transfer", "identity.transfer", "identity.transfer", "user.deactivate"]);
    expect(new Set(events.map((e) => e.at.toISOString())).size).toBe(1);
  });

  it("changes nothing when the hand-over is refused: the deactivation and the transfer are one", async () => {
    const leaver = await makeUser(db, ["member"]);
    const owned = await create({ ownerId: leaver.userId });
    await expect(run(deactivateUser)(admin, { userId: leaver.userId, transferToUserId: auditor.userId })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { transferToUserId: [expect.stringMatching(/auditor/)] },
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: leaver.userId } })).toMatchObject({ status: "active" });
    expect((await db.identity.findUniqueOrThrow({ where: { id: owned.id } })).ownerId).toBe(leaver.userId);
    // Deactivating without a hand-over still works: the identities keep a deactivated owner.
    await run(deactivateUser)(admin, { userId: leaver.userId });
    expect((await db.identity.findUniqueOrThrow({ where: { id: owned.id } })).ownerId).toBe(leaver.userId);
  });
});
