import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/domain/audit/verify-audit-chain";
import { systemActor, type UserActor } from "@/lib/domain/authz/actor";
import { addEntitlement } from "@/lib/domain/registry/add-entitlement";
import { changeEntitlement } from "@/lib/domain/registry/change-entitlement";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import { getIdentity } from "@/lib/domain/registry/get-identity";
import { listIdentities } from "@/lib/domain/registry/list-identities";
import { recordRotation } from "@/lib/domain/registry/record-rotation";
import { setIdentityStatus } from "@/lib/domain/registry/set-identity-status";
import { transferOwnedIdentities } from "@/lib/domain/registry/transfer-owned-identities";
import { transferOwnership } from "@/lib/domain/registry/transfer-ownership";
import { updateIdentity } from "@/lib/domain/registry/update-identity";
import type { Clock } from "@/lib/domain/shared/clock";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const now = new Date("2026-06-01T12:00:00.000Z");
const clock: Clock = { now: () => now };
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let owner: UserActor;
let stranger: UserActor;
let auditor: UserActor;
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  owner = await makeUser(db, ["member"]);
  stranger = await makeUser(db, ["member"]);
  auditor = await makeUser(db, ["auditor"]);
});
afterAll(() => database.close());

const fields = (extra: Record<string, unknown> = {}) => ({
  name: `ci-deployer-${++counter}`,
  kind: "service_account",
  platform: "AWS",
  externalId: `arn:aws:iam::123456789012:user/ci-deployer-${counter}`,
  environment: "production",
  purpose: "Deploys the payments service from CI",
  ownerId: owner.userId,
  tags: "payments, ci",
  credentialType: "static_secret",
  credentialIssuedAt: "2026-01-01",
  credentialExpiresAt: "2026-06-20",
  ...extra,
});
const create = (actor: UserActor, extra: Record<string, unknown> = {}) => createIdentity({ actor, db, clock, input: fields(extra) });

describe("creating identities", () => {
  it("registers an identity with normalized fields and an audit event with the values", async () => {
    const dto = await create(owner);
    expect(dto).toMatchObject({
      platform: "aws",
      tags: ["ci", "payments"],
      owner: { id: owner.userId },
      credentialExpiresAt: "2026-06-20T00:00:00.000Z",
      version: 1,
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: dto.id } });
    expect(event).toMatchObject({ action: "identity.create", outcome: "allowed", actorId: owner.userId });
    expect((event.after as { purpose: string }).purpose).toBe("Deploys the payments service from CI");
  });

  it("requires a named owner and names every bad field", async () => {
    await expect(create(admin, { ownerId: "", kind: "robot", environment: "prod", name: "" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        ownerId: [expect.stringMatching(/named owner/)],
        kind: [expect.stringMatching(/kind must be one of/)],
        environment: expect.any(Array),
        name: ["name is required"],
      },
    });
  });

  it("refuses a credential-looking value in any field and saves nothing", async () => {
    const before = await db.identity.count();
    for (const extra of [
      { purpose: "key AKIAIOSFODNN7EXAMPLE" },
      { name: "ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz12" },
      { tags: ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"] },
    ]) {
      await expect(create(owner, extra)).rejects.toMatchObject({
        code: "VALIDATION",
        message: expect.stringMatching(/never the secret itself/),
      });
    }
    expect(await db.identity.count()).toBe(before);
  });

  it("refuses an owner creating an identity owned by someone else, and audits the refusal", async () => {
    await expect(create(owner, { ownerId: stranger.userId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.auditEvent.count({ where: { actorId: owner.userId, action: "identity.create", outcome: "denied" } })).toBe(1);
  });

  it("refuses a duplicate external id on the same platform", async () => {
    const dto = await create(owner);
    await expect(create(owner, { externalId: dto.externalId })).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { externalId: expect.any(Array) },
    });
  });
});

describe("changing identities", () => {
  it("lets the owner edit, refuses a stranger on the server, and audits both", async () => {
    const dto = await create(owner);
    const edited = await updateIdentity({
      actor: owner,
      db,
      clock,
      input: { ...fields(), id: dto.id, name: dto.name, externalId: dto.externalId, purpose: "Deploys payments", expectedVersion: 1 },
    });
    expect(edited).toMatchObject({ purpose: "Deploys payments", version: 2 });
    await expect(
      updateIdentity({
        actor: stranger,
        db,
        clock,
        input: { ...fields(), id: dto.id, name: "hijack", externalId: dto.externalId, expectedVersion: 2 },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await db.identity.findUniqueOrThrow({ where: { id: dto.id } })).name).toBe(dto.name);
    const denied = await db.auditEvent.findFirstOrThrow({ where: { targetId: dto.id, outcome: "denied" } });
    expect(denied).toMatchObject({
      actorId: stranger.userId,
      action: "identity.update",
      reason: expect.stringMatching(/only the identity's owner/),
    });
    await expect(
      updateIdentity({ actor: auditor, db, clock, input: { ...fields(), id: dto.id, expectedVersion: 2 } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("changes only what was sent: an edit of the purpose leaves every other field, to the millisecond, as stored", async () => {
    const dto = await create(owner, {
      credentialIssuedAt: "2025-03-04T05:06:07.089Z",
      credentialRotatedAt: "2026-01-02T03:04:05.678Z",
      lastUsedAt: "2026-05-30T23:59:58.999Z",
      team: "payments",
      vendor: "Acme",
    });
    const stored = await db.identity.findUniqueOrThrow({ where: { id: dto.id } });
    const storedCredentials = await db.credential.findMany({ where: { identityId: dto.id } });
    expect(stored.pinnedFields).toEqual(["backupOwnerId", "environment", "kind", "ownerId", "purpose"]);
    expect(storedCredentials).toHaveLength(1);
    await updateIdentity({ actor: owner, db, clock, input: { id: dto.id, expectedVersion: 1, purpose: "Deploys the ledger service" } });
    const after = await db.identity.findUniqueOrThrow({ where: { id: dto.id } });
    expect(await db.credential.findMany({ where: { identityId: dto.id } })).toEqual(storedCredentials);
    expect(after).toEqual({
      ...stored,
      purpose: "Deploys the ledger service",
      // Registered by a person: kind, environment, purpose and owners are theirs; a later import leaves them alone.
      pinnedFields: stored.pinnedFields,
      search: expect.any(String),
      version: 2,
      updatedAt: expect.any(Date),
    });
    expect(after.credentialRotatedAt?.toISOString()).toBe("2026-01-02T03:04:05.678Z");
    const event = await db.auditEvent.findFirstOrThrow({
      where: { targetId: dto.id, action: "identity.update" },
      orderBy: { seq: "desc" },
    });
    expect(event.before).toEqual({ purpose: "Deploys the payments service from CI" });
    expect(event.after).toEqual({ purpose: "Deploys the ledger service" });
  });

  it("records nothing and bumps nothing when a save changes no value", async () => {
    const dto = await create(owner);
    const saved = await updateIdentity({
      actor: owner,
      db,
      clock,
      input: { id: dto.id, expectedVersion: 1, purpose: dto.purpose, team: dto.team },
    });
    expect(saved.version).toBe(1);
    expect(await db.auditEvent.count({ where: { targetId: dto.id, action: "identity.update" } })).toBe(0);
  });

  it("refuses the second of two concurrent edits, naming what the first changed", async () => {
    const dto = await create(owner);
    const original = { purpose: dto.purpose, team: null, environment: "production" };
    const base = { ...fields(), id: dto.id, name: dto.name, externalId: dto.externalId, expectedVersion: 1, original };
    await updateIdentity({ actor: owner, db, clock, input: { ...base, purpose: "First editor's purpose", team: "payments" } });
    await expect(updateIdentity({ actor: admin, db, clock, input: { ...base, environment: "staging" } })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/they changed purpose, team/),
    });
    expect((await db.identity.findUniqueOrThrow({ where: { id: dto.id } })).environment).toBe("production");
  });

  it("suspends, decommissions and reactivates with a reason", async () => {
    const dto = await create(owner);
    await setIdentityStatus({ actor: owner, db, clock, input: { id: dto.id, status: "suspended", reason: "investigating" } });
    await setIdentityStatus({ actor: admin, db, clock, input: { id: dto.id, status: "decommissioned", reason: "service retired" } });
    const back = await setIdentityStatus({ actor: owner, db, clock, input: { id: dto.id, status: "active", reason: "restored" } });
    expect(back.status).toBe("active");
    await expect(
      setIdentityStatus({ actor: owner, db, clock, input: { id: dto.id, status: "active", reason: "again" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(setIdentityStatus({ actor: owner, db, clock, input: { id: dto.id, status: "suspended" } })).rejects.toMatchObject({
      fieldErrors: { reason: expect.any(Array) },
    });
  });

  it("records a rotation and a new expiry, and refuses one in the future", async () => {
    const dto = await create(owner);
    const rotated = await recordRotation({ actor: owner, db, clock, input: { id: dto.id, expiresAt: "2026-09-01" } });
    expect(rotated).toMatchObject({ credentialRotatedAt: now.toISOString(), credentialExpiresAt: "2026-09-01T00:00:00.000Z" });
    await expect(recordRotation({ actor: owner, db, clock, input: { id: dto.id, rotatedAt: "2027-01-01" } })).rejects.toMatchObject({
      fieldErrors: { rotatedAt: expect.any(Array) },
    });
  });

  it("adds, changes and removes scopes, each in the history", async () => {
    const dto = await create(owner);
    const scope = await addEntitlement({
      actor: owner,
      db,
      clock,
      input: { identityId: dto.id, resource: "s3://payments-artifacts", action: "s3:PutObject", level: "write", environment: "production" },
    });
    await expect(
      addEntitlement({
        actor: owner,
        db,
        clock,
        input: {
          identityId: dto.id,
          resource: "s3://payments-artifacts",
          action: "s3:PutObject",
          level: "admin",
          environment: "production",
        },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await changeEntitlement({ actor: owner, db, clock, input: { entitlementId: scope.id, level: "read" } });
    await addEntitlement({ actor: owner, db, clock, input: { identityId: dto.id, resource: "*", action: "*", level: "admin" } });
    await changeEntitlement({ actor: owner, db, clock, input: { entitlementId: scope.id, level: null } });
    await expect(
      addEntitlement({ actor: stranger, db, clock, input: { identityId: dto.id, resource: "x", action: "y", level: "read" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const detail = await getIdentity({ actor: auditor, db, clock, input: { id: dto.id } });
    expect(detail.entitlements.map((e) => [e.resource, e.level])).toEqual([["*", "admin"]]);
    expect(detail.history.kind === "audit" && detail.history.events.filter((e) => e.outcome === "allowed").map((e) => e.reason)).toEqual([
      "scope removed",
      "scope added",
      "scope level changed",
      "scope added",
      null,
    ]);
    expect(detail.canEdit).toBe(false);
    expect((await getIdentity({ actor: owner, db, clock, input: { id: dto.id } })).canEdit).toBe(true);
  });
});

describe("ownership", () => {
  it("transfers one identity, and all of a departed owner's identities at once", async () => {
    const departing = await makeUser(db, ["member"]);
    const heir = await makeUser(db, ["member"]);
    const a = await create(admin, { ownerId: departing.userId });
    const b = await create(admin, { ownerId: departing.userId, backupOwnerId: heir.userId });
    const c = await create(admin, { ownerId: owner.userId, backupOwnerId: departing.userId });
    const moved = await transferOwnership({ actor: departing, db, clock, input: { id: a.id, ownerId: owner.userId } });
    expect(moved.owner?.id).toBe(owner.userId);

    const dry = await transferOwnedIdentities({
      actor: admin,
      db,
      clock,
      input: { fromUserId: departing.userId, toUserId: heir.userId, dryRun: true },
    });
    expect(dry).toEqual({
      owner: 1,
      backupOwner: 1,
      dryRun: true,
      identities: [
        { id: b.id, name: b.name, as: "owner" },
        { id: c.id, name: c.name, as: "backupOwner" },
      ],
    });
    await transferOwnedIdentities({ actor: admin, db, clock, input: { fromUserId: departing.userId, toUserId: heir.userId } });
    const [bAfter, cAfter] = await Promise.all([
      db.identity.findUniqueOrThrow({ where: { id: b.id } }),
      db.identity.findUniqueOrThrow({ where: { id: c.id } }),
    ]);
    expect([bAfter.ownerId, bAfter.backupOwnerId]).toEqual([heir.userId, null]);
    expect([cAfter.ownerId, cAfter.backupOwnerId]).toEqual([owner.userId, heir.userId]);
    expect(await db.identity.count({ where: { OR: [{ ownerId: departing.userId }, { backupOwnerId: departing.userId }] } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "identity.transfer", reason: { startsWith: "bulk transfer" } } })).toBe(2);
    await expect(
      transferOwnedIdentities({ actor: owner, db, clock, input: { fromUserId: departing.userId, toUserId: owner.userId } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await verifyAuditChain({ actor: systemActor("t"), db, clock })).intact).toBe(true);
  });
});

describe("listing the registry", () => {
  it("searches, filters, sorts and paginates on the server", async () => {
    const tagged = await create(owner, {
      name: "zz-unique-search-target",
      tags: ["needle"],
      environment: "staging",
      credentialExpiresAt: "2026-06-05",
    });
    await create(owner, { name: "zz-expired-one", credentialExpiresAt: "2026-05-01" });
    const page = (input: Record<string, unknown>) => listIdentities({ actor: auditor, db, clock, input });
    expect((await page({ q: "UNIQUE-SEARCH" })).identities.map((i) => i.id)).toEqual([tagged.id]);
    expect((await page({ tag: "needle" })).total).toBe(1);
    expect((await page({ environment: "staging", expiringWithinDays: "7" })).identities.map((i) => i.name)).toEqual([
      "zz-unique-search-target",
    ]);
    expect((await page({ expired: "1", q: "zz-" })).identities.map((i) => i.name)).toEqual(["zz-expired-one"]);
    expect((await page({ q: owner.email })).total).toBeGreaterThan(2);
    expect((await page({ q: "IAM::123456789012:user/ci-deployer-1" })).identities.map((i) => i.externalId)).toContain(
      "arn:aws:iam::123456789012:user/ci-deployer-1",
    );
    const renamed = await updateIdentity({
      actor: owner,
      db,
      clock,
      input: {
        ...fields(),
        id: tagged.id,
        name: tagged.name,
        externalId: tagged.externalId,
        purpose: "Rotates the Quasar keys",
        expectedVersion: 1,
      },
    });
    expect((await page({ q: "quasar keys" })).identities.map((i) => i.id)).toEqual([renamed.id]);
    const sorted = await page({ sort: "name", dir: "desc", pageSize: "3" });
    expect(sorted.identities[0]!.name).toBe("zz-unique-search-target");
    expect(sorted.identities).toHaveLength(3);
    const second = await page({ sort: "name", dir: "desc", pageSize: "3", page: "2" });
    expect(second.identities.map((i) => i.id)).not.toContain(sorted.identities[2]!.id);
    await expect(page({ sort: "secret" })).rejects.toMatchObject({ fieldErrors: { sort: expect.any(Array) } });
  });
});
