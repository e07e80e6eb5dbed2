import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type TokenActor, type UserActor } from "@/lib/domain/authz/actor";
import { approveRequest } from "@/lib/domain/breakglass/approve-request";
import { denyRequest } from "@/lib/domain/breakglass/deny-request";
import { getRequest } from "@/lib/domain/breakglass/get-request";
import { activeElevations, identityElevations } from "@/lib/domain/breakglass/identity-elevations";
import { killSwitch } from "@/lib/domain/breakglass/kill-switch";
import { listRequests } from "@/lib/domain/breakglass/list-requests";
import { requestElevation } from "@/lib/domain/breakglass/request-elevation";
import { requestableIdentities } from "@/lib/domain/breakglass/requestable-identities";
import { expirePending } from "@/lib/domain/breakglass/sweep";
import { getMyWork } from "@/lib/domain/notifications/my-work";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import type { Clock } from "@/lib/domain/shared/clock";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// What the break-glass pages read: one request with its identity's context, its timeline from the audit log and
// what the reader may do; the lists (mine, the approver's queue, active now, the history with filters); an
// identity's live and waiting elevations; and who may read what.

const T0 = new Date("2026-06-01T12:00:00.000Z");
let now = T0;
const clock: Clock = { now: () => now };
const MIN = 60_000;
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let approver: UserActor;
let owner: UserActor;
let stranger: UserActor;
let auditor: UserActor;
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  approver = await makeUser(db, ["approver"]);
  owner = await makeUser(db, ["member"]);
  stranger = await makeUser(db, ["member"]);
  auditor = await makeUser(db, ["auditor"]);
});
afterAll(() => database.close());

async function identity(environment = "production") {
  counter += 1;
  const created = await createIdentity({
    actor: admin,
    db,
    clock,
    input: {
      name: `view-bot-${counter}`,
      kind: "service_account",
      platform: "aws",
      externalId: `view-bot-${counter}`,
      environment,
      purpose: "Moves money",
      ownerId: owner.userId,
      tags: [],
    },
  });
  // What it holds standing, for the approver's context.
  await db.entitlement.create({ data: { identityId: created.id, resource: "ledger", action: "read", level: "read", environment } });
  return created;
}

const ask = (identityId: string, scope: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  requestElevation({
    actor: owner,
    db,
    clock,
    input: { identityId, scopes: [scope], reason: "Incident 7: fix the ledger", durationMinutes: 60, ...extra },
  });
const prodWrite = { resource: "ledger", action: "write", level: "write", environment: "production" };
const stagingWrite = { resource: "ledger", action: "write", level: "write", environment: "staging" };

describe("one request", () => {
  it("shows its identity's context, earlier elevations, its timeline (refusals too) and what the reader may do", async () => {
    now = T0;
    const id = (await identity()).id;
    const first = await ask(id, prodWrite);
    await approveRequest({ actor: approver, db, clock, input: { id: first.id } });
    now = new Date(T0.getTime() + 2 * 60 * MIN);
    const second = await ask(id, prodWrite);
    await expect(approveRequest({ actor: owner, db, clock, input: { id: second.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const seenByApprover = await getRequest({ actor: approver, db, clock, input: { id: second.id } });
    expect(seenByApprover.asOf).toBe(now.toISOString());
    expect(seenByApprover.context.identity).toMatchObject({ id, environment: "production", purpose: "Moves money" });
    expect(seenByApprover.context.identity.owner?.id).toBe(owner.userId);
    expect(seenByApprover.context.identity.scopes).toEqual([
      { resource: "ledger", action: "read", level: "read", environment: "production" },
    ]);
    expect(seenByApprover.context.earlier).toEqual([expect.objectContaining({ id: first.id, status: "ended" })]);
    // Who acted, by name (with their email), as the console shows people everywhere.
    expect(seenByApprover.timeline.map((e) => [e.action, e.outcome, e.person?.name, e.person?.email, e.note])).toEqual([
      ["breakglass.request", "allowed", owner.name, owner.email, null],
      ["breakglass.approve", "denied", owner.name, owner.email, null],
    ]);
    expect(seenByApprover.may).toEqual({ approve: true, deny: true, cancel: false, drop: false, revoke: false, fileAfterAction: false });
    const seenByOwner = await getRequest({ actor: owner, db, clock, input: { id: second.id } });
    expect(seenByOwner.may).toMatchObject({ approve: false, deny: false, cancel: true, drop: false });
    expect(seenByOwner.requester?.id).toBe(owner.userId);

    // Once approved it is live: the requester may drop it, an approver revoke it; no one approves it again.
    await approveRequest({ actor: approver, db, clock, input: { id: second.id, reason: "Checked with the on-call lead" } });
    // The approver's note is on the approval's step of the timeline; the deciders are in people, the refused owner as requester.
    const approved = await getRequest({ actor: auditor, db, clock, input: { id: second.id } });
    expect(approved.timeline.at(-1)).toMatchObject({
      action: "breakglass.approve",
      outcome: "allowed",
      person: { id: approver.userId, name: approver.name, email: approver.email },
      note: "Checked with the on-call lead",
    });
    expect(Object.keys(approved.people).sort()).toEqual([approver.userId, owner.userId].sort());
    expect((await getRequest({ actor: owner, db, clock, input: { id: second.id } })).may).toMatchObject({ drop: true, cancel: false });
    expect((await getRequest({ actor: admin, db, clock, input: { id: second.id } })).may).toMatchObject({
      approve: false,
      revoke: true,
      drop: false,
    });
    expect((await getRequest({ actor: auditor, db, clock, input: { id: second.id } })).may).toEqual({
      approve: false,
      deny: false,
      cancel: false,
      drop: false,
      revoke: false,
      fileAfterAction: false,
    });
  });

  it("is refused (and recorded) to a member with no part in it, whether or not it exists; readers of all learn an id is unknown", async () => {
    now = T0;
    const request = await ask((await identity()).id, stagingWrite);
    await expect(getRequest({ actor: stranger, db, clock, input: { id: request.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const recorded = await db.auditEvent.findFirst({
      where: { actorId: stranger.userId, action: "breakglass.read", outcome: "denied", targetId: request.id },
    });
    expect(recorded).not.toBeNull();
    const unknown = { id: "00000000-0000-4000-8000-000000000000" };
    await expect(getRequest({ actor: stranger, db, clock, input: unknown })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getRequest({ actor: admin, db, clock, input: unknown })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getRequest({ actor: admin, db, clock, input: { id: "nope" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { id: [expect.stringContaining("break-glass request id")] },
    });
  });

  it("names people in its timeline (two of one name told apart by email), tokens and the system by label, with the denial's note", async () => {
    now = new Date("2026-06-10T12:00:00.000Z");
    const id = (await identity()).id;
    const namesake = await makeUser(db, ["approver"]);
    await db.user.update({ where: { id: namesake.userId }, data: { name: approver.name } });
    const token: TokenActor = {
      type: "token",
      tokenId: "00000000-0000-4000-8000-000000000077",
      tokenKind: "service",
      label: "nhic_view0077 (deployer)",
      scopes: ["breakglass.approve"],
      owner: { userId: approver.userId, email: approver.email, name: approver.name, roles: ["approver"] },
      request: approver.request,
    };
    const denied = await ask(id, prodWrite);
    await expect(approveRequest({ actor: token, db, clock, input: { id: denied.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await denyRequest({ actor: namesake, db, clock, input: { id: denied.id, reason: "No incident ticket" } });
    const seen = await getRequest({ actor: auditor, db, clock, input: { id: denied.id } });
    const who = (p: UserActor) => ({ id: p.userId, name: p.name, email: p.email });
    expect(seen.timeline.map((e) => [e.action, e.outcome, e.person, e.person ? null : e.actorLabel, e.note])).toEqual([
      ["breakglass.request", "allowed", who(owner), null, null],
      ["breakglass.approve", "denied", null, `nhic_view0077 (deployer) for ${approver.email}`, null],
      ["breakglass.approve", "allowed", { ...who(namesake), name: approver.name }, null, "No incident ticket"],
    ]);

    // The sweeper's step is the system's, by its label.
    const expiring = await ask(id, { ...prodWrite, resource: "ledger-expiring" });
    now = new Date(now.getTime() + 30 * 24 * 60 * MIN);
    expect(await expirePending(db, clock, systemActor("breakglass sweeper"))).toBeGreaterThan(0);
    const expired = await getRequest({ actor: auditor, db, clock, input: { id: expiring.id } });
    expect(expired.timeline.at(-1)).toMatchObject({ actorType: "system", actorLabel: "breakglass sweeper", person: null, note: null });
  });
});

describe("the lists", () => {
  it("the queue leaves out what the approver already decided; active now is by the clock; filters narrow the history", async () => {
    now = new Date("2026-07-01T12:00:00.000Z");
    const prod = (await identity()).id;
    const staging = (await identity("staging")).id;
    const live = await ask(prod, prodWrite);
    const waiting = await ask(staging, stagingWrite, { ticket: "CHG-1" });
    const queue = async (actor: UserActor) =>
      (await listRequests({ actor, db, clock, input: { view: "queue", identityId: staging } })).items.map((i) => i.id);
    expect(await queue(approver)).toEqual([waiting.id]);
    await approveRequest({ actor: approver, db, clock, input: { id: live.id } });
    const active = await listRequests({ actor: auditor, db, clock, input: { view: "active", identityId: prod } });
    expect(active.items.map((i) => [i.id, i.active, i.requesterName])).toEqual([[live.id, true, expect.any(String)]]);
    expect(active.asOf).toBe(now.toISOString());

    // An hour later it has ended: no longer active, "ended" in the history before any sweeper ran.
    now = new Date(now.getTime() + 60 * MIN);
    expect((await listRequests({ actor: auditor, db, clock, input: { view: "active", identityId: prod } })).total).toBe(0);
    const history = (input: Record<string, unknown>) => listRequests({ actor: approver, db, clock, input: { view: "all", ...input } });
    expect((await history({ identityId: prod, status: "ended" })).items.map((i) => i.id)).toEqual([live.id]);
    const byEnvironment = await history({ environment: "non_production", from: "2026-07-01", to: "2026-07-01" });
    expect(byEnvironment.items.map((i) => i.id)).toContain(waiting.id);
    expect(byEnvironment.items.map((i) => i.id)).not.toContain(live.id);
    expect((await history({ environment: "production", from: "2026-07-02" })).items.map((i) => i.id)).not.toContain(live.id);
    expect((await history({ emergency: "true", identityId: prod })).total).toBe(0);

    await expect(listRequests({ actor: owner, db, clock, input: { view: "active" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listRequests({ actor: approver, db, clock, input: { view: "all", from: "yesterday" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { from: [expect.stringContaining("YYYY-MM-DD")] },
    });
  });
});

describe("an identity's elevations", () => {
  it("lists what is live (with its end) and what waits; a registry page asks for all its identities at once", async () => {
    now = new Date("2026-08-01T12:00:00.000Z");
    const id = (await identity()).id;
    const other = (await identity()).id;
    const live = await ask(id, prodWrite);
    await approveRequest({ actor: approver, db, clock, input: { id: live.id } });
    const later = await ask(
      id,
      { ...prodWrite, resource: "ledger-archive" },
      { startAt: new Date(now.getTime() + 30 * MIN).toISOString() },
    );
    const pending = await ask(id, { ...prodWrite, resource: "ledger-reports" });
    await approveRequest({ actor: approver, db, clock, input: { id: later.id } });

    const seen = await identityElevations({ actor: owner, db, clock, input: { identityId: id } });
    expect(seen.active.map((e) => [e.requestId, e.expiresAt])).toEqual([[live.id, new Date(now.getTime() + 60 * MIN).toISOString()]]);
    expect(seen.waiting.map((w) => [w.requestId, w.status])).toEqual([
      [later.id, "scheduled"],
      [pending.id, "pending"],
    ]);
    expect(seen.may).toEqual({ request: true, killSwitch: false });
    expect((await identityElevations({ actor: approver, db, clock, input: { identityId: id } })).may.killSwitch).toBe(true);
    expect(seen.nothingToStop).toBe(false);

    const page = await activeElevations({ actor: auditor, db, clock, input: { identityIds: [id, other] } });
    expect(Object.keys(page.byIdentity)).toEqual([id]);
    // Half an hour on, the scheduled one is live too.
    now = new Date(now.getTime() + 30 * MIN);
    expect((await activeElevations({ actor: auditor, db, clock, input: { identityIds: [id] } })).byIdentity[id]).toHaveLength(2);
    await expect(activeElevations({ actor: auditor, db, clock, input: { identityIds: ["x"] } })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    // After the kill switch: suspended, nothing live or waiting, nothing left to stop.
    await killSwitch({ actor: approver, db, clock, input: { id, reason: "Leaked key" } });
    const stopped = await identityElevations({ actor: approver, db, clock, input: { identityId: id } });
    expect(stopped).toMatchObject({ active: [], waiting: [], nothingToStop: true, may: { request: false, killSwitch: true } });
  });

  it("offers the request form only the identities the person owns or backs up (admins: any), active ones", async () => {
    now = T0;
    const mine = await identity();
    const names = async (actor: UserActor, q?: string) =>
      (await requestableIdentities({ actor, db, clock, input: { q } })).map((i) => i.id);
    expect(await names(owner, mine.name)).toEqual([mine.id]);
    expect(await names(stranger, mine.name)).toEqual([]);
    expect(await names(admin, mine.name)).toEqual([mine.id]);
  });
});

describe("My work", () => {
  it("counts what waits for an approver (not what they decided or asked), open after-action reviews, and the person's live elevations", async () => {
    const database2 = await createTestDatabase();
    const db2 = database2.prisma;
    try {
      now = T0;
      const [adm, appr, own] = [await makeUser(db2, ["admin"]), await makeUser(db2, ["approver"]), await makeUser(db2, ["member"])];
      const made = await createIdentity({
        actor: adm,
        db: db2,
        clock,
        input: {
          name: "mw-bot",
          kind: "service_account",
          platform: "aws",
          externalId: "mw-bot",
          environment: "production",
          purpose: "Moves money",
          ownerId: own.userId,
          tags: [],
        },
      });
      const file = (scope: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
        requestElevation({
          actor: own,
          db: db2,
          clock,
          input: { identityId: made.id, scopes: [scope], reason: "Incident 9", durationMinutes: 60, ...extra },
        });
      const work = (actor: UserActor) => getMyWork({ actor, db: db2, clock, input: {} }).then((w) => w.breakglass);
      const waiting = await file(prodWrite);
      await file({ ...prodWrite, resource: "ledger-admin", level: "admin" }, { emergency: true });
      expect(await work(appr)).toEqual({ toApprove: 1, afterActionsToFile: 1, myActive: 0, myWaiting: 0 });
      expect(await work(own)).toEqual({ toApprove: null, afterActionsToFile: null, myActive: 1, myWaiting: 1 });
      await approveRequest({ actor: appr, db: db2, clock, input: { id: waiting.id } });
      expect(await work(appr)).toEqual({ toApprove: 0, afterActionsToFile: 1, myActive: 0, myWaiting: 0 });
      expect((await work(own)).myActive).toBe(2);
      const open = await listRequests({ actor: appr, db: db2, clock, input: { view: "all", afterAction: "open" } });
      expect(open.items.map((i) => i.emergency)).toEqual([true]);
    } finally {
      await database2.close();
    }
  });
});
