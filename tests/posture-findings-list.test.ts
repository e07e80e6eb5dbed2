import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type TokenActor, type UserActor } from "@/lib/domain/authz/actor";
import { refreshIdentityPosture } from "@/lib/domain/posture/evaluate";
import { identityFindings } from "@/lib/domain/posture/identity-findings";
import { type FindingsPage, listFindings } from "@/lib/domain/posture/list-findings";
import { DAY, makeIdentity, movableClock } from "./helpers/reviews";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// The findings list below the page, on PGlite and (with TEST_DATABASE_URL) PostgreSQL: what "open" means as of the
// clock (an acceptance whose date passed is open again), each filter, "me", the order (most severe, then newest),
// the pages and their total, and the refusals: a bad filter names its field, a caller without posture.read is
// refused and recorded.

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-25T09:00:00.000Z");
const at = (days: number) => new Date(clock.now().getTime() + days * DAY);
let kim: UserActor;
let lee: UserActor;
let auditor: UserActor;
/** Finding ids by a short name. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  kim = await makeUser(db, ["member"]);
  lee = await makeUser(db, ["member"]);
  auditor = await makeUser(db, ["auditor"]);
  const billing = await makeIdentity(db, { tag: "fl", name: "billing-api", ownerId: kim.userId });
  const etl = await makeIdentity(db, { tag: "fl", name: "ETL_worker", ownerId: kim.userId, environment: "staging" });
  const reports = await makeIdentity(db, { tag: "fl", name: "reports-job", ownerId: lee.userId, backupOwnerId: kim.userId });
  const old = await makeIdentity(db, { tag: "fl", name: "old-svc", ownerId: kim.userId });
  const orphan = await makeIdentity(db, { tag: "fl", name: "orphan-bot", ownerId: null });
  await db.identity.update({ where: { id: billing.id }, data: { team: "payments" } });
  await db.identity.update({ where: { id: etl.id }, data: { team: "data", platform: "github" } });
  await db.identity.update({ where: { id: old.id }, data: { status: "decommissioned" } });
  const finding = async (
    key: string,
    identityId: string,
    checkId: string,
    severity: string,
    firstSeenDaysAgo: number,
    status = "open",
    untilInDays?: number,
  ) => {
    const f = await db.finding.create({
      data: {
        identityId,
        checkId,
        severity,
        status,
        firstSeenAt: at(-firstSeenDaysAgo),
        lastSeenAt: clock.now(),
        resolvedAt: status === "resolved" ? clock.now() : null,
        until: untilInDays === undefined ? null : at(untilInDays),
        decisionReason: untilInDays === undefined ? null : "Waiting for the vendor",
        decidedById: untilInDays === undefined ? null : kim.userId,
      },
    });
    ids[key] = f.id;
  };
  await finding("billingUnused", billing.id, "unused", "critical", 20, "accepted", -1); // its acceptance ended: open
  await finding("billingRotation", billing.id, "not-rotated", "high", 10);
  await finding("billingWildcard", billing.id, "wildcard-scope", "high", 12, "accepted", 5);
  await finding("etlHuman", etl.id, "human-use", "low", 2);
  await finding("etlExpiring", etl.id, "expiring-soon", "high", 30, "resolved");
  await finding("reportsPrivileged", reports.id, "privileged-in-production", "high", 8, "postponed", 10);
  await finding("reportsReview", reports.id, "review-overdue", "critical", 1);
  await finding("oldUnused", old.id, "unused", "critical", 4); // a decommissioned identity: never listed
  await finding("orphanOwnerless", orphan.id, "ownerless", "critical", 3);
  // The identities' posture bits, as the evaluation keeps them after writing findings: the counts of the open list
  // come from them (the dashboard's stored counts), the rows from the findings.
  await refresh();
});
const refresh = () => db.$transaction((tx) => refreshIdentityPosture(tx, clock.now(), null));
afterAll(() => database.close());

const list = (input: Record<string, unknown> = {}, actor: UserActor | TokenActor = auditor) => listFindings({ actor, db, clock, input });
const keysOf = (page: FindingsPage) => page.items.map((r) => Object.entries(ids).find(([, id]) => id === r.findingId)?.[0]);

describe("the findings list", () => {
  it("lists the open findings of active identities, an ended acceptance among them, most severe first then newest", async () => {
    const page = await list();
    expect(keysOf(page)).toEqual(["reportsReview", "orphanOwnerless", "billingUnused", "billingRotation", "etlHuman"]);
    expect(page).toMatchObject({ total: 5, bySeverity: { critical: 3, high: 1, low: 1 }, page: 1, pageSize: 50, ownerId: null });
    expect(Object.keys(page.bySeverity)).toEqual(["critical", "high", "low"]);
    expect(page.items[2]).toMatchObject({
      identityName: "billing-api",
      environment: "production",
      ownerName: kim.name,
      checkId: "unused",
      checkTitle: "Unused for longer than policy",
      severity: "critical",
      status: "open",
      firstSeenAt: at(-20).toISOString(),
      until: at(-1).toISOString(),
    });
    expect(page.items[1]).toMatchObject({ identityName: "orphan-bot", ownerName: null, checkTitle: "No owner" });
    // What the team and platform filters offer: the registry's values.
    expect(page.options).toEqual({ team: ["data", "payments"], platform: ["aws", "github"] });
    // "open" is the default: asked for by name, or blank as an empty form sends it, the same.
    expect(keysOf(await list({ status: "open" }))).toEqual(keysOf(page));
    expect(keysOf(await list({ status: "", owner: "", q: "" }))).toEqual(keysOf(page));
  });

  it("reads each status as of the clock: an acceptance whose date passes moves from accepted to open", async () => {
    expect(keysOf(await list({ status: "accepted" }))).toEqual(["billingWildcard"]);
    expect(keysOf(await list({ status: "postponed" }))).toEqual(["reportsPrivileged"]);
    expect(keysOf(await list({ status: "resolved" }))).toEqual(["etlExpiring"]);
    const all = await list({ status: "all" });
    expect(all.total).toBe(8);
    expect(all.items.find((r) => r.findingId === ids.billingWildcard)).toMatchObject({ status: "accepted" });

    clock.advance(6 * DAY);
    try {
      expect(keysOf(await list({ status: "accepted" }))).toEqual([]);
      // The rows read it open at once; the count (stored, like the dashboard's) follows with the next evaluation.
      expect((await list({ owner: "me" }, kim)).items.find((r) => r.findingId === ids.billingWildcard)).toMatchObject({
        status: "open",
      });
      await refresh();
      const open = await list({ owner: "me" }, kim);
      expect(open.items.find((r) => r.findingId === ids.billingWildcard)).toMatchObject({ status: "open" });
      expect(open.total).toBe(4);
      // The identity's own page reads it the same way.
      const own = await identityFindings({ actor: kim, db, clock, input: { identityId: open.items[0]!.identityId } });
      expect(own.findings.find((f) => f.id === ids.billingWildcard)).toMatchObject({ status: "open" });
    } finally {
      clock.advance(-6 * DAY);
      await refresh();
    }
  });

  it('filters by owner ("me" is the reader), check, severity, team, platform, environment and name', async () => {
    const mine = await list({ owner: "me" }, kim);
    expect(keysOf(mine)).toEqual(["billingUnused", "billingRotation", "etlHuman"]);
    expect(mine.ownerId).toBe(kim.userId);
    expect(keysOf(await list({ owner: kim.userId }))).toEqual(keysOf(mine));
    expect(keysOf(await list({ owner: "me" }, lee))).toEqual(["reportsReview"]);
    expect(keysOf(await list({ owner: lee.userId, status: "all" }))).toEqual(["reportsReview", "reportsPrivileged"]);
    // A token answers for its owner.
    const token: TokenActor = {
      type: "token",
      tokenId: "00000000-0000-4000-8000-000000000011",
      tokenKind: "personal",
      label: "nhic_test0011 (kim)",
      scopes: ["posture.read"],
      owner: { userId: kim.userId, email: kim.email, name: kim.name, roles: ["member"] },
      request: kim.request,
    };
    expect(keysOf(await list({ owner: "me" }, token))).toEqual(keysOf(mine));

    expect(keysOf(await list({ check: "ownerless" }))).toEqual(["orphanOwnerless"]);
    expect(keysOf(await list({ severity: "low" }))).toEqual(["etlHuman"]);
    expect(keysOf(await list({ severity: "critical", owner: "me" }, kim))).toEqual(["billingUnused"]);
    expect(keysOf(await list({ team: "payments" }))).toEqual(["billingUnused", "billingRotation"]);
    expect(keysOf(await list({ platform: "github" }))).toEqual(["etlHuman"]);
    expect(keysOf(await list({ environment: "staging", status: "all" }))).toEqual(["etlExpiring", "etlHuman"]);
    // Part of the name, any case; `_` and `%` match themselves, not any character.
    expect(keysOf(await list({ q: "etl_" }))).toEqual(["etlHuman"]);
    expect(keysOf(await list({ q: "_" }))).toEqual(["etlHuman"]);
    expect(keysOf(await list({ q: "%" }))).toEqual([]);
    expect(keysOf(await list({ q: "BOT" }))).toEqual(["orphanOwnerless"]);
    // The purpose is in the search text, but the filter is on the name only.
    expect(keysOf(await list({ q: "runs the" }))).toEqual([]);
    // A decommissioned identity's findings are never listed, whatever the status.
    expect((await list({ status: "all", q: "old-svc" })).total).toBe(0);
  });

  it("pages on the server with the total of every page, and a page past the end shows the last", async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => list({ pageSize: "2", page: String(page) })));
    expect(pages.map(keysOf)).toEqual([["reportsReview", "orphanOwnerless"], ["billingUnused", "billingRotation"], ["etlHuman"]]);
    expect(pages.map((p) => [p.page, p.total])).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
    ]);
    const beyond = await list({ pageSize: 2, page: 9 });
    expect([beyond.page, keysOf(beyond)]).toEqual([3, ["etlHuman"]]);
    const none = await list({ check: "reused-by-workloads", page: 4 });
    expect([none.page, none.total, none.items]).toEqual([1, 0, []]);
  });

  it("refuses a bad filter naming its field", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ owner: "bob" }, "owner", "owner must be a person's id or me"],
      [{ owner: 42 }, "owner", "owner must be a person's id or me"],
      [{ check: "no-such-check" }, "check", "check must be one of ownerless"],
      [{ severity: "urgent" }, "severity", "severity must be one of critical, high, medium, low"],
      [{ status: "closed" }, "status", "status must be one of open, accepted, postponed, resolved, all"],
      [{ page: "0" }, "page", "page must be at least 1"],
      [{ page: "two" }, "page", "page must be a number"],
      [{ pageSize: "500" }, "pageSize", "pageSize must be at most 200"],
      [{ q: "x".repeat(201) }, "q", "q must be at most 200 characters"],
      [{ team: "a\u0000b" }, "team", "team contains a NUL character"],
    ];
    for (const [input, field, message] of cases)
      await expect(list(input), field).rejects.toMatchObject({
        code: "VALIDATION",
        fieldErrors: { [field]: [expect.stringContaining(message)] },
      });
    // "me" needs a person: the console's own jobs are refused before that (they may not read the posture).
    await expect(listFindings({ actor: systemActor("system:job:x"), db, clock, input: { owner: "me" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("refuses, and records, a caller without posture.read: no role, or a token without the scope", async () => {
    const nobody = await makeUser(db, []);
    await expect(list({}, nobody)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Refused before the input is read: a bad filter from such a caller is still a refusal, not a validation error.
    await expect(list({ owner: "bob" }, nobody)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const refusals = await db.auditEvent.findMany({ where: { action: "posture.read", outcome: "denied", actorId: nobody.userId } });
    expect(refusals).toHaveLength(2);
    const token: TokenActor = {
      type: "token",
      tokenId: "00000000-0000-4000-8000-000000000012",
      tokenKind: "personal",
      label: "nhic_test0012 (lee)",
      scopes: ["registry.read"],
      owner: { userId: lee.userId, email: lee.email, name: lee.name, roles: ["member"] },
      request: lee.request,
    };
    await expect(list({}, token)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("posture.read") });
    // Every role reads the posture (policy.ts: posture.read is everyone's).
    for (const roles of [["admin"], ["approver"], ["auditor"], ["member"]] as const)
      expect((await list({}, await makeUser(db, [...roles]))).total).toBe(5);
  });
});
