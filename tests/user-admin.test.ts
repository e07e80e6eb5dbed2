import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/domain/audit/verify-audit-chain";
import { NO_REQUEST, systemActor } from "@/lib/domain/authz/actor";
import { fixedClock } from "@/lib/domain/shared/clock";
import { createLocalUser } from "@/lib/domain/users/create-local-user";
import { listUsers } from "@/lib/domain/users/list-users";
import { resolveActor } from "@/lib/domain/users/resolve-actor";
import { setUserRoles } from "@/lib/domain/users/set-user-roles";
import { deactivateUser, reactivateUser } from "@/lib/domain/users/set-user-status";
import { startSession } from "@/lib/domain/users/start-session";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const clock = fixedClock("2026-04-01T08:00:00.000Z");
let database: TestDatabase;
let db: TestDatabase["prisma"];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
});
afterAll(() => database.close());

const events = (where: object) => db.auditEvent.findMany({ where, orderBy: { seq: "asc" } });
const limits = { maxAgeMs: 8 * 3600_000, idleMs: 3600_000 };
const signedIn = async (userId: string) => ({ userId, sessionId: (await startSession({ db, clock, limits, userId })).sessionId });
const resolve = (claims: { userId: string; sessionId: string }) => resolveActor({ db, clock, limits, claims, request: NO_REQUEST });

describe("assigning roles", () => {
  it("refuses to make someone who holds identities an auditor only, naming how many; allowed once they hold none", async () => {
    const admin = await makeUser(db, ["admin"]);
    const holder = await makeUser(db, ["member"]);
    await db.identity.create({
      data: {
        name: "roles-holder",
        kind: "bot",
        platform: "slack",
        externalId: `roles-${holder.userId}`,
        environment: "test",
        purpose: "Posts",
        backupOwnerId: holder.userId,
      },
    });
    await expect(setUserRoles({ actor: admin, db, clock, input: { userId: holder.userId, roles: ["auditor"] } })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/owns or backs up 1 identity/),
      fieldErrors: { roles: [expect.stringMatching(/keep admin, approver or member/)] },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: holder.userId } })).roles).toEqual(["member"]);
    await db.identity.updateMany({ where: { backupOwnerId: holder.userId }, data: { backupOwnerId: null } });
    await setUserRoles({ actor: admin, db, clock, input: { userId: holder.userId, roles: ["auditor"] } });
    expect((await db.user.findUniqueOrThrow({ where: { id: holder.userId } })).roles).toEqual(["auditor"]);
  });

  it("changes roles and records before and after in the same transaction", async () => {
    const admin = await makeUser(db, ["admin"]);
    const target = await makeUser(db, ["member"]);
    const dto = await setUserRoles({ actor: admin, db, clock, input: { userId: target.userId, roles: ["member", "approver", "member"] } });
    expect(dto.roles).toEqual(["approver", "member"]);
    const [event] = await events({ action: "user.setRoles", targetId: target.userId });
    expect(event).toMatchObject({
      outcome: "allowed",
      actorId: admin.userId,
      before: { roles: ["member"] },
      after: { roles: ["approver", "member"] },
      ip: "127.0.0.1",
    });
    expect(event!.at.toISOString()).toBe("2026-04-01T08:00:00.000Z");
  });

  it("refuses a non-admin on the server and records the refusal, changing nothing", async () => {
    const auditor = await makeUser(db, ["auditor"]);
    const target = await makeUser(db, ["member"]);
    await expect(setUserRoles({ actor: auditor, db, clock, input: { userId: target.userId, roles: ["admin"] } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: target.userId } })).roles).toEqual(["member"]);
    const [event] = await events({ action: "user.setRoles", targetId: target.userId });
    expect(event).toMatchObject({
      outcome: "denied",
      actorLabel: auditor.email,
      reason: expect.stringMatching(/requires one of the roles admin/),
    });
  });

  it("names the field for bad input and saves nothing", async () => {
    const admin = await makeUser(db, ["admin"]);
    const target = await makeUser(db, ["member"]);
    await expect(setUserRoles({ actor: admin, db, clock, input: { userId: target.userId, roles: ["root"] } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { "roles.0": [expect.stringMatching(/roles must be among/)] },
    });
    await expect(setUserRoles({ actor: admin, db, clock, input: { userId: target.userId, roles: [] } })).rejects.toMatchObject({
      fieldErrors: { roles: [expect.stringMatching(/at least one role/)] },
    });
    await expect(setUserRoles({ actor: admin, db, clock, input: { userId: "nope", roles: ["member"] } })).rejects.toMatchObject({
      fieldErrors: { userId: expect.any(Array) },
    });
    expect(await events({ targetId: target.userId })).toEqual([]);
  });

  it("refuses a save based on stale roles instead of overwriting", async () => {
    const admin = await makeUser(db, ["admin"]);
    const target = await makeUser(db, ["member"]);
    await setUserRoles({ actor: admin, db, clock, input: { userId: target.userId, roles: ["approver"], expectedRoles: ["member"] } });
    await expect(
      setUserRoles({ actor: admin, db, clock, input: { userId: target.userId, roles: ["auditor"], expectedRoles: ["member"] } }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/roles now: approver/),
    });
  });

  it("answers NOT_FOUND for an unknown user to an admin, and FORBIDDEN to anyone else", async () => {
    const unknown = { userId: "00000000-0000-4000-8000-000000000000", roles: ["member"] };
    const admin = await makeUser(db, ["admin"]);
    await expect(setUserRoles({ actor: admin, db, clock, input: unknown })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const approver = await makeUser(db, ["approver"]);
    await expect(setUserRoles({ actor: approver, db, clock, input: unknown })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await events({ actorId: approver.userId, outcome: "denied" })).toHaveLength(1);
  });
});

describe("the last admin", () => {
  it("cannot be demoted or deactivated, and both refusals are audited", async () => {
    const isolated = await createTestDatabase();
    try {
      const only = await makeUser(isolated.prisma, ["admin"]);
      const other = await makeUser(isolated.prisma, ["admin"]);
      await deactivateUser({ actor: only, db: isolated.prisma, clock, input: { userId: other.userId } });
      await expect(
        setUserRoles({ actor: only, db: isolated.prisma, clock, input: { userId: only.userId, roles: ["member"] } }),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringMatching(/last active admin cannot be demoted/),
      });
      await expect(deactivateUser({ actor: only, db: isolated.prisma, clock, input: { userId: only.userId } })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      expect((await isolated.prisma.user.findUniqueOrThrow({ where: { id: only.userId } })).roles).toEqual(["admin"]);
      const denied = await isolated.prisma.auditEvent.count({ where: { outcome: "denied" } });
      expect(denied).toBe(2);
    } finally {
      await isolated.close();
    }
  });

  it("survives two admins demoting each other at the same moment", async () => {
    const isolated = await createTestDatabase();
    try {
      const a = await makeUser(isolated.prisma, ["admin"]);
      const b = await makeUser(isolated.prisma, ["admin"]);
      const results = await Promise.allSettled([
        setUserRoles({ actor: a, db: isolated.prisma, clock, input: { userId: b.userId, roles: ["member"] } }),
        setUserRoles({ actor: b, db: isolated.prisma, clock, input: { userId: a.userId, roles: ["member"] } }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await isolated.prisma.user.count({ where: { roles: { has: "admin" } } })).toBe(1);
      expect((await verifyAuditChain({ actor: systemActor("t"), db: isolated.prisma, clock })).intact).toBe(true);
    } finally {
      await isolated.close();
    }
  });
});

describe("deactivation", () => {
  it("ends access and every session at the next request; reactivation lets the user sign in again", async () => {
    const admin = await makeUser(db, ["admin"]);
    const owner = await makeUser(db, ["member"]);
    const before = await signedIn(owner.userId);
    expect(await resolve(before)).toMatchObject({ userId: owner.userId, roles: ["member"] });
    await deactivateUser({ actor: admin, db, clock, input: { userId: owner.userId } });
    expect(await resolve(before)).toBeNull();
    await reactivateUser({ actor: admin, db, clock, input: { userId: owner.userId } });
    expect(await resolve(before)).toBeNull();
    expect(await resolve(await signedIn(owner.userId))).not.toBeNull();
    const actions = (await events({ targetId: owner.userId })).map((e) => [e.action, (e.after as { status: string }).status]);
    expect(actions).toEqual([
      ["user.deactivate", "deactivated"],
      ["user.reactivate", "active"],
    ]);
  });

  it("refuses an admin deactivating themself", async () => {
    const admin = await makeUser(db, ["admin"]);
    await expect(deactivateUser({ actor: admin, db, clock, input: { userId: admin.userId } })).rejects.toMatchObject({
      message: expect.stringMatching(/your own account/),
    });
  });

  it("applies a role change at the next request, ending the sessions issued under the old roles", async () => {
    const admin = await makeUser(db, ["admin"]);
    const user = await makeUser(db, ["member"]);
    const before = await signedIn(user.userId);
    await setUserRoles({ actor: admin, db, clock, input: { userId: user.userId, roles: ["auditor"] } });
    expect(await resolve(before)).toBeNull();
    expect((await resolve(await signedIn(user.userId)))?.roles).toEqual(["auditor"]);
  });
});

describe("listing users", () => {
  it("filters by role, status and text and paginates on the server", async () => {
    const auditor = await makeUser(db, ["auditor"]);
    await makeUser(db, ["approver"], { email: "zz-approver-find-me@test.local" });
    const found = await listUsers({ actor: auditor, db, clock, input: { q: "FIND-ME", role: "approver" } });
    expect(found.users.map((u) => u.email)).toEqual(["zz-approver-find-me@test.local"]);
    const page = await listUsers({ actor: auditor, db, clock, input: { pageSize: "2", page: "2" } });
    expect(page.users).toHaveLength(2);
    expect(page.total).toBeGreaterThan(4);
    const owner = await makeUser(db, ["member"]);
    await expect(listUsers({ actor: owner, db, clock, input: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("adding a local user", () => {
  it("creates the account with a hashed password and audits it without the password", async () => {
    const admin = await makeUser(db, ["admin"]);
    const dto = await createLocalUser({
      actor: admin,
      db,
      clock,
      input: { email: " New.Person@Test.local ", name: "New Person", roles: ["member"], password: "a-long-enough-pass" },
    });
    expect(dto).toMatchObject({ email: "new.person@test.local", roles: ["member"], authSource: "local", status: "active" });
    const stored = await db.user.findUniqueOrThrow({ where: { id: dto.id } });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    const [event] = await events({ action: "user.create", targetId: dto.id });
    expect(JSON.stringify({ ...event, seq: String(event!.seq) })).not.toContain("a-long-enough-pass");
  });

  it("names each bad field, refuses duplicates and non-admins", async () => {
    const admin = await makeUser(db, ["admin"]);
    await expect(
      createLocalUser({ actor: admin, db, clock, input: { email: "nope", name: "", roles: [], password: "short" } }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        email: expect.any(Array),
        name: ["name is required"],
        roles: ["choose at least one role"],
        password: ["password must be at least 12 characters"],
      },
    });
    await expect(
      createLocalUser({
        actor: admin,
        db,
        clock,
        input: { email: admin.email, name: "Dup", roles: ["member"], password: "a-long-enough-pass" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const approver = await makeUser(db, ["approver"]);
    await expect(
      createLocalUser({
        actor: approver,
        db,
        clock,
        input: { email: "x@y.z", name: "X", roles: ["admin"], password: "a-long-enough-pass" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.user.findUnique({ where: { email: "x@y.z" } })).toBeNull();
  });
});
