import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { fileAfterActionReview } from "@/lib/domain/breakglass/after-action";
import { listRequests } from "@/lib/domain/breakglass/list-requests";
import { approveRequest } from "@/lib/domain/breakglass/approve-request";
import { denyRequest } from "@/lib/domain/breakglass/deny-request";
import { editPolicy } from "@/lib/domain/breakglass/edit-policy";
import { listPolicy } from "@/lib/domain/breakglass/list-policy";
import { requestElevation } from "@/lib/domain/breakglass/request-elevation";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import type { Clock } from "@/lib/domain/shared/clock";
import { createLocalUser } from "@/lib/domain/users/create-local-user";
import { listUsers } from "@/lib/domain/users/list-users";
import { resolveActor } from "@/lib/domain/users/resolve-actor";
import { setUserTeam } from "@/lib/domain/users/set-user-team";
import { startSession } from "@/lib/domain/users/start-session";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// A break-glass policy row that names an approver team: only the approvers of that team (the team an admin set
// on the person, read with their roles at each request) decide and review its requests and are told of them;
// admins always may and are always told. Another team's approver is refused and the refusal recorded. The team
// itself is set by admins, audited, and its input validated with the field named.

const clock: Clock = { now: () => new Date("2026-06-01T12:00:00.000Z") };
const limits = { maxAgeMs: 12 * 3_600_000, idleMs: 3_600_000 };
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let payments: UserActor;
let payments2: UserActor;
let infra: UserActor;
let teamless: UserActor;
let owner: UserActor;
let counter = 0;

/** The actor as resolveActor would build it for this request: the team as it is on the person's record now. */
async function fresh(actor: UserActor): Promise<UserActor> {
  const { team } = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { team: true } });
  return { ...actor, team };
}

const setTeam = (actor: UserActor, userId: string, team: unknown) => setUserTeam({ actor, db, clock, input: { userId, team } });

async function identity() {
  counter += 1;
  return createIdentity({
    actor: admin,
    db,
    clock,
    input: {
      name: `team-bot-${counter}`,
      kind: "service_account",
      platform: "aws",
      externalId: `arn:aws:iam::123456789012:user/team-bot-${counter}`,
      environment: "production",
      purpose: "Settles card payments",
      ownerId: owner.userId,
      tags: [],
    },
  });
}

// Production write: one approval, the emergency path allowed. The row is given the team "payments" below.
const prodWrite = [{ resource: "ledger-db", action: "write", level: "write", environment: "production" }];
// Production read stays without a team: any approver.
const prodRead = [{ resource: "ledger-db", action: "read", level: "read", environment: "production" }];

const ask = async (input: Record<string, unknown>) =>
  requestElevation({
    actor: await fresh(owner),
    db,
    clock,
    input: { reason: "Incident 7: settle stuck payouts", durationMinutes: 60, scopes: prodWrite, ...input },
  });
const approve = async (actor: UserActor, id: string) => approveRequest({ actor: await fresh(actor), db, clock, input: { id } });
const deny = async (actor: UserActor, id: string) =>
  denyRequest({ actor: await fresh(actor), db, clock, input: { id, reason: "Not our incident" } });
const fileReview = async (actor: UserActor, requestId: string) =>
  fileAfterActionReview({
    actor: await fresh(actor),
    db,
    clock,
    input: { requestId, whatWasDone: "Replayed the stuck payouts", verdict: "justified", rotationRequired: false },
  });
const recipientsOf = async (type: string, requestId: string) => {
  const events = await db.outboxEvent.findMany({ where: { type } });
  const event = events.find((e) => (e.payload as { data?: { requestId?: string } }).data?.requestId === requestId)!;
  return [...(event.payload as { recipients: string[] }).recipients].sort();
};
const refusals = (actor: UserActor, action: string, targetId: string) =>
  db.auditEvent.findMany({ where: { actorId: actor.userId, action, outcome: "denied", targetId } });

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  payments = await makeUser(db, ["approver"]);
  payments2 = await makeUser(db, ["approver", "member"]);
  infra = await makeUser(db, ["approver"]);
  teamless = await makeUser(db, ["approver"]);
  owner = await makeUser(db, ["member"]);
  for (const [person, team] of [
    [payments, "payments"],
    [payments2, "payments"],
    [infra, "infra"],
    // A member of the team is not an approver: never told, never deciding.
    [owner, "payments"],
  ] as const)
    await setTeam(admin, person.userId, team);
  const row = (await listPolicy({ actor: admin, db, clock, input: {} })).find(
    (p) => p.environment === "production" && p.level === "write",
  )!;
  await editPolicy({ actor: admin, db, clock, input: { id: row.id, version: row.version, approverTeam: "payments" } });
});
afterAll(() => database.close());

describe("a person's team", () => {
  it("is set by an admin, audited before and after, and blank means none", async () => {
    const events = await db.auditEvent.findMany({ where: { action: "user.setTeam", targetId: payments.userId } });
    expect(events).toEqual([
      expect.objectContaining({ outcome: "allowed", actorId: admin.userId, before: expect.objectContaining({ team: null }) }),
    ]);
    expect(events[0]!.after).toMatchObject({ team: "payments" });

    const someone = await makeUser(db, ["approver"]);
    expect(await setTeam(admin, someone.userId, "  platform  ")).toMatchObject({ id: someone.userId, team: "platform" });
    expect(await setTeam(admin, someone.userId, "")).toMatchObject({ team: null });
    const last = await db.auditEvent.findFirst({ where: { action: "user.setTeam", targetId: someone.userId }, orderBy: { seq: "desc" } });
    expect(last).toMatchObject({ before: { team: "platform" }, after: { team: null } });
  });

  it("names the field when the team is too long or not text, and is an admin's only (refusal recorded)", async () => {
    await expect(setTeam(admin, infra.userId, "x".repeat(101))).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { team: ["team must be at most 100 characters"] },
    });
    await expect(setTeam(admin, infra.userId, 42)).rejects.toMatchObject({ fieldErrors: { team: [expect.stringContaining("team")] } });
    await expect(setTeam(payments, infra.userId, "payments")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.auditEvent.count({ where: { action: "user.setTeam", actorId: payments.userId, outcome: "denied" } })).toBe(1);
    expect(await db.user.findUniqueOrThrow({ where: { id: infra.userId } })).toMatchObject({ team: "infra" });
  });

  it("may be given when a local user is added, and filters the user list", async () => {
    const created = await createLocalUser({
      actor: admin,
      db,
      clock,
      input: { email: "grace@example.com", name: "Grace", roles: ["approver"], password: "correct horse battery", team: "payments" },
    });
    expect(created).toMatchObject({ team: "payments" });
    const page = await listUsers({ actor: admin, db, clock, input: { team: "payments" } });
    expect(page.users.map((u) => u.email).sort()).toEqual([payments.email, payments2.email, owner.email, "grace@example.com"].sort());
    await db.user.update({ where: { id: created.id }, data: { status: "deactivated" } });
  });

  it("is read with the roles at each request, never kept in the session", async () => {
    const mover = await makeUser(db, ["approver"]);
    const claims = { userId: mover.userId, sessionId: (await startSession({ db, clock, limits, userId: mover.userId })).sessionId };
    const resolve = () => resolveActor({ db, clock, limits, claims, request: mover.request });
    expect(await resolve()).toMatchObject({ userId: mover.userId, team: null });
    const r = await ask({ identityId: (await identity()).id });
    await expect(approveRequest({ actor: (await resolve())!, db, clock, input: { id: r.id } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await setTeam(admin, mover.userId, "payments");
    // The same session, the next request: the new team applies (the session was not ended).
    expect(await resolve()).toMatchObject({ team: "payments" });
    expect(await approveRequest({ actor: (await resolve())!, db, clock, input: { id: r.id } })).toMatchObject({ status: "approved" });
    await setTeam(admin, mover.userId, null);
  });
});

describe("a policy row with an approver team", () => {
  it("is edited by admins, audited, and copied onto each request", async () => {
    expect(await db.auditEvent.findFirst({ where: { action: "breakglass.policy" }, orderBy: { seq: "desc" } })).toMatchObject({
      before: { approverTeam: null },
      after: { approverTeam: "payments" },
    });
    const r = await ask({ identityId: (await identity()).id });
    expect((await db.breakGlassRequest.findUniqueOrThrow({ where: { id: r.id } })).policy).toMatchObject({ approverTeam: "payments" });
  });

  it("lets an approver of the team approve; refuses another team's approver and one in no team (recorded)", async () => {
    const r = await ask({ identityId: (await identity()).id });
    await expect(approve(infra, r.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining('only approvers in the team "payments" (and admins, always)'),
    });
    const [refusal] = await refusals(infra, "breakglass.approve", r.id);
    expect(refusal).toMatchObject({ targetType: "breakglass-request", reason: expect.stringContaining('you are in the team "infra"') });
    await expect(approve(teamless, r.id)).rejects.toMatchObject({ message: expect.stringContaining("you are in no team") });
    expect(await refusals(teamless, "breakglass.approve", r.id)).toHaveLength(1);
    expect(await db.breakGlassApproval.count({ where: { requestId: r.id } })).toBe(0);

    expect(await approve(payments, r.id)).toMatchObject({ status: "approved", active: true });
    expect(await db.auditEvent.findFirst({ where: { action: "breakglass.approve", targetId: r.id, outcome: "allowed" } })).toMatchObject({
      actorId: payments.userId,
    });
  });

  it("puts a team's requests in that team's approvers' queue only (and the admins'); others see the rest", async () => {
    const id = (await identity()).id;
    const teamRequest = await ask({ identityId: id });
    const openRequest = await ask({ identityId: id, scopes: prodRead });
    const queue = async (actor: UserActor) =>
      (await listRequests({ actor: await fresh(actor), db, clock, input: { view: "queue", identityId: id } })).items
        .map((i) => i.id)
        .sort();
    expect(await queue(payments)).toEqual([teamRequest.id, openRequest.id].sort());
    expect(await queue(infra)).toEqual([openRequest.id]);
    expect(await queue(teamless)).toEqual([openRequest.id]);
    expect(await queue(admin)).toEqual([teamRequest.id, openRequest.id].sort());
  });

  it("lets an admin outside the team approve", async () => {
    const r = await ask({ identityId: (await identity()).id });
    expect((await fresh(admin)).team).toBeNull();
    expect(await approve(admin, r.id)).toMatchObject({ status: "approved" });
  });

  it("holds denials to the same rule", async () => {
    const r = await ask({ identityId: (await identity()).id });
    await expect(deny(infra, r.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await refusals(infra, "breakglass.approve", r.id)).toHaveLength(1);
    expect(await deny(payments2, r.id)).toMatchObject({ status: "denied" });
  });

  it("tells only the team's approvers and the admins of a new request, never the requester nor other teams", async () => {
    const r = await ask({ identityId: (await identity()).id });
    expect(await recipientsOf("breakglass.requested", r.id)).toEqual([admin.userId, payments.userId, payments2.userId].sort());
    // A row without a team: every approver and admin, as before.
    const open = await ask({ identityId: (await identity()).id, scopes: prodRead });
    const everyone = await recipientsOf("breakglass.requested", open.id);
    expect(everyone).toEqual(expect.arrayContaining([admin.userId, payments.userId, infra.userId, teamless.userId]));
    expect(everyone).not.toContain(owner.userId);
    // And there anyone of any team may approve.
    expect(await approve(infra, open.id)).toMatchObject({ status: "approved" });
  });

  it("on the emergency path tells the team's approvers and admins, and leaves the after-action review to them", async () => {
    const r = await ask({ identityId: (await identity()).id, emergency: true });
    expect(r).toMatchObject({ status: "approved", active: true });
    expect(await recipientsOf("breakglass.emergency", r.id)).toEqual([admin.userId, payments.userId, payments2.userId].sort());

    await expect(fileReview(infra, r.id)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining('team "payments"'),
    });
    expect(await refusals(infra, "breakglass.review", r.id)).toHaveLength(1);
    expect(await fileReview(payments, r.id)).toMatchObject({ requestId: r.id, verdict: "justified" });
    expect(await db.afterActionReview.findUniqueOrThrow({ where: { requestId: r.id } })).toMatchObject({ reviewerId: payments.userId });

    // An admin outside the team files one too.
    const other = await ask({ identityId: (await identity()).id, emergency: true });
    expect(await fileReview(admin, other.id)).toMatchObject({ requestId: other.id });
  });

  it("judges a request by the policy it was filed under: a later change of the row does not move it", async () => {
    const r = await ask({ identityId: (await identity()).id });
    const row = (await listPolicy({ actor: admin, db, clock, input: {} })).find(
      (p) => p.environment === "production" && p.level === "write",
    )!;
    await editPolicy({ actor: admin, db, clock, input: { id: row.id, version: row.version, approverTeam: "" } });
    await expect(approve(infra, r.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const later = await ask({ identityId: (await identity()).id });
    expect(await approve(infra, later.id)).toMatchObject({ status: "approved" });
    const current = (await listPolicy({ actor: admin, db, clock, input: {} })).find((p) => p.id === row.id)!;
    expect(current.approverTeam).toBeNull();
  });
});
