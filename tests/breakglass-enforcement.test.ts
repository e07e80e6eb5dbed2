import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor, type TokenActor, type UserActor } from "@/lib/domain/authz/actor";
import { fileAfterActionReview } from "@/lib/domain/breakglass/after-action";
import { breakglassJobs } from "@/lib/domain/breakglass/breakglass-jobs";
import { checkGrant } from "@/lib/domain/breakglass/check-grant";
import { runDueJobs } from "@/lib/domain/jobs/scheduler";
import { dispatchOutbox } from "@/lib/domain/notifications/dispatch";
import { recordRotation } from "@/lib/domain/registry/record-rotation";
import { createWebhookEndpoint } from "@/lib/domain/webhooks/create-endpoint";
import { webhookSealingKey } from "@/lib/domain/webhooks/secrets";
import { makeUser } from "./helpers/actors";
import { makeIdentity, movableClock } from "./helpers/reviews";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// The enforcement side of break-glass: the check computed from the clock, the sweeper's records and
// announcements (each once), the after-action review and the rotation that closes what it demanded.
// Requests are written straight to the table (the request/approve use-cases are tested on their own).

let database: TestDatabase;
let db: TestDatabase["prisma"];
const clock = movableClock("2026-11-24T09:00:00.000Z");
const MIN = 60_000;
let admin: UserActor;
let approver: UserActor;
let owner: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  approver = await makeUser(db, ["approver"]);
  owner = await makeUser(db, ["member"]);
});
afterAll(() => database.close());

const jobs = Object.fromEntries(breakglassJobs().map((j) => [j.handler, j]));
const sweep = () =>
  jobs["breakglass.sweep"]!.run({ db, clock, actor: systemActor("system:job:breakglass.sweep"), payload: null }) as Promise<{
    summary: string;
    idle?: boolean;
  }>;

const ADMIN_SCOPE = { resource: "arn:aws:s3:::billing", action: "s3:*", level: "admin", environment: "production" };

type Grant = {
  status?: string;
  activeFrom?: Date | null;
  expiresAt?: Date | null;
  pendingUntil?: Date;
  scopes?: object[];
  approvedAt?: Date | null;
};

async function grant(identityId: string, o: Grant = {}) {
  const now = clock.now();
  const approved = (o.status ?? "approved") === "approved";
  return db.breakGlassRequest.create({
    data: {
      identityId,
      requesterId: owner.userId,
      scopes: o.scopes ?? [ADMIN_SCOPE],
      policy: { environment: "production", level: "admin", maxDurationMinutes: 240 },
      reason: "INC-1 outage",
      durationMinutes: 60,
      status: o.status ?? "approved",
      requestedAt: now,
      pendingUntil: o.pendingUntil ?? new Date(now.getTime() + 1_440 * MIN),
      startAt: now,
      approvalsRequired: 1,
      approvedAt: o.approvedAt !== undefined ? o.approvedAt : approved ? now : null,
      activeFrom: o.activeFrom !== undefined ? o.activeFrom : approved ? now : null,
      expiresAt: o.expiresAt !== undefined ? o.expiresAt : approved ? new Date(now.getTime() + 60 * MIN) : null,
    },
  });
}

const ask = (identityId: string, scope: Partial<typeof ADMIN_SCOPE> = {}, actor: UserActor | TokenActor = owner) =>
  checkGrant({ actor, db, clock, input: { identityId, ...ADMIN_SCOPE, ...scope } });

const tokenActor = (scopes: string[]): TokenActor => ({
  type: "token",
  tokenId: "00000000-0000-4000-8000-000000000001",
  tokenKind: "service",
  label: "nhic_test0001 (provisioner)",
  scopes,
  owner: { userId: owner.userId, email: owner.email, name: owner.name, roles: ["member"] },
  request: owner.request,
});

describe("the check", () => {
  it("is active from activeFrom and not at exactly expiresAt, to the millisecond, whatever the sweeper did", async () => {
    clock.set("2026-11-24T09:00:00.000Z");
    const identity = await makeIdentity(db, { tag: "check", ownerId: owner.userId });
    const start = new Date("2026-11-24T09:10:00.000Z");
    const end = new Date("2026-11-24T10:10:00.000Z");
    const r = await grant(identity.id, { activeFrom: start, expiresAt: end });
    clock.set("2026-11-24T09:09:59.999Z");
    expect((await ask(identity.id)).active).toBe(false);
    clock.set("2026-11-24T09:10:00.000Z");
    expect(await ask(identity.id)).toEqual({
      active: true,
      requestId: r.id,
      activeFrom: start.toISOString(),
      expiresAt: end.toISOString(),
      secondsLeft: 3600,
      checkedAt: "2026-11-24T09:10:00.000Z",
    });
    clock.set("2026-11-24T10:09:59.999Z");
    expect(await ask(identity.id)).toMatchObject({ active: true, secondsLeft: 1 });
    clock.set("2026-11-24T10:10:00.000Z");
    expect(await ask(identity.id)).toMatchObject({ active: false, requestId: null, secondsLeft: 0 });
  });

  it("lets a higher level cover a lower one, matches resource, action and environment exactly, and ignores other statuses", async () => {
    clock.set("2026-11-24T09:00:00.000Z");
    const identity = await makeIdentity(db, { tag: "levels", ownerId: owner.userId });
    await grant(identity.id, { scopes: [{ ...ADMIN_SCOPE, level: "write" }] });
    expect((await ask(identity.id, { level: "read" })).active).toBe(true);
    expect((await ask(identity.id, { level: "write" })).active).toBe(true);
    expect((await ask(identity.id, { level: "admin" })).active).toBe(false);
    expect((await ask(identity.id, { level: "read", environment: "staging" })).active).toBe(false);
    expect((await ask(identity.id, { level: "read", resource: "arn:aws:s3:::other" })).active).toBe(false);
    expect((await ask(identity.id, { level: "read", action: "s3:GetObject" })).active).toBe(false);
    const other = await makeIdentity(db, { tag: "levels", ownerId: owner.userId });
    for (const status of ["pending", "revoked", "dropped", "denied"])
      await grant(other.id, { status, activeFrom: clock.now(), expiresAt: new Date(clock.now().getTime() + 60 * MIN) });
    expect((await ask(other.id, { level: "read" })).active).toBe(false);
  });

  it("answers not active for an unknown identity, refuses bad input naming the field", async () => {
    expect(await ask("00000000-0000-4000-8000-0000000000aa")).toMatchObject({ active: false, requestId: null });
    await expect(ask("not-an-id")).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { identityId: expect.any(Array) } });
    await expect(ask("00000000-0000-4000-8000-0000000000aa", { level: "root" })).rejects.toMatchObject({
      fieldErrors: { level: expect.any(Array) },
    });
  });

  it("answers a token scoped grants.read and refuses (and records) one without it", async () => {
    const identity = await makeIdentity(db, { tag: "token", ownerId: owner.userId });
    await grant(identity.id);
    expect((await ask(identity.id, {}, tokenActor(["grants.read"]))).active).toBe(true);
    await expect(ask(identity.id, {}, tokenActor(["identity.read"]))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.auditEvent.count({ where: { action: "grants.read", outcome: "denied" } })).toBe(1);
  });
});

describe("the sweeper", () => {
  it("runs as the system only, and is wired every 5 seconds", async () => {
    expect(jobs["breakglass.sweep"]!.schedule).toBe("*/5 * * * * *");
    await expect(jobs["breakglass.sweep"]!.run({ db, clock, actor: admin as never, payload: null })).rejects.toThrow(/Not allowed/);
  });

  it("expires pending requests past pendingUntil once, audited as the system, and tells the requester", async () => {
    clock.set("2026-11-25T09:00:00.000Z");
    const identity = await makeIdentity(db, { tag: "pending", ownerId: owner.userId });
    const late = await grant(identity.id, { status: "pending", pendingUntil: new Date("2026-11-25T09:00:00.000Z") });
    const waiting = await grant(identity.id, { status: "pending", pendingUntil: new Date("2026-11-25T09:00:00.001Z") });
    await sweep();
    await sweep();
    expect(await db.breakGlassRequest.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({
      status: "expired",
      closedAt: new Date("2026-11-25T09:00:00.000Z"),
    });
    expect((await db.breakGlassRequest.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe("pending");
    const decided = (await db.outboxEvent.findMany({ where: { type: "breakglass.decided" } })).filter(
      (e) => (e.payload as { data: { requestId: string } }).data.requestId === late.id,
    );
    expect(decided.map((e) => (e.payload as { recipients: string[] }).recipients)).toEqual([[owner.userId]]);
    expect(await db.auditEvent.count({ where: { action: "breakglass.sweep", targetId: late.id, actorType: "system" } })).toBe(1);
  });

  it("records an end once: status ended, grant.ended queued once to a subscribed webhook, breakglass.expired to the requester", async () => {
    clock.set("2026-11-26T09:00:00.000Z");
    // The earlier tests' elevations end (and are dispatched) before the endpoint exists.
    await sweep();
    await dispatchOutbox(db, clock, { mailEnabled: false, publicUrl: "https://console.test" });
    const { endpoint } = await createWebhookEndpoint({
      sealingKey: webhookSealingKey("vitest-root-secret-vitest-root-secret"),
      requireHttps: false,
      publicUrl: "https://console.test",
    })({ actor: admin, db, clock, input: { name: "provisioner", url: "http://127.0.0.1:9/hook", eventTypes: ["grant.ended"] } });
    const identity = await makeIdentity(db, { tag: "ends", ownerId: owner.userId });
    const r = await grant(identity.id, { expiresAt: new Date("2026-11-26T10:00:00.000Z") });
    clock.set("2026-11-26T09:59:59.999Z");
    await sweep();
    expect((await db.breakGlassRequest.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("approved");
    clock.set("2026-11-26T10:00:00.000Z");
    expect((await ask(identity.id)).active).toBe(false);
    await Promise.all([sweep(), sweep()]);
    await sweep();
    expect(await db.breakGlassRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({
      status: "ended",
      endAnnouncedAt: new Date("2026-11-26T10:00:00.000Z"),
      closedAt: new Date("2026-11-26T10:00:00.000Z"),
    });
    const ended = (await db.outboxEvent.findMany({ where: { type: "grant.ended" } })).map(
      (e) => e.payload as { data: Record<string, unknown> },
    );
    expect(ended.filter((p) => p.data.requestId === r.id).map((p) => p.data)).toEqual([
      {
        requestId: r.id,
        identityId: identity.id,
        platform: "aws",
        externalId: identity.externalId,
        scopes: [ADMIN_SCOPE],
        activeFrom: "2026-11-26T09:00:00.000Z",
        expiresAt: "2026-11-26T10:00:00.000Z",
      },
    ]);
    const told = (await db.outboxEvent.findMany({ where: { type: "breakglass.expired" } })).map(
      (e) => e.payload as { recipients: string[]; data: { requestId: string } },
    );
    expect(told.filter((p) => p.data.requestId === r.id).map((p) => p.recipients)).toEqual([[owner.userId]]);
    await dispatchOutbox(db, clock, { mailEnabled: false, publicUrl: "https://console.test" });
    await dispatchOutbox(db, clock, { mailEnabled: false, publicUrl: "https://console.test" });
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
  });

  it("tells the people who approved it that its after-action review is due when it ends; an emergency's, every approver", async () => {
    clock.set("2026-11-26T12:00:00.000Z");
    await sweep();
    const identity = await makeIdentity(db, { tag: "due", ownerId: owner.userId });
    const reviewed = await grant(identity.id, { expiresAt: new Date("2026-11-26T13:00:00.000Z") });
    await db.breakGlassApproval.create({
      data: { requestId: reviewed.id, approverId: approver.userId, decision: "approve", at: clock.now() },
    });
    await db.afterActionReview.create({
      data: { requestId: reviewed.id, identityId: identity.id, dueAt: new Date("2026-11-27T13:00:00.000Z") },
    });
    const other = await makeIdentity(db, { tag: "due-emergency", ownerId: owner.userId });
    const emergency = await grant(other.id, { expiresAt: new Date("2026-11-26T13:00:00.000Z") });
    await db.afterActionReview.create({
      data: { requestId: emergency.id, identityId: other.id, dueAt: new Date("2026-11-27T12:00:00.000Z") },
    });
    const plain = await grant(other.id, {
      expiresAt: new Date("2026-11-26T13:00:00.000Z"),
      scopes: [{ ...ADMIN_SCOPE, resource: "plain" }],
    });
    clock.set("2026-11-26T13:00:00.000Z");
    await sweep();
    await sweep();
    const due = (await db.outboxEvent.findMany({ where: { type: "breakglass.afterActionDue" } })).map(
      (e) => e.payload as { recipients: string[]; data: { requestId: string; dueAt: string } },
    );
    const of = (id: string) => due.filter((p) => p.data.requestId === id);
    expect(of(reviewed.id).map((p) => [p.recipients, p.data.dueAt])).toEqual([[[approver.userId], "2026-11-27T13:00:00.000Z"]]);
    expect(of(emergency.id).map((p) => [...p.recipients].sort())).toEqual([[admin.userId, approver.userId].sort()]);
    expect(of(plain.id)).toEqual([]);
  });

  it("warns the requester once, 10 minutes before the end, and announces a set start time once", async () => {
    clock.set("2026-11-27T09:00:00.000Z");
    const identity = await makeIdentity(db, { tag: "soon", ownerId: owner.userId });
    const r = await grant(identity.id, {
      approvedAt: new Date("2026-11-27T09:00:00.000Z"),
      activeFrom: new Date("2026-11-27T09:30:00.000Z"),
      expiresAt: new Date("2026-11-27T10:30:00.000Z"),
    });
    await sweep();
    await sweep();
    const keys = (await db.job.findMany({ where: { key: { contains: r.id } }, orderBy: { key: "asc" } })).map((j) => [j.key, j.nextRunAt]);
    expect(keys).toEqual([
      [`breakglass.activate:${r.id}`, new Date("2026-11-27T09:30:00.000Z")],
      [`breakglass.endingSoon:${r.id}`, new Date("2026-11-27T10:20:00.000Z")],
    ]);
    const tick = () =>
      runDueJobs(
        db,
        clock,
        breakglassJobs().filter((j) => j.handler === "breakglass.announce"),
        { instance: "a", leaseMs: 60_000 },
      );
    const count = async (type: string) =>
      (await db.outboxEvent.findMany({ where: { type } })).filter(
        (e) => (e.payload as { data: { requestId: string } }).data.requestId === r.id,
      ).length;
    clock.set("2026-11-27T09:29:59.000Z");
    await tick();
    expect(await count("grant.activated")).toBe(0);
    clock.set("2026-11-27T09:30:00.000Z");
    await Promise.all([tick(), runDueJobs(db, clock, breakglassJobs(), { instance: "b", leaseMs: 60_000 })]);
    await tick();
    expect(await count("grant.activated")).toBe(1);
    clock.set("2026-11-27T10:20:00.000Z");
    await tick();
    await tick();
    await sweep();
    expect(await count("grant.activated")).toBe(1);
    expect(await count("breakglass.endingSoon")).toBe(1);
  });

  it("escalates an overdue after-action review once, to every approver and admin", async () => {
    clock.set("2026-11-28T09:00:00.000Z");
    const identity = await makeIdentity(db, { tag: "overdue", ownerId: owner.userId });
    const r = await grant(identity.id, { expiresAt: new Date("2026-11-28T09:30:00.000Z") });
    await db.afterActionReview.create({ data: { requestId: r.id, identityId: identity.id, dueAt: new Date("2026-11-29T09:00:00.000Z") } });
    // Its end told the approvers it is due (the test above); the escalation is a second, "overdue" notice.
    const overdue = async () =>
      (await db.outboxEvent.findMany({ where: { type: "breakglass.afterActionDue" } }))
        .map((e) => e.payload as { title: string; recipients: string[]; data: { requestId: string } })
        .filter((p) => p.data.requestId === r.id && p.title.startsWith("Overdue"));
    clock.set("2026-11-29T08:59:59.999Z");
    await sweep();
    expect(await overdue()).toHaveLength(0);
    clock.set("2026-11-29T09:00:00.000Z");
    await Promise.all([sweep(), sweep()]);
    await sweep();
    const due = await overdue();
    expect(due).toHaveLength(1);
    expect([...due[0]!.recipients].sort()).toEqual([admin.userId, approver.userId].sort());
    expect((await db.afterActionReview.findUniqueOrThrow({ where: { requestId: r.id } })).escalatedAt).toEqual(
      new Date("2026-11-29T09:00:00.000Z"),
    );
  });
});

describe("the after-action review", () => {
  async function reviewed(tag: string) {
    const identity = await makeIdentity(db, {
      tag,
      ownerId: owner.userId,
      credential: { issuedAt: new Date("2026-01-01T00:00:00.000Z") },
    });
    const r = await grant(identity.id);
    await db.afterActionReview.create({
      data: { requestId: r.id, identityId: identity.id, dueAt: new Date(clock.now().getTime() + 86_400_000) },
    });
    return { identity, r };
  }
  const file = (actor: UserActor, requestId: string, input: Record<string, unknown> = {}) =>
    fileAfterActionReview({
      actor,
      db,
      clock,
      input: { requestId, whatWasDone: "Restarted the billing exporter", verdict: "justified", rotationRequired: false, ...input },
    });

  it("refuses the requester (recorded), checks the verdict, files once", async () => {
    clock.set("2026-12-01T09:00:00.000Z");
    const { r } = await reviewed("aar");
    const requesterApprover = await makeUser(db, ["approver"]);
    await db.breakGlassRequest.update({ where: { id: r.id }, data: { requesterId: requesterApprover.userId } });
    await expect(file(requesterApprover, r.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.auditEvent.count({ where: { action: "breakglass.review", outcome: "denied", targetId: r.id } })).toBe(1);
    await expect(file(owner, r.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(file(approver, r.id, { verdict: "fine" })).rejects.toMatchObject({ fieldErrors: { verdict: expect.any(Array) } });
    await expect(file(approver, r.id, { whatWasDone: " " })).rejects.toMatchObject({ fieldErrors: { whatWasDone: expect.any(Array) } });
    expect(await file(approver, r.id, { verdict: "misuse", rotationRequired: true })).toMatchObject({
      verdict: "misuse",
      rotationRequired: true,
    });
    expect(await db.afterActionReview.findUniqueOrThrow({ where: { requestId: r.id } })).toMatchObject({
      reviewerId: approver.userId,
      verdict: "misuse",
      rotationRequired: true,
      filedAt: new Date("2026-12-01T09:00:00.000Z"),
    });
    await expect(file(admin, r.id, { verdict: "not_justified" })).rejects.toMatchObject({ code: "CONFLICT" });
    const noReview = await grant(r.identityId);
    await expect(file(approver, noReview.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a rotation recorded after the filing closes the rotation it demanded", async () => {
    clock.set("2026-12-02T09:00:00.000Z");
    const { identity, r } = await reviewed("rotate");
    await file(admin, r.id, { verdict: "not_justified", rotationRequired: true });
    clock.advance(60 * MIN);
    await recordRotation({ actor: owner, db, clock, input: { id: identity.id } });
    expect((await db.afterActionReview.findUniqueOrThrow({ where: { requestId: r.id } })).rotationRecordedAt).toEqual(
      new Date("2026-12-02T10:00:00.000Z"),
    );
  });

  it("a rotation dated before the filing does not close it", async () => {
    clock.set("2026-12-03T09:00:00.000Z");
    const { identity, r } = await reviewed("rotate-early");
    await file(admin, r.id, { rotationRequired: true });
    await recordRotation({ actor: owner, db, clock, input: { id: identity.id, rotatedAt: "2026-12-02T09:00:00Z" } });
    expect((await db.afterActionReview.findUniqueOrThrow({ where: { requestId: r.id } })).rotationRecordedAt).toBeNull();
  });
});
