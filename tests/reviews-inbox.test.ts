import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { decideItem } from "@/lib/domain/reviews/items/decide-item";
import { getReviewItem } from "@/lib/domain/reviews/items/get-review-item";
import { listMyItems } from "@/lib/domain/reviews/items/list-my-items";
import { DomainError } from "@/lib/domain/shared/errors";
import { makeUser } from "./helpers/actors";
import { DAY, launchTagged, makeIdentity, movableClock } from "./helpers/reviews";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-24T09:00:00Z");
let admin: UserActor;
let owner: UserActor;
let helper: UserActor;
let auditor: UserActor;
let runA: string;
let runB: string;
let closedRun: string;

const ago = (days: number) => new Date(clock.now().getTime() - days * DAY);
const list = (input: Record<string, unknown> = {}, actor: UserActor = owner) => listMyItems({ actor, db, clock, input });

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  owner = await makeUser(db, ["member"]);
  helper = await makeUser(db, ["member"]);
  auditor = await makeUser(db, ["auditor"]);
  // Run A: five identities of mine (production, mixed risks); run B (due later): three in staging; a closed run.
  for (let i = 0; i < 5; i += 1)
    await makeIdentity(db, {
      tag: "inbox-a",
      name: `alpha-${i}`,
      ownerId: owner.userId,
      kind: i % 2 ? "api_key" : "service_account",
      credential: { issuedAt: ago(400), lastUsedAt: i === 0 ? null : ago(i * 50), usage: i === 0 ? "never" : "known" },
      scopes: i < 2 ? [{ resource: `db-${i}`, level: "admin" }] : [{ resource: `bucket-${i}`, level: "read" }],
    });
  await makeIdentity(db, { tag: "inbox-a", name: "someone-elses", ownerId: helper.userId });
  runA = (await launchTagged(db, clock, admin, "inbox-a")).runId;
  clock.advance(DAY);
  for (let i = 0; i < 3; i += 1)
    await makeIdentity(db, {
      tag: "inbox-b",
      name: `beta_${i}`,
      ownerId: owner.userId,
      environment: "staging",
      credential: { issuedAt: ago(5), lastUsedAt: ago(1) },
    });
  runB = (await launchTagged(db, clock, admin, "inbox-b")).runId;
  await makeIdentity(db, { tag: "inbox-c", name: "gamma", ownerId: owner.userId });
  closedRun = (await launchTagged(db, clock, admin, "inbox-c")).runId;
  await db.reviewRun.update({ where: { id: closedRun }, data: { status: "closed" } });
});
afterAll(() => database.close());

describe("the reviewer's inbox", () => {
  it("lists my items in open runs only, soonest due first, with my progress per run", async () => {
    const page = await list();
    expect(page.total).toBe(8);
    expect(page.items.map((i) => i.name)).toEqual(["alpha-0", "alpha-1", "alpha-2", "alpha-3", "alpha-4", "beta_0", "beta_1", "beta_2"]);
    expect(page.items[0]).toMatchObject({
      rung: "owner",
      scopes: 1,
      riskyScopes: 1,
      run: { id: runA, campaignName: "Review inbox-a", number: 1 },
    });
    expect(page.runs.map((r) => [r.runId, r.decided, r.total])).toEqual([
      [runA, 0, 5],
      [runB, 0, 3],
    ]);
    const first = page.items.find((i) => i.name === "alpha-3")!;
    await decideItem({ actor: owner, db, clock, input: { id: first.id, decision: "certify", decisionReason: "Used by billing" } });
    const after = await list();
    expect(after.runs[0]).toMatchObject({ decided: 1, total: 5 });
    expect((await list({ status: "decided" })).items.map((i) => i.name)).toEqual(["alpha-3"]);
    expect((await list({ status: "undecided" })).total).toBe(7);
    // The helper sees only their own item.
    expect((await list({}, helper)).items.map((i) => i.name)).toEqual(["someone-elses"]);
  });

  it("includes items I was added to (escalation, don't know), marked as added", async () => {
    const theirs = (await list({}, helper)).items[0]!;
    await db.reviewItem.update({ where: { id: theirs.id }, data: { extraReviewerIds: [owner.userId] } });
    const page = await list({ q: "someone" });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ name: "someone-elses", rung: "added" });
    expect(page.runs.find((r) => r.runId === runA)!.total).toBe(6);
    await db.reviewItem.update({ where: { id: theirs.id }, data: { extraReviewerIds: [] } });
  });

  it("filters by run, recommendation, risk, environment, kind and name (% and _ literal)", async () => {
    expect((await list({ run: runB })).total).toBe(3);
    expect((await list({ environment: "staging" })).items.every((i) => i.environment === "staging")).toBe(true);
    expect((await list({ kind: "api_key" })).items.map((i) => i.name)).toEqual(["alpha-1", "alpha-3"]);
    expect((await list({ risk: "privileged_production" })).items.map((i) => i.name)).toEqual(["alpha-0", "alpha-1"]);
    const revoke = await list({ recommendation: "revoke" });
    expect(revoke.items.every((i) => i.recommendation === "revoke")).toBe(true);
    expect(revoke.total).toBeGreaterThan(0);
    expect((await list({ q: "beta_" })).total).toBe(3);
    expect((await list({ q: "a_" })).total).toBe(3);
    expect((await list({ q: "%" })).total).toBe(0);
  });

  it("sorts by name, risk count and last use, both ways", async () => {
    expect((await list({ sort: "name", dir: "desc" })).items[0]!.name).toBe("beta_2");
    const risks = (await list({ sort: "risks" })).items;
    expect(risks[0]!.risks.length).toBeGreaterThanOrEqual(risks.at(-1)!.risks.length);
    const lastUsed = (await list({ sort: "lastUsed" })).items;
    // Never used first, then the longest unused.
    expect(lastUsed.slice(0, 2).map((i) => i.name)).toEqual(["alpha-0", "alpha-4"]);
    expect((await list({ sort: "lastUsed", dir: "desc" })).items.at(-1)!.name).toBe("alpha-0");
  });

  it("pages on the server; a page past the end shows the last one", async () => {
    const one = await list({ pageSize: "3", page: "1" });
    const two = await list({ pageSize: "3", page: "2" });
    const three = await list({ pageSize: "3", page: "3" });
    expect([one.items.length, two.items.length, three.items.length]).toEqual([3, 3, 2]);
    expect(new Set([...one.items, ...two.items, ...three.items].map((i) => i.id)).size).toBe(8);
    expect(two.total).toBe(8);
    const past = await list({ pageSize: "3", page: "9" });
    expect(past).toMatchObject({ page: 3, total: 8 });
    expect(past.items.map((i) => i.id)).toEqual(three.items.map((i) => i.id));
    expect(await list({ q: "nothing-like-this", page: "4" })).toMatchObject({ page: 1, total: 0, items: [] });
  });

  it("leaves out items whose stage is not the run's", async () => {
    await db.reviewRun.update({ where: { id: runB }, data: { stage: 2 } });
    expect((await list()).total).toBe(5);
    await db.reviewRun.update({ where: { id: runB }, data: { stage: 1 } });
  });

  it("names the field of a bad filter; refuses an auditor (recorded)", async () => {
    for (const [field, value] of [
      ["run", "x"],
      ["status", "maybe"],
      ["risk", "spooky"],
      ["environment", "moon"],
      ["sort", "random"],
      ["page", "0"],
      ["pageSize", "500"],
      ["q", "a\u0000b"],
    ] as const) {
      const error = await list({ [field]: value }).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(DomainError);
      expect(Object.keys((error as DomainError).fieldErrors ?? {}), field).toContain(field);
    }
    const refused = await list({}, auditor).catch((e: unknown) => e);
    expect((refused as DomainError).code).toBe("FORBIDDEN");
    expect(await db.auditEvent.findFirst({ where: { action: "review.inbox", actorId: auditor.userId, outcome: "denied" } })).not.toBeNull();
  });

  it("the item's evidence: snapshot, owner names, scopes, findings, risks, recommendation and previous reviews", async () => {
    const item = (await list({ q: "alpha-1" })).items[0]!;
    const previous = await db.reviewItem.findFirstOrThrow({ where: { runId: closedRun } });
    // An earlier review of the same identity (the closed run's item, pointed at it for the test).
    await db.reviewItem.update({
      where: { id: previous.id },
      data: {
        identityId: item.identityId,
        decision: "certify",
        decisionReason: "Fine last time",
        decidedById: owner.userId,
        decidedAt: ago(90),
        outcome: "kept",
      },
    });
    const evidence = await getReviewItem({ actor: owner, db, clock, input: { id: item.id } });
    expect(evidence.identity).toMatchObject({
      name: "alpha-1",
      purpose: "Runs the inbox-a jobs",
      owner: { id: owner.userId, active: true },
      backupOwner: null,
      credentialType: "static_secret",
      usage: "known",
    });
    expect(evidence.identity.credentialAgeDays).toBe(400);
    expect(evidence.scopes[0]).toMatchObject({ resource: "db-1", level: "admin", environment: "production", risky: true });
    expect(evidence.risks.map((r) => r.label)).toContain("Admin or write in production");
    expect(evidence).toMatchObject({ recommendation: "shorten", recommendationReason: "shorten: its credential never expires" });
    expect(evidence.keepNeedsReason).toMatch(/admin or write access in production/);
    expect(evidence.previous).toEqual([
      expect.objectContaining({
        campaignName: "Review inbox-c",
        decision: "certify",
        decisionReason: "Fine last time",
        outcome: "kept",
        decidedBy: expect.objectContaining({ id: owner.userId }),
      }),
    ]);
    expect(evidence.may).toMatchObject({ decide: true, reassign: true, why: null });
  });
});
