import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "@/lib/db/open-database";
import { systemActor } from "@/lib/domain/authz/actor";
import { drainChanged, evaluateAll } from "@/lib/domain/posture/run-evaluation";
import { makeUser } from "../helpers/actors";
import { DAY, makeIdentity, movableClock } from "../helpers/reviews";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// PostgreSQL only: two console instances (two connection pools) evaluate at once, incrementally and in full,
// while identities change teams and owners. The dashboard's stored counts (PostureCell) still equal a recount.

let database: TestDatabase;
let second: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  second = await openDatabase(database.url);
});
afterAll(async () => {
  await second.close();
  await database.close();
});

describe("the dashboard's stored counts under concurrent evaluations on PostgreSQL", () => {
  it("equal a recount after two instances evaluate the same changing identities at once", async () => {
    const db = database.prisma;
    const clock = movableClock("2026-11-25T09:00:00.000Z");
    const owner = await makeUser(db, ["member"]);
    const ids: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const identity = await makeIdentity(db, {
        tag: "race",
        ownerId: i % 3 === 0 ? null : owner.userId,
        environment: i % 2 === 0 ? "production" : "staging",
        credential: { issuedAt: new Date(clock.now().getTime() - (i % 4 === 0 ? 400 : 10) * DAY), lastUsedAt: clock.now() },
      });
      ids.push(identity.id);
    }
    await evaluateAll(db, clock, systemActor("system:test"));
    for (let round = 0; round < 5; round += 1) {
      await Promise.all(
        ids.map((id, i) =>
          db.identity.update({
            where: { id },
            data: { team: `team-${(i + round) % 3}`, ownerId: (i + round) % 3 === 0 ? null : owner.userId },
          }),
        ),
      );
      await Promise.all([
        drainChanged(db, clock),
        drainChanged(second.prisma, clock),
        round % 2 === 0 ? evaluateAll(second.prisma, clock, systemActor("system:test")) : Promise.resolve(),
      ]);
    }
    await drainChanged(db, clock);
    const cells = await db.postureCell.findMany({ where: { identities: { not: 0 } } });
    const recount = await db.$queryRaw<{ team: string; platform: string; environment: string; openChecks: bigint; n: number }[]>`
      SELECT COALESCE(i.team, '') AS team, i.platform, i.environment, p."openChecks", count(*)::int AS n
      FROM "Identity" i JOIN "IdentityPosture" p ON p."identityId" = i.id WHERE i.status = 'active' GROUP BY 1, 2, 3, 4`;
    const key = (c: { team: string; platform: string; environment: string; openChecks: bigint }) =>
      [c.team, c.platform, c.environment, c.openChecks].join("|");
    expect(new Map(cells.map((c) => [key(c), c.identities]))).toEqual(new Map(recount.map((r) => [key(r), r.n])));
    expect(recount.reduce((n, r) => n + r.n, 0)).toBe(40);
  });
});
