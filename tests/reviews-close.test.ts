import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TokenActor, UserActor } from "@/lib/domain/authz/actor";
import { systemActor } from "@/lib/domain/authz/actor";
import { refreshCredentialSummary } from "@/lib/domain/registry/credentials/credential-summary";
import { applyItems } from "@/lib/domain/reviews/apply/apply-items";
import { closeRun } from "@/lib/domain/reviews/close/close-run";
import { observeDecommissions } from "@/lib/domain/reviews/jobs/observe";
import { endDueStages } from "@/lib/domain/reviews/jobs/end-stage";
import { listRemediation } from "@/lib/domain/reviews/remediation/list-remediation";
import { rollbackItem } from "@/lib/domain/reviews/remediation/rollback-item";
import { updateRemediation } from "@/lib/domain/reviews/remediation/update-remediation";
import { DomainError } from "@/lib/domain/shared/errors";
import { makeUser } from "./helpers/actors";
import { DAY, launchTagged, makeIdentity, movableClock } from "./helpers/reviews";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-24T09:00:00Z");
let admin: UserActor;
let owner: UserActor;
let heir: UserActor;
let sec1: UserActor;
let sec2: UserActor;

const ago = (days: number) => new Date(clock.now().getTime() - days * DAY);
const ahead = (days: number) => new Date(clock.now().getTime() + days * DAY);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  owner = await makeUser(db, ["member"]);
  heir = await makeUser(db, ["member"]);
  sec1 = await makeUser(db, ["approver"]);
  sec2 = await makeUser(db, ["approver"]);
});
afterAll(() => database.close());

const expectError = async (p: Promise<unknown>, code: string) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
};

type ScopeDecision = { decision: "keep" | "revoke" | "reduce"; reduceToLevel?: string; reduceToEnvironment?: string };

/** Decides an item as the reviewer engineer's decide-item.ts would leave it (columns written directly). */
async function decide(
  runId: string,
  identityId: string,
  fields: { decision: string; decisionReason?: string; keepUntil?: Date; rotateBy?: Date; transferToId?: string },
  scopes: Record<string, ScopeDecision> = {},
  by: UserActor = owner,
) {
  const item = await db.reviewItem.findUniqueOrThrow({ where: { runId_identityId: { runId, identityId } } });
  await db.reviewItem.update({ where: { id: item.id }, data: { ...fields, decidedById: by.userId, decidedAt: clock.now() } });
  for (const [resource, d] of Object.entries(scopes))
    await db.reviewItemScope.updateMany({ where: { itemId: item.id, resource }, data: d });
  return item.id;
}

const itemOf = (runId: string, identityId: string) =>
  db.reviewItem.findUniqueOrThrow({ where: { runId_identityId: { runId, identityId } } });
const close = (runId: string, actor: UserActor = admin) => closeRun({ actor, db, clock, input: { runId } });

describe("close applies every decision type", () => {
  it("revokes and reduces scopes, sets expiry, records rotation, transfers, suspends, stages decommission, keeps; each audited", async () => {
    const tag = "every";
    const scopes = [
      { resource: "billing", level: "write" as const, environment: "production" },
      { resource: "ledger", level: "write" as const, environment: "production" },
      { resource: "reports", level: "admin" as const, environment: "production" },
    ];
    const a = await makeIdentity(db, { tag, ownerId: owner.userId, scopes, credential: { lastUsedAt: ago(1), expiresAt: ahead(200) } });
    const b = await makeIdentity(db, { tag, ownerId: owner.userId, credential: { lastUsedAt: ago(1), expiresAt: null } });
    const c = await makeIdentity(db, { tag, ownerId: owner.userId, credential: { lastUsedAt: ago(1), expiresAt: ahead(200) } });
    const d = await makeIdentity(db, { tag, ownerId: owner.userId, backupOwnerId: heir.userId });
    const e = await makeIdentity(db, { tag, ownerId: owner.userId, scopes: [{ resource: "queue", level: "read" }] });
    const f = await makeIdentity(db, { tag, ownerId: owner.userId });
    const g = await makeIdentity(db, { tag, ownerId: owner.userId, credential: { lastUsedAt: ago(1), expiresAt: ahead(200) } });
    const { runId } = await launchTagged(db, clock, admin, tag);
    const identitiesBefore = await db.identity.count();
    const keepUntil = ahead(30);
    const rotateBy = ahead(20);
    await decide(
      runId,
      a.id,
      { decision: "certify", decisionReason: "billing export still runs" },
      {
        billing: { decision: "revoke" },
        ledger: { decision: "reduce", reduceToLevel: "read" },
        reports: { decision: "reduce", reduceToEnvironment: "staging" },
      },
    );
    await decide(runId, b.id, { decision: "keep_until", keepUntil, decisionReason: "until the migration ends" });
    await decide(runId, c.id, { decision: "rotate_by", rotateBy });
    await decide(runId, d.id, {
      decision: "transfer",
      transferToId: heir.userId,
      decisionReason: "Moved to the data team, who run it now",
    });
    await decide(runId, e.id, { decision: "suspend", decisionReason: "nobody knows it" });
    await decide(runId, f.id, { decision: "decommission", decisionReason: "replaced by the new pipeline" });
    await decide(runId, g.id, { decision: "certify" });

    const result = await close(runId);
    expect(result).toMatchObject({ status: "closed", applied: 7, changedIdentities: 5, remediationOpen: 5 });
    expect(await db.identity.count()).toBe(identitiesBefore);

    const ents = await db.entitlement.findMany({ where: { identityId: a.id }, orderBy: { resource: "asc" } });
    expect(ents.map((x) => [x.resource, x.level, x.environment])).toEqual([
      ["ledger", "read", "production"],
      ["reports", "admin", "staging"],
    ]);
    const itemA = await itemOf(runId, a.id);
    expect(itemA).toMatchObject({ outcome: "changed", remediationStatus: "open" });
    expect((itemA.appliedBefore as { scopes: unknown[] }).scopes).toHaveLength(3);

    const credB = await db.credential.findFirstOrThrow({ where: { identityId: b.id } });
    expect(credB.expiresAt?.toISOString()).toBe(keepUntil.toISOString());
    expect((await db.identity.findUniqueOrThrow({ where: { id: b.id } })).credentialExpiresAt?.toISOString()).toBe(keepUntil.toISOString());
    expect(await itemOf(runId, c.id)).toMatchObject({ outcome: "changed", remediationStatus: "open" });
    expect(((await itemOf(runId, c.id)).appliedBefore as { change: { rotateBy: string } }).change.rotateBy).toBeTruthy();
    const dNow = await db.identity.findUniqueOrThrow({ where: { id: d.id } });
    expect(dNow).toMatchObject({ ownerId: heir.userId, backupOwnerId: null });
    expect(dNow.pinnedFields).toContain("ownerId");
    expect(await db.identity.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({ status: "suspended" });
    expect(await itemOf(runId, e.id)).toMatchObject({ outcome: "suspended", remediationStatus: "open" });
    expect(await db.identity.findUniqueOrThrow({ where: { id: f.id } })).toMatchObject({ status: "suspended" });
    const itemF = await itemOf(runId, f.id);
    expect(itemF.outcome).toBe("decommission_pending");
    expect(itemF.observeUntil?.getTime()).toBe(clock.now().getTime() + 14 * DAY);
    expect(await itemOf(runId, g.id)).toMatchObject({ outcome: "kept", remediationStatus: "not_needed" });

    const audit = await db.auditEvent.findMany({
      where: { targetId: { in: [a.id, b.id, d.id, e.id, f.id, g.id] }, action: { startsWith: "identity." } },
    });
    const byTarget = Object.fromEntries(audit.map((x) => [x.targetId, x]));
    expect(byTarget[a.id]).toMatchObject({
      action: "identity.scopes",
      reason: "review Review every #1: billing export still runs",
      actorId: admin.userId,
    });
    expect(byTarget[b.id]).toMatchObject({ action: "identity.update" });
    expect(byTarget[d.id]).toMatchObject({
      action: "identity.transfer",
      reason: "review Review every #1: Moved to the data team, who run it now",
    });
    expect(byTarget[e.id]).toMatchObject({ action: "identity.setStatus" });
    expect(byTarget[f.id]).toMatchObject({ action: "identity.setStatus" });
    expect(byTarget[g.id]).toBeUndefined();
    // One webhook event per open task, and the campaign owner's summary.
    const events = await db.outboxEvent.findMany({ where: { type: "review.remediation" } });
    const payloads = events.map((x) => x.payload as { data: { runId: string; summary?: boolean; externalId?: string } });
    expect(payloads.filter((p) => p.data.runId === runId && !p.data.summary)).toHaveLength(5);
    expect(payloads.filter((p) => p.data.runId === runId && p.data.summary)).toHaveLength(1);
    expect(await db.outboxEvent.count({ where: { type: "review.closed" } })).toBeGreaterThan(0);

    // Read-only: a second close is refused, and nothing applies twice.
    await expectError(close(runId), "CONFLICT");
    expect(await db.reviewRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "closed", closedById: admin.userId });
    expect(await db.$transaction((tx) => applyItems(tx, clock, admin, { runId }))).toMatchObject({ applied: 0 });
  });

  it("applies one decision at once in apply mode as_decided (itemIds), leaving undecided items for the close", async () => {
    const tag = "asdecided";
    const a = await makeIdentity(db, { tag, ownerId: owner.userId });
    const b = await makeIdentity(db, { tag, ownerId: owner.userId });
    const { runId } = await launchTagged(db, clock, admin, tag, { applyMode: "as_decided", nonResponseAction: "suspend" });
    const itemId = await decide(runId, a.id, { decision: "suspend", decisionReason: "unused" });
    const other = (await itemOf(runId, b.id)).id;
    const r = await db.$transaction((tx) => applyItems(tx, clock, owner, { runId, itemIds: [itemId, other] }));
    expect(r.applied).toBe(1);
    expect(await db.identity.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "suspended" });
    expect(await db.identity.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "active" });
    expect((await itemOf(runId, b.id)).appliedAt).toBeNull();
    await close(runId);
    expect(await db.identity.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "suspended" });
  });
});

describe("non-response actions (never a deletion)", () => {
  async function setUp(tag: string, nonResponseAction: string) {
    const unused = await makeIdentity(db, {
      tag,
      ownerId: owner.userId,
      credential: { lastUsedAt: ago(200), expiresAt: ahead(100) },
      scopes: [
        { resource: "old-write", level: "write", environment: "production", lastUsedAt: ago(200) },
        { resource: "read-only", level: "read", environment: "production", lastUsedAt: ago(200) },
      ],
    });
    const used = await makeIdentity(db, {
      tag,
      ownerId: owner.userId,
      credential: { lastUsedAt: ago(1), expiresAt: ahead(100) },
      scopes: [
        { resource: "hot-write", level: "write", environment: "production", lastUsedAt: ago(1) },
        { resource: "cold-admin", level: "admin", environment: "production", lastUsedAt: ago(300) },
      ],
    });
    const { runId } = await launchTagged(db, clock, admin, tag, { nonResponseAction });
    const count = await db.identity.count();
    await close(runId);
    expect(await db.identity.count()).toBe(count);
    const scopesOf = async (id: string) =>
      (await db.entitlement.findMany({ where: { identityId: id }, orderBy: { resource: "asc" } })).map((e) => e.resource);
    return {
      unused: {
        item: await itemOf(runId, unused.id),
        identity: await db.identity.findUniqueOrThrow({ where: { id: unused.id } }),
        scopes: await scopesOf(unused.id),
      },
      used: {
        item: await itemOf(runId, used.id),
        identity: await db.identity.findUniqueOrThrow({ where: { id: used.id } }),
        scopes: await scopesOf(used.id),
      },
    };
  }

  it("keep_flag (the default) keeps everything and flags the items", async () => {
    const r = await setUp("nr-keep", "keep_flag");
    expect([r.unused.item.outcome, r.used.item.outcome]).toEqual(["kept_flagged", "kept_flagged"]);
    expect(r.unused.scopes).toEqual(["old-write", "read-only"]);
    expect(r.unused.identity.status).toBe("active");
    expect(r.unused.item.remediationStatus).toBe("not_needed");
  });

  it("take_recommendations revokes what is recommended for revocation and keeps (flagged) what is recommended to keep", async () => {
    const r = await setUp("nr-recommend", "take_recommendations");
    expect(r.unused.item.recommendation).toBe("revoke");
    expect(r.unused.item.outcome).toBe("changed");
    expect(r.unused.scopes).toEqual([]);
    expect(r.unused.identity.status).toBe("active");
    expect(r.used.item.outcome).toBe("kept_flagged");
    expect(r.used.scopes).toEqual(["cold-admin", "hot-write"]);
  });

  it("revoke_unused_risky revokes only risky scopes that went unused", async () => {
    const r = await setUp("nr-unused", "revoke_unused_risky");
    expect(r.unused.scopes).toEqual(["read-only"]);
    expect(r.used.scopes).toEqual(["hot-write"]);
    expect([r.unused.item.outcome, r.used.item.outcome]).toEqual(["changed", "changed"]);
    expect(r.used.item.remediationStatus).toBe("open");
  });

  it("suspend suspends every unanswered identity (staged: remediation open)", async () => {
    const r = await setUp("nr-suspend", "suspend");
    expect([r.unused.identity.status, r.used.identity.status]).toEqual(["suspended", "suspended"]);
    expect(r.used.item).toMatchObject({ outcome: "suspended", remediationStatus: "open" });
    expect(r.used.scopes).toEqual(["cold-admin", "hot-write"]);
  });
});

describe("staged decommission, rollback and remediation", () => {
  it("decommissions after the observation window only what stayed unused; rolls back each step", async () => {
    const tag = "observe";
    const quiet = await makeIdentity(db, { tag, ownerId: owner.userId, credential: { lastUsedAt: ago(50), expiresAt: ahead(300) } });
    const busy = await makeIdentity(db, { tag, ownerId: owner.userId, credential: { lastUsedAt: ago(50), expiresAt: ahead(300) } });
    const { runId } = await launchTagged(db, clock, admin, tag, { observationDays: 10 });
    await decide(runId, quiet.id, { decision: "decommission", decisionReason: "replaced" });
    await decide(runId, busy.id, { decision: "decommission", decisionReason: "replaced" });
    await close(runId);
    // Someone still uses `busy` during the window.
    clock.advance(2 * DAY);
    await db.credential.updateMany({ where: { identityId: busy.id }, data: { lastUsedAt: clock.now() } });
    await db.$transaction((tx) => refreshCredentialSummary(tx, [busy.id]));
    clock.advance(5 * DAY);
    expect(await observeDecommissions(db, clock, systemActor("system:job:reviews.observe"))).toEqual({ decommissioned: 0, kept: 0 });
    clock.advance(4 * DAY);
    expect(await observeDecommissions(db, clock, systemActor("system:job:reviews.observe"))).toEqual({ decommissioned: 1, kept: 1 });
    expect(await db.identity.findUniqueOrThrow({ where: { id: quiet.id } })).toMatchObject({ status: "decommissioned" });
    expect(await itemOf(runId, quiet.id)).toMatchObject({ outcome: "decommissioned", remediationStatus: "open" });
    expect(await db.identity.findUniqueOrThrow({ where: { id: busy.id } })).toMatchObject({ status: "suspended" });
    const busyItem = await itemOf(runId, busy.id);
    expect(busyItem).toMatchObject({ outcome: "suspended", remediationStatus: "failed" });
    expect(busyItem.remediationNote).toMatch(/^not decommissioned: used on /);
    expect(await db.auditEvent.count({ where: { targetId: quiet.id, action: "identity.setStatus", actorType: "system" } })).toBe(1);

    // Rollback of each step: the decommissioned one and the suspended one come back active.
    const quietItem = await itemOf(runId, quiet.id);
    await updateRemediation({ actor: admin, db, clock, input: { itemId: quietItem.id, status: "done", note: "removed in IAM" } });
    const back = await rollbackItem({ actor: admin, db, clock, input: { itemId: quietItem.id, reason: "it is the billing fallback" } });
    expect(back).toMatchObject({ outcome: "rolled_back", remediationStatus: "open" });
    expect(await db.identity.findUniqueOrThrow({ where: { id: quiet.id } })).toMatchObject({ status: "active" });
    await rollbackItem({ actor: admin, db, clock, input: { itemId: busyItem.id, reason: "still in use" } });
    expect(await db.identity.findUniqueOrThrow({ where: { id: busy.id } })).toMatchObject({ status: "active" });
    await expectError(rollbackItem({ actor: admin, db, clock, input: { itemId: busyItem.id, reason: "again" } }), "CONFLICT");
    expect(await db.auditEvent.count({ where: { action: "review.rollback", targetId: quietItem.id, outcome: "allowed" } })).toBe(1);
    // An undo of a change the holding system already made is a task again, with its webhook event.
    const undo = await db.outboxEvent.findMany({ where: { type: "review.remediation" } });
    expect(undo.some((x) => (x.payload as { data: { change?: { action?: string } } }).data.change?.action === "rollback")).toBe(true);
  });

  it("rolls back scopes (same ids), owner and expiry; only admins in person", async () => {
    const tag = "rollback";
    const a = await makeIdentity(db, {
      tag,
      ownerId: owner.userId,
      scopes: [
        { resource: "billing", level: "write", environment: "production" },
        { resource: "ledger", level: "admin", environment: "production" },
      ],
    });
    const b = await makeIdentity(db, { tag, ownerId: owner.userId });
    const c = await makeIdentity(db, { tag, ownerId: owner.userId, credential: { lastUsedAt: ago(1), expiresAt: null } });
    const before = await db.entitlement.findMany({ where: { identityId: a.id }, orderBy: { resource: "asc" } });
    const { runId } = await launchTagged(db, clock, admin, tag);
    await decide(
      runId,
      a.id,
      { decision: "certify", decisionReason: "ok" },
      { billing: { decision: "revoke" }, ledger: { decision: "reduce", reduceToLevel: "read" } },
    );
    await decide(runId, b.id, {
      decision: "transfer",
      transferToId: heir.userId,
      decisionReason: "Moved to the data team, who run it now",
    });
    await decide(runId, c.id, { decision: "keep_until", keepUntil: ahead(10), decisionReason: "ok" });
    await close(runId);
    const items = await Promise.all([a, b, c].map((x) => itemOf(runId, x.id)));
    await expectError(rollbackItem({ actor: owner, db, clock, input: { itemId: items[0]!.id, reason: "mine" } }), "FORBIDDEN");
    for (const item of items) await rollbackItem({ actor: admin, db, clock, input: { itemId: item.id, reason: "restore for the audit" } });
    const after = await db.entitlement.findMany({ where: { identityId: a.id }, orderBy: { resource: "asc" } });
    expect(after.map((e) => [e.id, e.level, e.environment])).toEqual(before.map((e) => [e.id, e.level, e.environment]));
    expect(await db.identity.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ ownerId: owner.userId });
    expect((await db.credential.findFirstOrThrow({ where: { identityId: c.id } })).expiresAt).toBeNull();
    expect(await db.identity.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ neverExpires: true });
    expect(
      await db.auditEvent.count({ where: { targetId: a.id, action: "identity.scopes", reason: { startsWith: "rollback of review" } } }),
    ).toBe(1);
  });

  it("lets an admin or a script with a review.remediate token set the remediation status, and lists open tasks", async () => {
    const tag = "remediate";
    const a = await makeIdentity(db, { tag, ownerId: owner.userId });
    const { runId } = await launchTagged(db, clock, admin, tag);
    const itemId = await decide(runId, a.id, { decision: "suspend", decisionReason: "unused" });
    await expectError(updateRemediation({ actor: admin, db, clock, input: { itemId, status: "done" } }), "CONFLICT");
    await close(runId);
    const page = await listRemediation({ actor: admin, db, clock, input: { runId } });
    expect(page.total).toBe(1);
    expect(page.tasks[0]).toMatchObject({ id: itemId, summary: "set status suspended", remediationStatus: "open", platform: "aws" });
    const token = (scopes: string[]): TokenActor => ({
      type: "token",
      tokenId: randomUUID(),
      tokenKind: "service",
      label: "nhic_abcd1234 (iam-pipeline)",
      scopes,
      owner: { userId: admin.userId, email: admin.email, name: admin.name, roles: ["admin"] },
      request: admin.request,
    });
    await expectError(updateRemediation({ actor: token(["review.list"]), db, clock, input: { itemId, status: "done" } }), "FORBIDDEN");
    await updateRemediation({
      actor: token(["review.remediate"]),
      db,
      clock,
      input: { itemId, status: "failed", note: "IAM refused: policy attached elsewhere" },
    });
    expect(await db.reviewItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ remediationStatus: "failed" });
    await updateRemediation({ actor: admin, db, clock, input: { itemId, status: "done" } });
    expect((await listRemediation({ actor: admin, db, clock, input: { runId } })).total).toBe(0);
    await expectError(updateRemediation({ actor: owner, db, clock, input: { itemId, status: "open" } }), "FORBIDDEN");
    await expectError(updateRemediation({ actor: admin, db, clock, input: { itemId, status: "maybe" } }), "VALIDATION");
  });
});

describe("second stage and follow-up round", () => {
  it("moves matching items to the security reviewers, never to their first-stage decider, then closes", async () => {
    const tag = "stage2";
    const a = await makeIdentity(db, {
      tag,
      ownerId: owner.userId,
      scopes: [{ resource: "billing", level: "write", environment: "production" }],
    });
    const b = await makeIdentity(db, { tag, ownerId: owner.userId });
    const c = await makeIdentity(db, { tag, ownerId: sec1.userId });
    const { runId } = await launchTagged(db, clock, admin, tag, {
      secondStageItems: "revoked",
      secondStageReviewerIds: [sec1.userId, sec2.userId],
      secondStageDays: 5,
    });
    await decide(runId, a.id, { decision: "certify", decisionReason: "no longer writes" }, { billing: { decision: "revoke" } });
    await decide(runId, b.id, { decision: "certify" });
    await decide(runId, c.id, { decision: "suspend", decisionReason: "unused" }, {}, sec1);
    const first = await close(runId);
    expect(first).toMatchObject({ status: "open", stage: 2, secondStageItems: 2 });
    const run = await db.reviewRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.dueAt.getTime()).toBe(clock.now().getTime() + 5 * DAY);
    expect(await itemOf(runId, a.id)).toMatchObject({
      stage: 2,
      decision: null,
      firstStageDecision: "certify",
      firstStageDecidedById: owner.userId,
      reviewerId: sec1.userId,
      extraReviewerIds: [sec2.userId],
      reviewerRung: "second_stage",
    });
    expect(await itemOf(runId, c.id)).toMatchObject({ stage: 2, reviewerId: sec2.userId, extraReviewerIds: [] });
    expect(await itemOf(runId, b.id)).toMatchObject({ stage: 1, decision: "certify" });
    expect(await db.entitlement.count({ where: { identityId: a.id } })).toBe(1);
    const assigned = await db.outboxEvent.findMany({ where: { type: "review.assigned" } });
    const stage2 = assigned.filter((x) => (x.payload as { dedupeKey: string }).dedupeKey === `review:${runId}:stage2:assigned`);
    expect(stage2.flatMap((x) => (x.payload as { recipients: string[] }).recipients).sort()).toEqual([sec1.userId, sec2.userId].sort());

    await decide(runId, a.id, { decision: "certify", decisionReason: "confirmed" }, {}, sec1);
    const second = await close(runId);
    expect(second).toMatchObject({ status: "closed", stage: 2 });
    expect(await db.entitlement.count({ where: { identityId: a.id } })).toBe(0);
    expect(await itemOf(runId, b.id)).toMatchObject({ outcome: "kept" });
    // Nobody decided c in stage 2: the non-response action (keep and flag) applies.
    expect(await itemOf(runId, c.id)).toMatchObject({ outcome: "kept_flagged" });
  });

  it("re-opens undecided items in a follow-up round for their reviewers; the non-response action waits for its close", async () => {
    const tag = "followup";
    const a = await makeIdentity(db, { tag, ownerId: owner.userId });
    const b = await makeIdentity(db, { tag, ownerId: heir.userId });
    const { runId, campaignId } = await launchTagged(db, clock, admin, tag, {
      followUpRound: true,
      followUpDays: 5,
      nonResponseAction: "suspend",
    });
    await decide(runId, a.id, { decision: "certify" });
    const closed = await close(runId);
    expect(closed.followUpRunId).toBeTruthy();
    const followUp = await db.reviewRun.findUniqueOrThrow({ where: { id: closed.followUpRunId! }, include: { items: true } });
    expect(followUp).toMatchObject({ campaignId, trigger: "follow_up", parentRunId: runId, number: 2, status: "open" });
    expect(followUp.dueAt.getTime()).toBe(clock.now().getTime() + 5 * DAY);
    expect(followUp.items.map((i) => [i.identityId, i.reviewerId])).toEqual([[b.id, heir.userId]]);
    expect(await itemOf(runId, b.id)).toMatchObject({ outcome: "follow_up" });
    expect(await db.identity.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "active" });
    const told = await db.outboxEvent.findMany({ where: { type: "review.assigned" } });
    const forFollowUp = told.filter((x) => (x.payload as { data: { runId: string } }).data.runId === followUp.id);
    expect(forFollowUp.flatMap((x) => (x.payload as { recipients: string[] }).recipients)).toEqual([heir.userId]);
    const last = await close(followUp.id);
    expect(last.followUpRunId).toBeNull();
    expect(await db.identity.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "suspended" });
  });
});

describe("transactions", () => {
  it("leaves nothing half-applied when the close fails, and the job resumes it", async () => {
    const tag = "fails";
    const a = await makeIdentity(db, {
      tag,
      ownerId: owner.userId,
      scopes: [{ resource: "billing", level: "write", environment: "production" }],
    });
    const b = await makeIdentity(db, { tag, ownerId: owner.userId, name: "explode-on-update" });
    const { runId } = await launchTagged(db, clock, admin, tag);
    await decide(runId, a.id, { decision: "certify", decisionReason: "ok" }, { billing: { decision: "revoke" } });
    await decide(runId, b.id, { decision: "suspend", decisionReason: "unused" });
    await db.$executeRawUnsafe(`CREATE FUNCTION test_explode() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'explode-on-update' THEN RAISE EXCEPTION 'the registry is down'; END IF; RETURN NEW; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER test_explode BEFORE UPDATE ON "Identity" FOR EACH ROW EXECUTE FUNCTION test_explode()`);
    try {
      await expect(close(runId)).rejects.toThrow();
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER test_explode ON "Identity"`);
      await db.$executeRawUnsafe(`DROP FUNCTION test_explode()`);
    }
    expect(await db.reviewRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "closing" });
    expect(await db.entitlement.count({ where: { identityId: a.id } })).toBe(1);
    expect(await db.reviewItem.count({ where: { runId, appliedAt: { not: null } } })).toBe(0);
    expect(await db.identity.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "active" });
    const resumed = await endDueStages(db, clock, systemActor("system:job:reviews.endStage"));
    expect(resumed.failed).toEqual([]);
    expect(await db.reviewRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "closed", closedById: null });
    expect(await db.entitlement.count({ where: { identityId: a.id } })).toBe(0);
    expect(await db.identity.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "suspended" });
  });
});
