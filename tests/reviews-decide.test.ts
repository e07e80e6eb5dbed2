import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as decisionRoute from "@/app/api/reviews/items/[id]/decision/route";
import { serveApiRequest } from "@/lib/auth/api-route";
import type { UserActor } from "@/lib/domain/authz/actor";
import { bulkDecide } from "@/lib/domain/reviews/items/bulk-decide";
import { decideItem } from "@/lib/domain/reviews/items/decide-item";
import { getReviewItem } from "@/lib/domain/reviews/items/get-review-item";
import { reassignItem } from "@/lib/domain/reviews/items/reassign-item";
import { DomainError } from "@/lib/domain/shared/errors";
import { createPersonalToken } from "@/lib/domain/tokens/create-token";
import { makeUser } from "./helpers/actors";
import { DAY, launchTagged, makeIdentity, movableClock } from "./helpers/reviews";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-24T09:00:00Z");
let admin: UserActor;
let owner: UserActor;
let backup: UserActor;
let fallback: UserActor;
let other: UserActor;
let auditor: UserActor;
let heir: UserActor;

const ago = (days: number) => new Date(clock.now().getTime() - days * DAY);
const ahead = (days: number) => new Date(clock.now().getTime() + days * DAY);
const day = (d: Date) => d.toISOString().slice(0, 10);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  owner = await makeUser(db, ["member"]);
  backup = await makeUser(db, ["member"]);
  fallback = await makeUser(db, ["approver"]);
  other = await makeUser(db, ["member"]);
  auditor = await makeUser(db, ["auditor"]);
  heir = await makeUser(db, ["member"]);
});
afterAll(() => database.close());

async function failure(p: Promise<unknown>): Promise<DomainError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}
const expectError = async (p: Promise<unknown>, code: string, field?: string, text?: RegExp) => {
  const error = await failure(p);
  expect(error.code, error.message).toBe(code);
  if (field) expect(Object.keys(error.fieldErrors ?? {}), error.message).toContain(field);
  if (field && text) expect(error.fieldErrors?.[field]?.join(" ")).toMatch(text);
};

let tagNo = 0;
/**
 * A campaign over a few fresh identities owned by `owner` (backup `backup`), launched; returns the items by name.
 * "plain": a read scope in staging, used yesterday. "risky": admin in production + a read scope, unused 142 days.
 */
async function launch(fields: Record<string, unknown> = {}) {
  tagNo += 1;
  const tag = `dec${tagNo}`;
  const plain = await makeIdentity(db, {
    tag,
    name: `${tag}-plain`,
    ownerId: owner.userId,
    backupOwnerId: backup.userId,
    environment: "staging",
    credential: { type: "short_lived_token", issuedAt: ago(3), lastUsedAt: ago(1.5), expiresAt: ahead(30) },
    scopes: [{ resource: "reports", level: "read" }],
  });
  const risky = await makeIdentity(db, {
    tag,
    name: `${tag}-risky`,
    ownerId: owner.userId,
    backupOwnerId: backup.userId,
    credential: { issuedAt: ago(400), lastUsedAt: ago(142), expiresAt: ahead(100) },
    scopes: [
      { resource: "payments-db", level: "admin" },
      { resource: "ledger", level: "write" },
      { resource: "reports", level: "read", environment: "staging" },
    ],
  });
  const launched = await launchTagged(db, clock, admin, tag, { fallbackReviewerIds: [fallback.userId], ...fields });
  const items = await db.reviewItem.findMany({ where: { runId: launched.runId }, include: { scopes: true } });
  const item = (identityId: string) => items.find((i) => i.identityId === identityId)!;
  return { ...launched, plain: item(plain.id), risky: item(risky.id) };
}
const scopeOf = (item: { scopes: { id: string; resource: string }[] }, resource: string) =>
  item.scopes.find((s) => s.resource === resource)!.id;

describe("deciding an item", () => {
  it("certifies a plain item without a reason; a risky one needs a reason that names why", async () => {
    const { plain, risky } = await launch();
    const done = await decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify" } });
    expect(done).toMatchObject({ decision: "certify", decisionReason: null, applied: false });
    const row = await db.reviewItem.findUniqueOrThrow({ where: { id: plain.id } });
    expect(row).toMatchObject({ decision: "certify", decidedById: owner.userId, version: 2 });
    expect(row.decidedAt?.toISOString()).toBe(clock.now().toISOString());

    await expectError(
      decideItem({ actor: owner, db, clock, input: { id: risky.id, decision: "certify" } }),
      "VALIDATION",
      "decisionReason",
      /decisionReason is required to keep admin or write access in production/,
    );
    // Revoking the privileged scopes still keeps an unused identity: the reason is still asked for, in those words.
    await expectError(
      decideItem({
        actor: owner,
        db,
        clock,
        input: {
          id: risky.id,
          decision: "certify",
          scopes: [
            { id: scopeOf(risky, "payments-db"), decision: "reduce", reduceToLevel: "read" },
            { id: scopeOf(risky, "ledger"), decision: "reduce", reduceToEnvironment: "staging" },
          ],
        },
      }),
      "VALIDATION",
      "decisionReason",
      /unused/,
    );
    await decideItem({ actor: owner, db, clock, input: { id: risky.id, decision: "certify", decisionReason: "  Nightly settlement  " } });
    expect((await db.reviewItem.findUniqueOrThrow({ where: { id: risky.id } })).decisionReason).toBe("Nightly settlement");
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "review.decide", targetId: risky.id },
      orderBy: { seq: "desc" },
    });
    expect(event).toMatchObject({ outcome: "allowed", actorId: owner.userId, reason: "Nightly settlement", targetType: "review-item" });
  });

  it("revokes and reduces scopes: a revoke needs a reason; a reduce must reduce; unknown scopes are named", async () => {
    const { risky, plain } = await launch();
    const admin_ = scopeOf(risky, "payments-db");
    const write = scopeOf(risky, "ledger");
    const read = scopeOf(risky, "reports");
    const decide = (input: Record<string, unknown>) =>
      decideItem({ actor: owner, db, clock, input: { id: risky.id, decision: "certify", ...input } });
    await expectError(decide({ scopes: [{ id: admin_, decision: "revoke" }] }), "VALIDATION", "decisionReason", /to revoke a scope/);
    await expectError(
      decide({ decisionReason: "x", scopes: [{ id: read, decision: "reduce", reduceToLevel: "read" }] }),
      "VALIDATION",
      "scopes.0.reduceToLevel",
      /lower than the scope's level \(read\)/,
    );
    await expectError(
      decide({ decisionReason: "x", scopes: [{ id: read, decision: "reduce", reduceToEnvironment: "test" }] }),
      "VALIDATION",
      "scopes.0.reduceToEnvironment",
    );
    await expectError(decide({ decisionReason: "x", scopes: [{ id: write, decision: "reduce" }] }), "VALIDATION", "scopes.0.reduceToLevel");
    await expectError(
      decide({ decisionReason: "x", scopes: [{ id: write, decision: "reduce", reduceToEnvironment: "production" }] }),
      "VALIDATION",
      "scopes.0.reduceToEnvironment",
    );
    await expectError(
      decide({ decisionReason: "x", scopes: [{ id: scopeOf(plain, "reports"), decision: "revoke" }] }),
      "VALIDATION",
      "scopes.0.id",
    );
    await expectError(
      decide({ decisionReason: "x", scopes: [{ id: read, decision: "keep", reduceToLevel: "read" }] }),
      "VALIDATION",
      "scopes.0.reduceToLevel",
    );

    const done = await decide({
      decisionReason: "Only the ledger job still runs",
      scopes: [
        { id: admin_, decision: "revoke" },
        { id: write, decision: "reduce", reduceToLevel: "read", reduceToEnvironment: "staging" },
        { id: read, decision: "keep" },
      ],
    });
    expect(done.scopes.find((s) => s.id === admin_)).toMatchObject({ decision: "revoke" });
    const scopes = await db.reviewItemScope.findMany({ where: { itemId: risky.id } });
    const by = (id: string) => scopes.find((s) => s.id === id)!;
    expect(by(admin_).decision).toBe("revoke");
    expect(by(write)).toMatchObject({ decision: "reduce", reduceToLevel: "read", reduceToEnvironment: "staging" });
    expect(by(read).decision).toBe("keep");

    // Changing the decision replaces the whole set: scopes left out go back to undecided; audited before/after.
    await decide({ decisionReason: "Still needed after all", scopes: [{ id: write, decision: "keep" }] });
    const again = await db.reviewItemScope.findMany({ where: { itemId: risky.id } });
    expect(again.find((s) => s.id === admin_)!.decision).toBeNull();
    const events = await db.auditEvent.findMany({
      where: { action: "review.decide", targetId: risky.id, outcome: "allowed" },
      orderBy: { seq: "asc" },
    });
    expect(events).toHaveLength(2);
    expect(events[1]!.before).toMatchObject({
      decision: "certify",
      scopes: expect.arrayContaining([{ scope: "payments-db:admin", decision: "revoke" }]),
    });
    expect(events[1]!.after).toMatchObject({ decision: "certify", scopes: [{ scope: "ledger:write", decision: "keep" }] });
  });

  it("keep until a date sets or shortens the expiry, never lengthens it; rotation and transfer check their fields", async () => {
    const { plain, risky } = await launch();
    const decide = (id: string, input: Record<string, unknown>) => decideItem({ actor: owner, db, clock, input: { id, ...input } });
    await expectError(decide(plain.id, { decision: "keep_until" }), "VALIDATION", "keepUntil", /required/);
    await expectError(decide(plain.id, { decision: "keep_until", keepUntil: day(ago(1)) }), "VALIDATION", "keepUntil", /future/);
    await expectError(decide(plain.id, { decision: "keep_until", keepUntil: day(ahead(60)) }), "VALIDATION", "keepUntil", /never lengthen/);
    await expectError(decide(plain.id, { decision: "keep_until", keepUntil: "2026-02-30" }), "VALIDATION", "keepUntil");
    await expectError(decide(plain.id, { decision: "certify", keepUntil: day(ahead(10)) }), "VALIDATION", "keepUntil", /only for/);
    const kept = await decide(plain.id, { decision: "keep_until", keepUntil: day(ahead(20)) });
    expect(kept.keepUntil).toBe(`${day(ahead(20))}T00:00:00.000Z`);
    // Risky: keep-until keeps access, so a reason is needed.
    await expectError(decide(risky.id, { decision: "keep_until", keepUntil: day(ahead(20)) }), "VALIDATION", "decisionReason");

    await expectError(decide(plain.id, { decision: "rotate_by" }), "VALIDATION", "rotateBy");
    await expectError(decide(plain.id, { decision: "rotate_by", rotateBy: day(ago(2)) }), "VALIDATION", "rotateBy", /future/);
    expect(await decide(risky.id, { decision: "rotate_by", rotateBy: day(ahead(7)) })).toMatchObject({ decision: "rotate_by" });

    await expectError(decide(plain.id, { decision: "transfer" }), "VALIDATION", "transferToId", /required/);
    await expectError(
      decide(plain.id, { decision: "transfer", transferToId: auditor.userId, decisionReason: "Moved teams" }),
      "VALIDATION",
      "transferToId",
      /cannot own/,
    );
    await expectError(
      decide(plain.id, { decision: "transfer", transferToId: owner.userId, decisionReason: "Moved teams" }),
      "VALIDATION",
      "transferToId",
      /already owns/,
    );
    await expectError(
      decide(plain.id, { decision: "transfer", transferToId: heir.userId }),
      "VALIDATION",
      "decisionReason",
      /transfer ownership/,
    );
    expect(
      await decide(plain.id, { decision: "transfer", transferToId: heir.userId, decisionReason: "Moved to the data team, who run it now" }),
    ).toMatchObject({ transferToId: heir.userId });
  });

  it("suspend and decommission need a reason and cover the whole identity", async () => {
    const { plain, risky } = await launch();
    await expectError(
      decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "suspend" } }),
      "VALIDATION",
      "decisionReason",
      /to suspend/,
    );
    await expectError(
      decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "decommission" } }),
      "VALIDATION",
      "decisionReason",
      /to decommission/,
    );
    await expectError(
      decideItem({
        actor: owner,
        db,
        clock,
        input: { id: risky.id, decision: "suspend", decisionReason: "x", scopes: [{ id: scopeOf(risky, "ledger"), decision: "revoke" }] },
      }),
      "VALIDATION",
      "scopes.0.decision",
    );
    expect(
      await decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "suspend", decisionReason: "Replaced by OIDC" } }),
    ).toMatchObject({
      decision: "suspend",
    });
    expect(
      await decideItem({ actor: owner, db, clock, input: { id: risky.id, decision: "decommission", decisionReason: "Team gone" } }),
    ).toMatchObject({ decision: "decommission" });
  });

  it("refuses a secret-looking or over-long reason, naming decisionReason", async () => {
    const { plain } = await launch();
    await expectError(
      decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "suspend", decisionReason: "AKIAIOSFODNN7EXAMPLE" } }),
      "VALIDATION",
      "decisionReason",
    );
    await expectError(
      decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "suspend", decisionReason: "x".repeat(1001) } }),
      "VALIDATION",
      "decisionReason",
    );
  });
});

describe("who may decide", () => {
  it("refuses anyone the item is not assigned to, and an auditor, each recorded", async () => {
    const { plain } = await launch();
    await expectError(decideItem({ actor: other, db, clock, input: { id: plain.id, decision: "certify" } }), "FORBIDDEN");
    expect(
      await db.auditEvent.findFirst({ where: { action: "review.decide", actorId: other.userId, outcome: "denied", targetId: plain.id } }),
    ).not.toBeNull();
    // Admins are not reviewers by role.
    await expectError(decideItem({ actor: admin, db, clock, input: { id: plain.id, decision: "certify" } }), "FORBIDDEN");
    await expectError(decideItem({ actor: auditor, db, clock, input: { id: plain.id, decision: "certify" } }), "FORBIDDEN");
    expect(
      await db.auditEvent.findFirst({ where: { action: "review.decide", actorId: auditor.userId, outcome: "denied" } }),
    ).not.toBeNull();
    // Reading: the reviewer, admins and auditors; not another member.
    expect((await getReviewItem({ actor: owner, db, clock, input: { id: plain.id } })).may).toMatchObject({ decide: true, reassign: true });
    expect((await getReviewItem({ actor: auditor, db, clock, input: { id: plain.id } })).may).toMatchObject({
      decide: false,
      reassign: false,
    });
    expect((await getReviewItem({ actor: admin, db, clock, input: { id: plain.id } })).may).toMatchObject({
      decide: false,
      reassign: true,
    });
    await expectError(getReviewItem({ actor: other, db, clock, input: { id: plain.id } }), "FORBIDDEN");
    expect(
      await db.auditEvent.findFirst({ where: { action: "review.inbox", actorId: other.userId, outcome: "denied", targetId: plain.id } }),
    ).not.toBeNull();
  });

  it("refuses every API token, whatever its scopes (recorded under the token)", async () => {
    const { plain } = await launch();
    const created = await createPersonalToken({ maxDays: 90 })({
      actor: owner,
      db,
      clock,
      input: { name: "reviewer script", purpose: "Reads my review inbox", scopes: ["review.inbox"] },
    });
    const request = new Request(`http://console.test/api/reviews/items/${plain.id}/decision`, {
      method: "POST",
      headers: { host: "console.test", authorization: `Bearer ${created.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ decision: "certify" }),
    });
    const { response } = await serveApiRequest(
      decisionRoute.POST.handler as Parameters<typeof serveApiRequest>[0],
      request,
      { id: plain.id },
      { db, clock, publicUrl: "http://console.test", sessionActor: async () => null },
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(/API token may not/);
    expect(
      await db.auditEvent.findFirst({ where: { action: "review.decide", actorId: created.token.id, outcome: "denied" } }),
    ).not.toBeNull();
    expect((await db.reviewItem.findUniqueOrThrow({ where: { id: plain.id } })).decision).toBeNull();
  });

  it("in a second stage, the first stage's decider may not decide again", async () => {
    const { plain, runId } = await launch();
    await decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify" } });
    // The engine moves the run on: stage 2, the item to a security reviewer, the owner among its reviewers too.
    await db.reviewRun.update({ where: { id: runId }, data: { stage: 2 } });
    await db.reviewItem.update({
      where: { id: plain.id },
      data: {
        stage: 2,
        firstStageDecidedById: owner.userId,
        firstStageDecision: "certify",
        decision: null,
        decidedAt: null,
        decidedById: null,
        reviewerId: fallback.userId,
        reviewerRung: "second_stage",
        extraReviewerIds: [owner.userId],
      },
    });
    const error = await failure(decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify" } }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/first stage/);
    expect(await decideItem({ actor: fallback, db, clock, input: { id: plain.id, decision: "certify" } })).toMatchObject({
      decision: "certify",
    });
    // Nor may it be handed back to them.
    await expectError(reassignItem({ actor: admin, db, clock, input: { id: plain.id, toUserId: owner.userId } }), "VALIDATION", "toUserId");
  });

  it("a closed run, or a stage past its end, takes no decision", async () => {
    const { plain, risky, runId } = await launch();
    await decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify" } });
    const run = await db.reviewRun.findUniqueOrThrow({ where: { id: runId } });
    const later = movableClock(run.endsAt.toISOString());
    await expectError(decideItem({ actor: owner, db, clock: later, input: { id: plain.id, decision: "certify" } }), "CONFLICT");
    await db.reviewRun.update({ where: { id: runId }, data: { status: "closed" } });
    const error = await failure(decideItem({ actor: owner, db, clock, input: { id: risky.id, decision: "certify", decisionReason: "x" } }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/closed/);
    expect((await getReviewItem({ actor: owner, db, clock, input: { id: plain.id } })).may.decide).toBe(false);
  });

  it("apply mode as_decided hands the decision to the engine's apply in the same transaction", async () => {
    const { plain } = await launch({ applyMode: "as_decided" });
    // The engine's apply is not in place in this tree or refuses: either way the decision and its apply stand or fall together.
    const outcome = await decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify" } }).then(
      (r) => ({ ok: true as const, applied: r.applied }),
      (e: unknown) => ({ ok: false as const, error: e }),
    );
    const row = await db.reviewItem.findUniqueOrThrow({ where: { id: plain.id } });
    if (outcome.ok) {
      expect(outcome.applied).toBe(true);
      expect(row.decision).toBe("certify");
    } else expect(row.decision).toBeNull();
  });
});

describe("don't know", () => {
  it("passes the item down the rule (owner, backup, fallback, campaign owner), skipping who said it; CONFLICT at the end", async () => {
    const { plain } = await launch();
    const pass = (actor: UserActor) => decideItem({ actor, db, clock, input: { id: plain.id, decision: "dont_know" } });
    await decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify" } });
    expect((await pass(owner)).passedTo).toEqual({ userId: backup.userId, rung: "backup_owner" });
    let row = await db.reviewItem.findUniqueOrThrow({ where: { id: plain.id } });
    // The decision made before is withdrawn: the item is undecided again.
    expect(row).toMatchObject({ decision: null, decidedAt: null, reviewerId: backup.userId, reviewerRung: "backup_owner" });
    await expectError(decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify" } }), "FORBIDDEN");
    const notice = (await db.outboxEvent.findMany({ where: { type: "review.assigned" } }))
      .map((e) => e.payload as { dedupeKey: string; recipients: string[]; link: string })
      .find((p) => p.dedupeKey === `review:${plain.id}:assigned:${backup.userId}`);
    expect(notice).toMatchObject({ recipients: [backup.userId], link: `/reviews/items/${plain.id}` });

    expect((await pass(backup)).passedTo).toEqual({ userId: fallback.userId, rung: "fallback" });
    expect((await pass(fallback)).passedTo).toEqual({ userId: admin.userId, rung: "campaign_owner" });
    // The campaign owner hands it back to the owner; passing on again skips everyone who said "don't know",
    // so it comes back to the campaign owner, and past the last rung nobody is left.
    await reassignItem({ actor: admin, db, clock, input: { id: plain.id, toUserId: owner.userId } });
    expect((await pass(owner)).passedTo).toEqual({ userId: admin.userId, rung: "campaign_owner" });
    await expectError(pass(admin), "CONFLICT");
    row = await db.reviewItem.findUniqueOrThrow({ where: { id: plain.id } });
    expect(row.reviewerId).toBe(admin.userId);
    const events = await db.auditEvent.findMany({ where: { action: "review.decide", targetId: plain.id, outcome: "allowed" } });
    expect(events.filter((e) => (e.after as { decision?: string }).decision === "dont_know")).toHaveLength(4);
  });

  it("skips a deactivated backup owner", async () => {
    const gone = await makeUser(db, ["member"], { status: "deactivated" });
    const { plain } = await launch();
    await db.reviewItem.update({ where: { id: plain.id }, data: { backupOwnerId: gone.userId } });
    expect((await decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "dont_know" } })).passedTo).toEqual({
      userId: fallback.userId,
      rung: "fallback",
    });
  });
});

describe("reassignment", () => {
  it("by the reviewer or an admin, to an eligible person, audited, notified, no date moved", async () => {
    const { plain, runId } = await launch();
    const before = await db.reviewRun.findUniqueOrThrow({ where: { id: runId } });
    await expectError(reassignItem({ actor: other, db, clock, input: { id: plain.id, toUserId: other.userId } }), "FORBIDDEN");
    await expectError(
      reassignItem({ actor: owner, db, clock, input: { id: plain.id, toUserId: auditor.userId } }),
      "VALIDATION",
      "toUserId",
    );
    await expectError(reassignItem({ actor: owner, db, clock, input: { id: plain.id, toUserId: owner.userId } }), "VALIDATION", "toUserId");
    const done = await reassignItem({
      actor: owner,
      db,
      clock,
      input: { id: plain.id, toUserId: heir.userId, reason: "Heir runs it now" },
    });
    expect(done).toMatchObject({ reviewerId: heir.userId, reviewerRung: "reassigned", dueAt: before.dueAt.toISOString() });
    const row = await db.reviewItem.findUniqueOrThrow({ where: { id: plain.id } });
    expect(row).toMatchObject({ reviewerId: heir.userId, reviewerRung: "reassigned" });
    const after = await db.reviewRun.findUniqueOrThrow({ where: { id: runId } });
    expect([after.dueAt, after.endsAt]).toEqual([before.dueAt, before.endsAt]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "review.reassign", targetId: plain.id, outcome: "allowed" } });
    expect(event).toMatchObject({ outcome: "allowed", reason: "Heir runs it now", actorId: owner.userId });
    expect(event.after).toMatchObject({ reviewerId: heir.userId });
    const notices = (await db.outboxEvent.findMany({ where: { type: "review.assigned" } })).map((e) => e.payload as { dedupeKey: string });
    expect(notices.some((n) => n.dedupeKey === `review:${plain.id}:assigned:${heir.userId}`)).toBe(true);
    // The old reviewer may no longer decide; the new one may; an admin may reassign it on.
    await expectError(decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify" } }), "FORBIDDEN");
    await decideItem({ actor: heir, db, clock, input: { id: plain.id, decision: "certify" } });
    await reassignItem({ actor: admin, db, clock, input: { id: plain.id, toUserId: backup.userId } });
  });
});

describe("bulk decide", () => {
  it("decides the allowed items in one go, reports and records the refused ones, one event per item", async () => {
    const mine = await launch();
    const others = await launch();
    await db.reviewItem.update({ where: { id: others.plain.id }, data: { reviewerId: other.userId } });
    const missing = "00000000-0000-4000-8000-000000000000";
    const ids = [mine.plain.id, mine.risky.id, others.plain.id, missing];
    await expectError(
      bulkDecide({ actor: owner, db, clock, input: { ids, decision: "certify" } }),
      "VALIDATION",
      "decisionReason",
      /1 of the selected/,
    );
    await expectError(bulkDecide({ actor: owner, db, clock, input: { ids, decision: "keep_until" } }), "VALIDATION", "keepUntil");
    await expectError(bulkDecide({ actor: owner, db, clock, input: { ids: [], decision: "certify" } }), "VALIDATION", "ids");
    const result = await bulkDecide({
      actor: owner,
      db,
      clock,
      input: { ids, decision: "certify", decisionReason: "Quarterly check done" },
    });
    expect(result).toMatchObject({ matched: 3, decided: 2, refused: 1, skipped: 0, missing: 1 });
    expect(result.refusals[0]).toMatchObject({ id: others.plain.id, reason: expect.stringMatching(/assigned/) });
    const rows = await db.reviewItem.findMany({ where: { id: { in: ids } } });
    expect(rows.find((r) => r.id === mine.risky.id)).toMatchObject({
      decision: "certify",
      decisionReason: "Quarterly check done",
      decidedById: owner.userId,
    });
    expect(rows.find((r) => r.id === others.plain.id)!.decision).toBeNull();
    const events = await db.auditEvent.findMany({ where: { action: "review.decide", targetId: { in: ids }, actorId: owner.userId } });
    expect(events.filter((e) => e.outcome === "allowed")).toHaveLength(2);
    expect(events.filter((e) => e.outcome === "denied")).toHaveLength(1);
  });

  it("revokes the risky scopes and keeps the rest; skips items with none; keep-until skips items it would lengthen", async () => {
    const { plain, risky } = await launch();
    const result = await bulkDecide({
      actor: owner,
      db,
      clock,
      input: { ids: [plain.id, risky.id], decision: "revoke_risky", decisionReason: "Least privilege" },
    });
    expect(result).toMatchObject({ decided: 1, skipped: 1, skips: [{ id: plain.id, reason: "it has no risky scope to revoke" }] });
    const scopes = await db.reviewItemScope.findMany({ where: { itemId: risky.id } });
    expect(scopes.map((s) => [s.resource, s.decision]).sort()).toEqual([
      ["ledger", "revoke"],
      ["payments-db", "revoke"],
      ["reports", null],
    ]);
    expect((await db.reviewItem.findUniqueOrThrow({ where: { id: risky.id } })).decision).toBe("certify");

    const kept = await bulkDecide({
      actor: owner,
      db,
      clock,
      input: { ids: [plain.id, risky.id], decision: "keep_until", keepUntil: day(ahead(45)), decisionReason: "Until the migration" },
    });
    // plain's credential expires in 30 days: 45 would lengthen it.
    expect(kept).toMatchObject({ decided: 1, skipped: 1 });
    expect(kept.skips[0]).toMatchObject({ id: plain.id, reason: expect.stringMatching(/never lengthen/) });
  });

  it("refuses an auditor before reading anything, and refuses more than 1,000 items", async () => {
    await expectError(bulkDecide({ actor: auditor, db, clock, input: { ids: [], decision: "certify" } }), "FORBIDDEN");
    expect(
      await db.auditEvent.findFirst({ where: { action: "review.decide", actorId: auditor.userId, outcome: "denied", targetId: null } }),
    ).not.toBeNull();
    const ids = Array.from({ length: 1001 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    await expectError(bulkDecide({ actor: owner, db, clock, input: { ids, decision: "certify" } }), "VALIDATION", "ids");
  });
});
