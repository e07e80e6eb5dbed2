import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "@/lib/db/open-database";
import type { UserActor } from "@/lib/domain/authz/actor";
import { approveRequest } from "@/lib/domain/breakglass/approve-request";
import { requestElevation } from "@/lib/domain/breakglass/request-elevation";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import { fixedClock } from "@/lib/domain/shared/clock";
import { makeUser } from "../helpers/actors";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// PostgreSQL only: 50 approvals of one production-admin request (two distinct approvers required) arrive at
// once over two connection pools (two console instances). Exactly one activation, each approver counted once.

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

describe("break-glass approvals racing on PostgreSQL", () => {
  it("50 simultaneous approvals by 25 people, twice each: one activation, each approver counted once", async () => {
    const db = database.prisma;
    const clock = fixedClock("2026-11-24T12:00:00.000Z");
    const admin = await makeUser(db, ["admin"]);
    const owner = await makeUser(db, ["member"]);
    const approvers: UserActor[] = [];
    for (let i = 0; i < 25; i += 1) approvers.push(await makeUser(db, ["approver"]));
    const identity = await createIdentity({
      actor: admin,
      db,
      clock,
      input: {
        name: "race-bot",
        kind: "service_account",
        platform: "aws",
        externalId: "arn:aws:iam::123456789012:user/race-bot",
        environment: "production",
        purpose: "Races",
        ownerId: owner.userId,
        tags: [],
      },
    });
    const r = await requestElevation({
      actor: owner,
      db,
      clock,
      input: {
        identityId: identity.id,
        scopes: [{ resource: "payments-db", action: "admin", level: "admin", environment: "production" }],
        reason: "Incident 7",
        durationMinutes: 60,
      },
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        approveRequest({ actor: approvers[i % 25]!, db: i % 2 === 0 ? db : second.prisma, clock, input: { id: r.id } }),
      ),
    );
    const ok = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    for (const o of refused) expect(o.reason).toMatchObject({ code: "CONFLICT" });
    expect(ok.length).toBe(2);
    const row = await db.breakGlassRequest.findUniqueOrThrow({ where: { id: r.id }, include: { approvals: true } });
    expect(row.status).toBe("approved");
    expect(row.approvals.length).toBe(2);
    expect(new Set(row.approvals.map((a) => a.approverId)).size).toBe(2);
    const activations = await db.outboxEvent.count({ where: { type: "grant.activated" } });
    expect(activations).toBe(1);
    expect(await db.afterActionReview.count({ where: { requestId: r.id } })).toBe(1);
    const allowed = await db.auditEvent.count({ where: { action: "breakglass.approve", outcome: "allowed", targetId: r.id } });
    expect(allowed).toBe(2);
  });
});
