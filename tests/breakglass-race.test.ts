import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { approveRequest } from "@/lib/domain/breakglass/approve-request";
import { cancelRequest } from "@/lib/domain/breakglass/cancel-request";
import { requestElevation } from "@/lib/domain/breakglass/request-elevation";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import type { Clock } from "@/lib/domain/shared/clock";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// The 50-approver race on the suite's database (PGlite; PostgreSQL too when TEST_DATABASE_URL is set, where
// tests/postgres/breakglass-race.test.ts adds a second connection pool): 50 approvals of one production-admin
// request (two distinct approvers required) fired at once, 25 people twice each, each person's two side by side.
// Exactly one activation, each approver counted once, every other approval refused with a clear CONFLICT. And
// an approval once the request was cancelled, or once its pending window ran out, is refused. PGlite has one
// connection, so there the 50 transactions queue rather than overlap: it shows the decision rules hold for
// approvals submitted at once; that the request's lock holds them apart is shown where they truly overlap (this
// file on PostgreSQL fails without the lock).

const T0 = new Date("2026-11-24T12:00:00.000Z");
const MIN = 60_000;
let now = T0;
const clock: Clock = { now: () => now };
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let owner: UserActor;
const approvers: UserActor[] = [];
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  owner = await makeUser(db, ["member"]);
  for (let i = 0; i < 25; i += 1) approvers.push(await makeUser(db, ["approver"]));
});
afterAll(() => database.close());
beforeEach(() => {
  now = T0;
});

const prodAdmin = [{ resource: "payments-db", action: "admin", level: "admin", environment: "production" }];

/** A pending production-admin request (two approvals needed) on an identity of its own. */
async function pendingRequest() {
  counter += 1;
  const identity = await createIdentity({
    actor: admin,
    db,
    clock,
    input: {
      name: `race-bot-${counter}`,
      kind: "service_account",
      platform: "aws",
      externalId: `arn:aws:iam::123456789012:user/race-bot-${counter}`,
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
    input: { identityId: identity.id, scopes: prodAdmin, reason: "Incident 7: restore the ledger", durationMinutes: 60 },
  });
  expect(r).toMatchObject({ status: "pending", approvalsRequired: 2 });
  return r;
}

const approve = (actor: UserActor, id: string) => approveRequest({ actor, db, clock, input: { id } });
const outboxFor = async (type: string, requestId: string) =>
  (await db.outboxEvent.findMany({ where: { type } })).filter(
    (e) => (e.payload as { data: { requestId?: string } }).data.requestId === requestId,
  );

const ALREADY_DECIDED = "You have already decided this request; another approver must approve it.";
const NO_LONGER_PENDING = "This request is approved; it can no longer be decided.";

describe("50 approvals of one request at once", () => {
  it("activates it once, counts each approver once and refuses the other 48 with a clear conflict", async () => {
    const r = await pendingRequest();
    // Approver k's two approvals sit side by side (0, 0, 1, 1, …): a second one by the same person races the first.
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => approve(approvers[i >> 1]!, r.id)));

    const ok = outcomes.filter((o) => o.status === "fulfilled").map((o) => o.value);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected").map((o) => o.reason as Error);
    expect(ok.length).toBe(2);
    expect(refused.length).toBe(48);
    for (const error of refused) {
      expect(error).toMatchObject({ code: "CONFLICT" });
      expect([ALREADY_DECIDED, NO_LONGER_PENDING]).toContain(error.message);
    }
    // One approval left it waiting, the other activated it.
    expect(ok.map((d) => d.status).sort()).toEqual(["approved", "pending"]);
    expect(ok.filter((d) => d.active).length).toBe(1);

    const row = await db.breakGlassRequest.findUniqueOrThrow({ where: { id: r.id }, include: { approvals: true } });
    expect(row).toMatchObject({ status: "approved", approvedAt: T0, activeFrom: T0, expiresAt: new Date(T0.getTime() + 60 * MIN) });
    expect(row.approvals.length).toBe(2);
    const approverIds = row.approvals.map((a) => a.approverId);
    expect(new Set(approverIds).size).toBe(2);
    expect(approverIds.every((id) => id !== owner.userId && approvers.some((a) => a.userId === id))).toBe(true);
    expect(row.approvals.every((a) => a.decision === "approve")).toBe(true);

    expect((await outboxFor("grant.activated", r.id)).length).toBe(1);
    expect((await outboxFor("breakglass.decided", r.id)).length).toBe(2);
    expect(await db.afterActionReview.count({ where: { requestId: r.id } })).toBe(1);
    const audit = await db.auditEvent.findMany({ where: { action: "breakglass.approve", targetId: r.id } });
    expect(audit.map((e) => e.outcome)).toEqual(["allowed", "allowed"]);
    expect(audit.map((e) => e.actorId).sort()).toEqual([...approverIds].sort());
  });

  it("one approver's 25 approvals at once count once: the request still waits for a second person", async () => {
    const r = await pendingRequest();
    const outcomes = await Promise.allSettled(Array.from({ length: 25 }, () => approve(approvers[2]!, r.id)));
    expect(outcomes.filter((o) => o.status === "fulfilled").length).toBe(1);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected").map((o) => o.reason as Error);
    expect(refused.length).toBe(24);
    for (const error of refused) expect(error).toMatchObject({ code: "CONFLICT", message: ALREADY_DECIDED });
    const row = await db.breakGlassRequest.findUniqueOrThrow({ where: { id: r.id }, include: { approvals: true } });
    expect(row).toMatchObject({ status: "pending", activeFrom: null });
    expect(row.approvals.map((a) => a.approverId)).toEqual([approvers[2]!.userId]);
    expect((await outboxFor("grant.activated", r.id)).length).toBe(0);
  });
});

describe("an approval too late", () => {
  it("is refused once the request was cancelled, and changes nothing", async () => {
    const r = await pendingRequest();
    await approve(approvers[0]!, r.id);
    expect(await cancelRequest({ actor: owner, db, clock, input: { id: r.id } })).toMatchObject({ status: "cancelled" });
    await expect(approve(approvers[1]!, r.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This request is cancelled; it can no longer be decided.",
    });
    const row = await db.breakGlassRequest.findUniqueOrThrow({ where: { id: r.id }, include: { approvals: true } });
    expect(row).toMatchObject({ status: "cancelled", activeFrom: null, expiresAt: null });
    expect(row.approvals.map((a) => a.approverId)).toEqual([approvers[0]!.userId]);
    expect((await outboxFor("grant.activated", r.id)).length).toBe(0);
  });

  it("is refused from pendingUntil on, to the millisecond, with no sweeper having run", async () => {
    const r = await pendingRequest();
    const until = new Date(r.pendingUntil);
    expect(until.getTime()).toBe(T0.getTime() + 1440 * MIN);
    now = new Date(until.getTime() - 1);
    expect(await approve(approvers[0]!, r.id)).toMatchObject({ status: "pending", active: false });
    now = until;
    await expect(approve(approvers[1]!, r.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: `This request expired at ${until.toISOString()} without enough approvals; it can no longer be decided.`,
    });
    // 25 at once past the window: every one refused, nothing written.
    now = new Date(until.getTime() + 5 * MIN);
    const late = await Promise.allSettled(approvers.slice(1).map((a) => approve(a, r.id)));
    expect(late.map((o) => o.status)).toEqual(Array(24).fill("rejected"));
    const row = await db.breakGlassRequest.findUniqueOrThrow({ where: { id: r.id }, include: { approvals: true } });
    expect(row).toMatchObject({ status: "pending", activeFrom: null, expiresAt: null });
    expect(row.approvals.length).toBe(1);
    expect((await outboxFor("grant.activated", r.id)).length).toBe(0);
  });
});
