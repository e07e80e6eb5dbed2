import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { listIdentities } from "@/lib/domain/registry/list-identities";
import type { Clock } from "@/lib/domain/shared/clock";
import { listUsers } from "@/lib/domain/users/list-users";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const clock: Clock = { now: () => new Date("2026-06-01T12:00:00.000Z") };
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  await db.identity.createMany({
    data: Array.from({ length: 7 }, (_, i) => ({
      name: `pager-${String(i).padStart(2, "0")}`,
      kind: "service_account" as const,
      platform: "aws",
      externalId: `pager-${i}`,
      environment: "production" as const,
      purpose: "Pages",
      ownerId: admin.userId,
    })),
  });
  for (let i = 0; i < 4; i++) await makeUser(db, ["member"]);
});
afterAll(() => database.close());

describe("a page number past the end", () => {
  it("shows the registry's last page, with that page's number", async () => {
    const result = await listIdentities({ actor: admin, db, clock, input: { page: "9999", pageSize: "3" } });
    expect(result).toMatchObject({ total: 7, page: 3, pageSize: 3 });
    expect(result.identities.map((i) => i.name)).toEqual(["pager-06"]);
  });

  it("leaves a page within the list as asked", async () => {
    const result = await listIdentities({ actor: admin, db, clock, input: { page: "2", pageSize: "3" } });
    expect(result.page).toBe(2);
    expect(result.identities.map((i) => i.name)).toEqual(["pager-03", "pager-04", "pager-05"]);
  });

  it("is page 1 of an empty result", async () => {
    const result = await listIdentities({ actor: admin, db, clock, input: { page: "50", q: "nothing-matches-this" } });
    expect(result).toMatchObject({ total: 0, page: 1, identities: [] });
  });

  it("shows the users list's last page", async () => {
    const result = await listUsers({ actor: admin, db, clock, input: { page: "9999", pageSize: "2" } });
    expect(result.total).toBe(5);
    expect(result.page).toBe(3);
    expect(result.users).toHaveLength(1);
  });
});
