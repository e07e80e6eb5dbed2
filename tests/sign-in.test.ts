import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "@/lib/domain/shared/clock";
import { authenticateLocal, SIGN_IN_FAILED } from "@/lib/domain/users/authenticate-local";
import { hashPassword, verifyPassword } from "@/lib/domain/users/password";
import { provisionOidcUser, rolesForGroups } from "@/lib/domain/users/provision-oidc-user";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

let now = new Date("2026-05-01T09:00:00.000Z");
const clock: Clock = { now: () => now };
const limits = { perAccount: 3, perAddress: 5, windowMs: 15 * 60_000 };
const request = (ip: string) => ({ ip, userAgent: "vitest", requestId: "r1" });
let database: TestDatabase;
let db: TestDatabase["prisma"];
let passwordHash: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  passwordHash = await hashPassword("right-password");
  await db.user.createMany({
    data: [
      { email: "owner@x.test", name: "Owner", roles: ["member"], passwordHash },
      { email: "gone@x.test", name: "Gone", roles: ["member"], passwordHash, status: "deactivated" },
      { email: "sso@x.test", name: "Sso", roles: ["member"], authSource: "oidc", oidcSubject: "sub-sso" },
    ],
  });
});
afterAll(() => database.close());

const attempt = (email: string, password: string, ip = "10.0.0.1") =>
  authenticateLocal({ db, clock, limits, input: { email, password }, request: request(ip) });

describe("password hashing", () => {
  it("verifies the right password only, with a fresh salt each time", async () => {
    expect(await verifyPassword("right-password", passwordHash)).toBe(true);
    expect(await verifyPassword("wrong", passwordHash)).toBe(false);
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
    expect(passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });
});

describe("local sign-in", () => {
  it("signs in with the right password, case-insensitively by email, and audits it", async () => {
    const actor = await attempt("Owner@X.test", "right-password");
    expect(actor).toMatchObject({ email: "owner@x.test", roles: ["member"] });
    const event = await db.auditEvent.findFirst({ where: { action: "auth.signIn", outcome: "allowed" }, orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ actorId: actor.userId, ip: "10.0.0.1" });
  });

  it("gives one message whether the account is unknown, deactivated, SSO-only or the password is wrong", async () => {
    for (const [email, password] of [
      ["nobody@x.test", "x"],
      ["gone@x.test", "right-password"],
      ["sso@x.test", "x"],
      ["owner@x.test", "wrong"],
    ]) {
      await expect(attempt(email!, password!, `10.1.0.${email!.length}`)).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
        message: SIGN_IN_FAILED,
      });
    }
    const reasons = (await db.auditEvent.findMany({ where: { action: "auth.signIn", outcome: "denied" }, orderBy: { seq: "asc" } })).map(
      (e) => e.reason,
    );
    expect(reasons).toEqual(["unknown account", "account deactivated", "account signs in through single sign-on", "wrong password"]);
  });

  it("locks an account after repeated failures, even for the right password, until the window passes", async () => {
    now = new Date("2026-05-01T10:00:00.000Z");
    for (let i = 0; i < 3; i += 1)
      await expect(attempt("owner@x.test", "wrong", `10.2.0.${i}`)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(attempt("owner@x.test", "right-password", "10.2.0.9")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/Wait 15 minute/),
    });
    now = new Date("2026-05-01T10:15:01.000Z");
    await expect(attempt("owner@x.test", "right-password", "10.2.0.9")).resolves.toMatchObject({ email: "owner@x.test" });
  });

  it("limits one address trying many accounts, and treats unknown accounts the same way", async () => {
    now = new Date("2026-05-01T11:00:00.000Z");
    for (let i = 0; i < 5; i += 1)
      await expect(attempt(`guess${i}@x.test`, "x", "10.3.0.1")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(attempt("owner@x.test", "right-password", "10.3.0.1")).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(attempt("owner@x.test", "right-password", "10.3.0.2")).resolves.toBeDefined();
    for (let i = 0; i < 3; i += 1)
      await expect(attempt("ghost@x.test", "x", `10.4.0.${i}`)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(attempt("ghost@x.test", "x", "10.4.0.9")).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});

describe("sign-in limits under concurrency", () => {
  it("checks no more than the limit of passwords when 40 attempts for one account race", async () => {
    now = new Date("2026-05-01T12:00:00.000Z");
    await db.user.create({ data: { email: "racer@x.test", name: "Racer", roles: ["member"], passwordHash } });
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => attempt("racer@x.test", "wrong", `10.6.${i >> 4}.${i}`)));
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : "OK"));
    expect(codes.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(limits.perAccount);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(40 - limits.perAccount);
    const checked = await db.auditEvent.count({ where: { action: "auth.signIn", targetLabel: "racer@x.test", reason: "wrong password" } });
    expect(checked).toBe(limits.perAccount);
    // The right password after the race is not checked at all.
    await expect(attempt("racer@x.test", "right-password", "10.6.9.9")).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("holds the per-address limit when one address tries many accounts at once", async () => {
    now = new Date("2026-05-01T13:00:00.000Z");
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => attempt(`spray${i}@x.test`, "x", "10.7.0.1")));
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : "OK"));
    expect(codes.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(limits.perAddress);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(20 - limits.perAddress);
  });

  it("does not count a refused attempt: the lockout ends one window after the last checked failure", async () => {
    now = new Date("2026-05-01T14:00:00.000Z");
    await db.user.create({ data: { email: "patient@x.test", name: "Patient", roles: ["member"], passwordHash } });
    for (let i = 0; i < limits.perAccount; i += 1)
      await expect(attempt("patient@x.test", "wrong", `10.8.0.${i}`)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    now = new Date("2026-05-01T14:10:00.000Z");
    await expect(attempt("patient@x.test", "wrong", "10.8.1.1")).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/Wait 5 minute/),
    });
    now = new Date("2026-05-01T14:15:01.000Z");
    await expect(attempt("patient@x.test", "right-password", "10.8.1.2")).resolves.toMatchObject({ email: "patient@x.test" });
    expect(await db.signInFailure.count({ where: { key: "account:patient@x.test" } })).toBe(0);
  });
});

describe("single sign-on provisioning", () => {
  const roleMap = {
    "nhi-admins": ["admin" as const],
    "nhi-auditors": ["auditor" as const],
    "platform-eng": ["member" as const, "approver" as const],
  };
  const sso = (claims: object) => provisionOidcUser({ db, clock, claims, roleMap, request: request("10.9.0.1") });

  it("maps groups to roles", () => {
    expect(rolesForGroups(["platform-eng", "nhi-auditors", "unrelated"], roleMap)).toEqual(["approver", "auditor", "member"]);
  });

  it("creates the user on first sign-in and follows the IdP's groups afterwards", async () => {
    const first = await sso({ subject: "sub-1", email: "Dev@X.test", name: "Dev", groups: ["platform-eng"] });
    expect(first.roles).toEqual(["approver", "member"]);
    const again = await sso({ subject: "sub-1", email: "dev@x.test", name: "Dev", groups: ["nhi-auditors"] });
    expect(again.userId).toBe(first.userId);
    expect((await db.user.findUniqueOrThrow({ where: { id: first.userId } })).roles).toEqual(["auditor"]);
    const events = await db.auditEvent.findMany({ where: { action: "auth.signIn", targetId: first.userId }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.reason)).toEqual(["single sign-on, first sign-in: account created", "single sign-on"]);
  });

  it("refuses users without a mapped group, deactivated users and local-account emails, with audited reasons", async () => {
    await expect(sso({ subject: "sub-2", email: "nogroup@x.test", groups: ["marketing"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(sso({ subject: "sub-3", email: "owner@x.test", groups: ["nhi-admins"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await db.user.update({ where: { email: "sso@x.test" }, data: { status: "deactivated" } });
    await expect(sso({ subject: "sub-sso", email: "sso@x.test", groups: ["nhi-admins"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const reasons = (
      await db.auditEvent.findMany({ where: { action: "auth.signIn", outcome: "denied", ip: "10.9.0.1" }, orderBy: { seq: "asc" } })
    ).map((e) => e.reason);
    expect(reasons).toEqual([
      "single sign-on: no group maps to a role (groups: marketing)",
      "single sign-on: email belongs to a local account",
      "single sign-on: account deactivated",
    ]);
    expect(await db.user.findUnique({ where: { email: "nogroup@x.test" } })).toBeNull();
  });
});
