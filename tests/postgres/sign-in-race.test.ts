import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "@/lib/db/open-database";
import { fixedClock } from "@/lib/domain/shared/clock";
import { authenticateLocal } from "@/lib/domain/users/authenticate-local";
import { hashPassword } from "@/lib/domain/users/password";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// PostgreSQL only (vitest.config.ts includes this folder when TEST_DATABASE_URL is set): two console
// instances, each with its own connection pool, take sign-in attempts for the same account at once.

const limits = { perAccount: 5, perAddress: 10, windowMs: 15 * 60_000 };
let database: TestDatabase;
let second: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  second = await openDatabase(database.url);
  const passwordHash = await hashPassword("right-password");
  await database.prisma.user.create({ data: { email: "racer@pg.test", name: "Racer", roles: ["member"], passwordHash } });
});
afterAll(async () => {
  await second.close();
  await database.close();
});

const attempt = (instance: number, email: string, password: string, ip: string, at: string) =>
  authenticateLocal({
    db: instance % 2 === 0 ? database.prisma : second.prisma,
    clock: fixedClock(at),
    limits,
    input: { email, password },
    request: { ip, userAgent: "vitest", requestId: null },
  });

const codesOf = (results: PromiseSettledResult<unknown>[]) =>
  results.map((r) => (r.status === "rejected" ? (r.reason as { code: string }).code : "OK"));

describe("sign-in limits on PostgreSQL across instances", () => {
  it("checks no more than the per-account limit of passwords when 40 attempts race on two instances", async () => {
    const at = "2026-05-02T09:00:00.000Z";
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => attempt(i, "racer@pg.test", `wrong-${i}`, `10.9.0.${i}`, at)),
    );
    const codes = codesOf(results);
    expect(codes.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(limits.perAccount);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(40 - limits.perAccount);
    expect(await database.prisma.auditEvent.count({ where: { targetLabel: "racer@pg.test", reason: "wrong password" } })).toBe(
      limits.perAccount,
    );
    await expect(attempt(0, "racer@pg.test", "right-password", "10.9.1.1", at)).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("lets exactly one of 20 racing attempts through when the account is one failure from its limit", async () => {
    const at = "2026-05-02T10:00:00.000Z";
    await database.prisma.user.create({
      data: { email: "late@pg.test", name: "Late", roles: ["member"], passwordHash: await hashPassword("right-password") },
    });
    for (let i = 0; i < limits.perAccount - 1; i += 1)
      await expect(attempt(i, "late@pg.test", "wrong", `10.9.2.${i}`, at)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => attempt(i, "late@pg.test", "wrong", `10.9.3.${i}`, at)));
    expect(codesOf(results).filter((c) => c === "UNAUTHENTICATED")).toHaveLength(1);
  });

  it("holds the per-address limit when one address sprays many accounts on two instances", async () => {
    const at = "2026-05-02T11:00:00.000Z";
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => attempt(i, `spray${i}@pg.test`, "x", "10.9.9.9", at)));
    const codes = codesOf(results);
    expect(codes.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(limits.perAddress);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(30 - limits.perAddress);
  });
});
