import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TokenActor, UserActor } from "@/lib/domain/authz/actor";
import { approveRequest } from "@/lib/domain/breakglass/approve-request";
import { cancelRequest } from "@/lib/domain/breakglass/cancel-request";
import { denyRequest } from "@/lib/domain/breakglass/deny-request";
import { editPolicy } from "@/lib/domain/breakglass/edit-policy";
import { effectiveStatus, isActive } from "@/lib/domain/breakglass/elevation-state";
import { killSwitch } from "@/lib/domain/breakglass/kill-switch";
import { listPolicy } from "@/lib/domain/breakglass/list-policy";
import { listRequests } from "@/lib/domain/breakglass/list-requests";
import { requestElevation } from "@/lib/domain/breakglass/request-elevation";
import { revokeRequest } from "@/lib/domain/breakglass/revoke-request";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import type { Clock } from "@/lib/domain/shared/clock";
import { createServiceToken } from "@/lib/domain/tokens/create-token";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// The break-glass lifecycle below the browser: request (people and tokens), the policy's limits, approvals by
// distinct people who are not the requester nor the identity's token sponsor, activation exact to the
// millisecond, denial, expiry of a pending request by the clock alone, cancel, drop, revoke, the emergency path
// and its after-action review, the refusal while the last break-glass is not closed out, overlap and extension,
// and the kill switch.

const T0 = new Date("2026-06-01T12:00:00.000Z");
let now = T0;
const clock: Clock = { now: () => now };
const MIN = 60_000;
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let approverA: UserActor;
let approverB: UserActor;
let owner: UserActor;
let stranger: UserActor;
let auditor: UserActor;
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  approverA = await makeUser(db, ["approver"]);
  approverB = await makeUser(db, ["approver"]);
  owner = await makeUser(db, ["member"]);
  stranger = await makeUser(db, ["member"]);
  auditor = await makeUser(db, ["auditor"]);
});
afterAll(() => database.close());
beforeEach(() => {
  now = T0;
});

async function identity(ownerId = owner.userId) {
  counter += 1;
  return createIdentity({
    actor: admin,
    db,
    clock,
    input: {
      name: `bg-bot-${counter}`,
      kind: "service_account",
      platform: "aws",
      externalId: `arn:aws:iam::123456789012:user/bg-bot-${counter}`,
      environment: "production",
      purpose: "Deploys the storefront",
      ownerId,
      tags: [],
    },
  });
}

const prodAdmin = [{ resource: "payments-db", action: "admin", level: "admin", environment: "production" }];
const stagingWrite = [{ resource: "payments-db", action: "write", level: "write", environment: "staging" }];

const ask = (actor: UserActor | TokenActor, input: Record<string, unknown>) =>
  requestElevation({ actor, db, clock, input: { reason: "Incident 42: restore the ledger", durationMinutes: 60, ...input } });
const approve = (actor: UserActor, id: string, extra: Record<string, unknown> = {}) =>
  approveRequest({ actor, db, clock, input: { id, ...extra } });
const lastEvent = (where: Record<string, unknown>) => db.auditEvent.findFirst({ where, orderBy: { seq: "desc" } });
const outbox = (type: string) => db.outboxEvent.findMany({ where: { type }, orderBy: { id: "asc" } });

describe("requesting", () => {
  it("files a pending request under the strictest policy row, telling approvers (never the requester)", async () => {
    const id = (await identity()).id;
    const scopes = [...stagingWrite, ...prodAdmin];
    const r = await ask(owner, { identityId: id, scopes });
    expect(r).toMatchObject({ status: "pending", active: false, approvalsRequired: 2, durationMinutes: 60, requesterId: owner.userId });
    expect(r.pendingUntil).toBe(new Date(T0.getTime() + 1440 * MIN).toISOString());
    const row = await db.breakGlassRequest.findUniqueOrThrow({ where: { id: r.id } });
    expect(row.policy).toMatchObject({ environment: "production", level: "admin", maxDurationMinutes: 240 });
    const event = (await outbox("breakglass.requested")).at(-1)!;
    const recipients = (event.payload as { recipients: string[] }).recipients;
    expect(recipients).toEqual(expect.arrayContaining([approverA.userId, approverB.userId, admin.userId]));
    expect(recipients).not.toContain(owner.userId);
    const audit = await lastEvent({ action: "breakglass.request" });
    expect(audit).toMatchObject({ outcome: "allowed", targetType: "breakglass-request", targetId: r.id });
  });

  it("holds the policy's limits: duration, ticket pattern, emergency; and refuses strangers (recorded)", async () => {
    const id = (await identity()).id;
    await expect(ask(owner, { identityId: id, scopes: prodAdmin, durationMinutes: 241 })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { durationMinutes: [expect.stringContaining("at most 240")] },
    });
    await expect(ask(owner, { identityId: id, scopes: stagingWrite, emergency: true })).rejects.toMatchObject({
      fieldErrors: { emergency: [expect.any(String)] },
    });
    await expect(ask(owner, { identityId: id, scopes: prodAdmin, reason: "" })).rejects.toMatchObject({
      fieldErrors: { reason: [expect.any(String)] },
    });
    await expect(ask(owner, { identityId: id, scopes: [] })).rejects.toMatchObject({ fieldErrors: { scopes: [expect.any(String)] } });
    await expect(ask(stranger, { identityId: id, scopes: prodAdmin })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await lastEvent({ actorId: stranger.userId })).toMatchObject({ action: "breakglass.request", outcome: "denied" });

    const row = (await listPolicy({ actor: admin, db, clock, input: {} })).find(
      (p) => p.environment === "non_production" && p.level === "write",
    )!;
    const edited = await editPolicy({ actor: admin, db, clock, input: { id: row.id, version: row.version, ticketPattern: "INC-\\d+" } });
    expect(edited).toMatchObject({ ticketPattern: "INC-\\d+", version: row.version + 1 });
    expect(await lastEvent({ action: "breakglass.policy" })).toMatchObject({
      before: { ticketPattern: null },
      after: { ticketPattern: "INC-\\d+" },
    });
    await expect(
      editPolicy({ actor: admin, db, clock, input: { id: row.id, version: row.version, approvalsRequired: 2 } }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      editPolicy({ actor: approverA, db, clock, input: { id: row.id, version: 2, approvalsRequired: 2 } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(editPolicy({ actor: admin, db, clock, input: { id: row.id, version: 2, ticketPattern: "(" } })).rejects.toMatchObject({
      fieldErrors: { ticketPattern: [expect.any(String)] },
    });
    await expect(editPolicy({ actor: admin, db, clock, input: { id: row.id, version: 2, ticketPattern: "(a+)+$" } })).rejects.toMatchObject(
      {
        fieldErrors: { ticketPattern: [expect.stringContaining("nested repetition")] },
      },
    );
    await expect(ask(owner, { identityId: id, scopes: stagingWrite })).rejects.toMatchObject({
      fieldErrors: { ticket: [expect.stringContaining("required")] },
    });
    await expect(ask(owner, { identityId: id, scopes: stagingWrite, ticket: "xINC-1" })).rejects.toMatchObject({
      fieldErrors: { ticket: [expect.stringContaining("pattern")] },
    });
    expect(await ask(owner, { identityId: id, scopes: stagingWrite, ticket: "INC-1" })).toMatchObject({
      status: "pending",
      ticket: "INC-1",
    });
    await editPolicy({ actor: admin, db, clock, input: { id: row.id, version: row.version + 1, ticketPattern: null } });
  });
});

describe("approving", () => {
  it("production admin needs two distinct approvers; the requester's own approval is refused and recorded; activation is exact", async () => {
    const id = (await identity()).id;
    const r = await ask(owner, { identityId: id, scopes: prodAdmin, startAt: "2026-06-01T11:00:00Z" });
    await expect(approve(owner, r.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await lastEvent({ actorId: owner.userId, action: "breakglass.approve" })).toMatchObject({ outcome: "denied", targetId: r.id });

    now = new Date(T0.getTime() + 5 * MIN);
    const first = await approve(approverA, r.id, { shortenTo: 45 });
    expect(first).toMatchObject({ status: "pending", active: false, durationMinutes: 45 });
    await expect(approve(approverA, r.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(approve(approverB, r.id, { shortenTo: 50 })).rejects.toMatchObject({ fieldErrors: { shortenTo: [expect.any(String)] } });
    now = new Date(T0.getTime() + 10 * MIN);
    const second = await approve(approverB, r.id);
    const activeFrom = now;
    const expiresAt = new Date(activeFrom.getTime() + 45 * MIN);
    expect(second).toMatchObject({
      status: "approved",
      active: true,
      activeFrom: activeFrom.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    expect(second.approvals.map((a) => a.approverId)).toEqual([approverA.userId, approverB.userId]);
    const row = await db.breakGlassRequest.findUniqueOrThrow({ where: { id: r.id } });
    expect(isActive(row, new Date(expiresAt.getTime() - 1))).toBe(true);
    expect(isActive(row, expiresAt)).toBe(false);
    expect(effectiveStatus(row, expiresAt)).toBe("ended");
    expect((await outbox("grant.activated")).some((e) => (e.payload as { data: { requestId: string } }).data.requestId === r.id)).toBe(
      true,
    );
    // Production admin requires an after-action review, due a day after the end.
    expect(await db.afterActionReview.findUnique({ where: { requestId: r.id } })).toMatchObject({
      dueAt: new Date(expiresAt.getTime() + 24 * 60 * MIN),
    });
    await expect(approve(admin, r.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a future start activates at startAt; one denial denies; the identity's token sponsor never approves", async () => {
    const id = (await identity()).id;
    const later = await ask(owner, { identityId: id, scopes: stagingWrite, startAt: "2026-06-01T15:00:00Z" });
    const approved = await approve(approverA, later.id);
    expect(approved).toMatchObject({ status: "approved", active: false, activeFrom: "2026-06-01T15:00:00.000Z" });
    const denied = await ask(owner, { identityId: id, scopes: [{ ...stagingWrite[0]!, resource: "other-db" }] });
    expect(await denyRequest({ actor: approverB, db, clock, input: { id: denied.id, reason: "No ticket" } })).toMatchObject({
      status: "denied",
    });
    await expect(approve(approverA, denied.id)).rejects.toMatchObject({ code: "CONFLICT" });

    const bot = await createServiceToken({ maxDays: 90 })({
      actor: admin,
      db,
      clock,
      input: { name: "sponsored-bot", purpose: "Deploys", kind: "service", ownerId: approverA.userId, scopes: ["registry.read"] },
    });
    const botIdentity = (await db.apiToken.findUniqueOrThrow({ where: { id: bot.token.id } })).identityId!;
    const r = await ask(admin, { identityId: botIdentity, scopes: stagingWrite });
    await expect(approve(approverA, r.id)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("sponsor") });
    expect(await approve(approverB, r.id)).toMatchObject({ status: "approved", active: true });
  });

  it("a pending request expires at pendingUntil to the millisecond, with no sweeper", async () => {
    const id = (await identity()).id;
    const r = await ask(owner, { identityId: id, scopes: stagingWrite });
    const until = new Date(r.pendingUntil);
    now = new Date(until.getTime() - 1);
    const page = await listRequests({ actor: owner, db, clock, input: { view: "mine", status: "pending", identityId: id } });
    expect(page.items.map((i) => i.id)).toEqual([r.id]);
    now = until;
    await expect(approve(approverA, r.id)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("expired") });
    const after = await listRequests({ actor: owner, db, clock, input: { view: "mine", identityId: id } });
    expect(after.items[0]).toMatchObject({ id: r.id, status: "expired", recordedStatus: "pending" });
    await expect(cancelRequest({ actor: owner, db, clock, input: { id: r.id } })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("an agent token files in its sponsor's name; tokens never approve", async () => {
    const id = (await identity()).id;
    const token: TokenActor = {
      type: "token",
      tokenId: "00000000-0000-4000-8000-000000000001",
      tokenKind: "agent",
      label: "nhic_ab12cd34 (triage-agent)",
      scopes: ["breakglass.request", "breakglass.approve"],
      owner: { userId: owner.userId, email: owner.email, name: owner.name, roles: ["member"] },
      request: owner.request,
    };
    const r = await ask(token, { identityId: id, scopes: stagingWrite });
    expect(r).toMatchObject({ requesterId: owner.userId, requesterTokenId: token.tokenId, status: "pending" });
    const approverToken: TokenActor = { ...token, owner: { userId: admin.userId, email: admin.email, name: admin.name, roles: ["admin"] } };
    await expect(approveRequest({ actor: approverToken, db, clock, input: { id: r.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(ask({ ...token, scopes: ["registry.read"] }, { identityId: id, scopes: stagingWrite })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("ending", () => {
  it("cancel (pending), drop (active: expiresAt = now, grant.revoked), revoke by an approver", async () => {
    const id = (await identity()).id;
    const pending = await ask(owner, { identityId: id, scopes: stagingWrite });
    await expect(cancelRequest({ actor: stranger, db, clock, input: { id: pending.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await cancelRequest({ actor: owner, db, clock, input: { id: pending.id } })).toMatchObject({ status: "cancelled" });

    const a = await ask(owner, { identityId: id, scopes: stagingWrite });
    await approve(approverA, a.id);
    now = new Date(T0.getTime() + 7 * MIN);
    const dropped = await cancelRequest({ actor: owner, db, clock, input: { id: a.id, reason: "I'm done" } });
    expect(dropped).toMatchObject({ status: "dropped", active: false, expiresAt: now.toISOString() });
    const revokedEvents = (await outbox("grant.revoked")).map((e) => (e.payload as { data: { requestId: string } }).data.requestId);
    expect(revokedEvents).toContain(a.id);

    const b = await ask(owner, { identityId: id, scopes: stagingWrite });
    await approve(approverA, b.id);
    await expect(revokeRequest({ actor: owner, db, clock, input: { id: b.id, reason: "x" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    now = new Date(T0.getTime() + 9 * MIN);
    expect(await revokeRequest({ actor: approverB, db, clock, input: { id: b.id, reason: "Incident over" } })).toMatchObject({
      status: "revoked",
      active: false,
      expiresAt: now.toISOString(),
    });
    await expect(revokeRequest({ actor: approverB, db, clock, input: { id: b.id, reason: "again" } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("overlap is refused unless it names the grant it extends", async () => {
    const id = (await identity()).id;
    const a = await ask(owner, { identityId: id, scopes: stagingWrite });
    await approve(approverA, a.id);
    await expect(ask(owner, { identityId: id, scopes: stagingWrite })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`/break-glass/${a.id}`),
    });
    const ext = await ask(owner, { identityId: id, scopes: stagingWrite, extendsRequestId: a.id, startAt: "2026-06-01T13:00:00Z" });
    expect(ext).toMatchObject({ status: "pending", extendsRequestId: a.id });
    expect(await approve(approverB, ext.id)).toMatchObject({ status: "approved" });
  });
});

describe("the emergency path and closing out", () => {
  it("activates at once, tells every approver, opens an after-action review; the next request waits until it is filed and the rotation recorded", async () => {
    const created = await identity();
    const r = await ask(owner, { identityId: created.id, scopes: prodAdmin, emergency: true });
    expect(r).toMatchObject({ status: "approved", active: true, activeFrom: T0.toISOString(), emergency: true });
    const emergency = (await outbox("breakglass.emergency")).at(-1)!.payload as { recipients: string[] };
    expect(emergency.recipients).toEqual(expect.arrayContaining([approverA.userId, approverB.userId, admin.userId]));
    expect(emergency.recipients).not.toContain(owner.userId);
    const review = await db.afterActionReview.findUniqueOrThrow({ where: { requestId: r.id } });
    expect(review.dueAt).toEqual(new Date(T0.getTime() + 24 * 60 * MIN));

    now = new Date(T0.getTime() + 120 * MIN);
    const refused = ask(owner, { identityId: created.id, scopes: stagingWrite });
    await expect(refused).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining(`/break-glass/${r.id}`) });
    // Filed (by the other engineer's use-case; written directly here), demanding a rotation.
    await db.afterActionReview.update({
      where: { id: review.id },
      data: { filedAt: now, reviewerId: approverA.userId, verdict: "justified", whatWasDone: "Restored", rotationRequired: true },
    });
    await expect(ask(owner, { identityId: created.id, scopes: stagingWrite })).rejects.toMatchObject({
      message: expect.stringContaining("rotation"),
    });
    now = new Date(T0.getTime() + 130 * MIN);
    await db.credential.updateMany({ where: { identityId: created.id }, data: { rotatedAt: now } });
    if ((await db.credential.count({ where: { identityId: created.id } })) === 0)
      await db.afterActionReview.update({ where: { id: review.id }, data: { rotationRecordedAt: now } });
    expect(await ask(owner, { identityId: created.id, scopes: stagingWrite })).toMatchObject({ status: "pending" });
  });
});

describe("what only a person may do on the emergency path", () => {
  it("a token's emergency request is refused naming the field; an extension of an open emergency waits for approvers", async () => {
    const id = (await identity()).id;
    const token: TokenActor = {
      type: "token",
      tokenId: "00000000-0000-4000-8000-000000000002",
      tokenKind: "agent",
      label: "nhic_cd34ef56 (oncall-agent)",
      scopes: ["breakglass.request"],
      owner: { userId: owner.userId, email: owner.email, name: owner.name, roles: ["member"] },
      request: owner.request,
    };
    await expect(ask(token, { identityId: id, scopes: prodAdmin, emergency: true })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { emergency: [expect.stringContaining("needs a person")] },
    });
    expect(await db.breakGlassRequest.count({ where: { identityId: id } })).toBe(0);

    // The owner's own emergency: its review is open, yet the same scopes may be extended (approved again, never
    // on the emergency path); the extension holds nothing the grant does not.
    const first = await ask(owner, { identityId: id, scopes: prodAdmin, emergency: true });
    await expect(ask(owner, { identityId: id, scopes: prodAdmin, extendsRequestId: first.id, emergency: true })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { emergency: [expect.stringContaining("extension")] },
    });
    const extension = await ask(owner, { identityId: id, scopes: prodAdmin, extendsRequestId: first.id });
    expect(extension).toMatchObject({ status: "pending", extendsRequestId: first.id, emergency: false });
  });
});

describe("the kill switch", () => {
  it("revokes every live elevation, cancels pending ones and suspends the identity in one audited step", async () => {
    const id = (await identity()).id;
    const a = await ask(owner, { identityId: id, scopes: stagingWrite });
    await approve(approverA, a.id);
    const p = await ask(owner, { identityId: id, scopes: [{ ...stagingWrite[0]!, resource: "queue" }] });
    await expect(killSwitch({ actor: owner, db, clock, input: { id, reason: "compromised" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    now = new Date(T0.getTime() + 3 * MIN);
    const result = await killSwitch({ actor: approverB, db, clock, input: { id, reason: "Key leaked" } });
    expect(result).toMatchObject({ status: "suspended", revoked: [a.id], cancelled: [p.id] });
    expect(await db.identity.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "suspended" });
    const rows = await db.breakGlassRequest.findMany({ where: { identityId: id } });
    expect(rows.every((row) => !isActive(row, now))).toBe(true);
    const actions = (await db.auditEvent.findMany({ where: { actorId: approverB.userId }, orderBy: { seq: "desc" }, take: 4 })).map(
      (e) => e.action,
    );
    expect(actions.sort()).toEqual(["breakglass.cancel", "breakglass.killSwitch", "breakglass.revoke", "identity.setStatus"]);
    expect((await outbox("grant.revoked")).map((e) => (e.payload as { data: { requestId: string } }).data.requestId)).toContain(a.id);
    await expect(ask(owner, { identityId: id, scopes: stagingWrite })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("lists", () => {
  it("mine, the approver queue (not mine), all for admins and auditors only", async () => {
    const id = (await identity()).id;
    const r = await ask(owner, { identityId: id, scopes: [{ ...stagingWrite[0]!, resource: "listed" }] });
    expect(
      (await listRequests({ actor: approverA, db, clock, input: { view: "queue", identityId: id } })).items.map((i) => i.id),
    ).toContain(r.id);
    expect((await listRequests({ actor: owner, db, clock, input: { view: "mine", identityId: id } })).total).toBe(1);
    expect((await listRequests({ actor: auditor, db, clock, input: { view: "all", identityId: id } })).total).toBe(1);
    await expect(listRequests({ actor: owner, db, clock, input: { view: "all" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listRequests({ actor: owner, db, clock, input: { view: "queue" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
