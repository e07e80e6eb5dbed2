import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "@/lib/domain/shared/clock";
import { endSession } from "@/lib/domain/users/end-session";
import { resolveActor } from "@/lib/domain/users/resolve-actor";
import { type SessionClaims, sessionClaims } from "@/lib/domain/users/session-limits";
import { signOutEverywhere } from "@/lib/domain/users/sign-out-everywhere";
import { startSession } from "@/lib/domain/users/start-session";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let now = new Date("2026-06-01T08:00:00.000Z");
const clock: Clock = { now: () => now };
const at = (start: Date, ms: number) => (now = new Date(start.getTime() + ms));
const limits = { maxAgeMs: 8 * HOUR, idleMs: 60 * MINUTE };
let database: TestDatabase;
let db: TestDatabase["prisma"];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
});
afterAll(() => database.close());

const request = { ip: "10.0.0.7", userAgent: "vitest", requestId: "s1" };
const signIn = async (userId: string): Promise<SessionClaims> => ({
  userId,
  sessionId: (await startSession({ db, clock, limits, userId })).sessionId,
});
const resolve = (claims: SessionClaims) => resolveActor({ db, clock, limits, claims, request });

describe("session claims", () => {
  it("accepts only a token naming a user id and a session id", () => {
    const ids = { uid: "6f1c2d1e-8a3b-4c5d-9e0f-112233445566", sid: "7a1c2d1e-8a3b-4c5d-9e0f-112233445566" };
    expect(sessionClaims(ids)).toEqual({ userId: ids.uid, sessionId: ids.sid });
    expect(sessionClaims({ uid: ids.uid })).toBeNull();
    expect(sessionClaims({ ...ids, sid: "x' OR 1=1" })).toBeNull();
    expect(sessionClaims(null)).toBeNull();
  });
});

describe("idle timeout and absolute lifetime", () => {
  it("refuses a token replayed after SESSION_IDLE_MINUTES without a request", async () => {
    const start = at(new Date("2026-06-01T08:00:00.000Z"), 0);
    const user = await makeUser(db, ["member"]);
    const claims = await signIn(user.userId);
    at(start, 59 * MINUTE);
    expect(await resolve(claims)).toMatchObject({ userId: user.userId });
    // Activity moved the idle clock: 59 more minutes are fine, a full hour without a request is not.
    at(start, 118 * MINUTE);
    expect(await resolve(claims)).not.toBeNull();
    at(start, 178 * MINUTE);
    expect(await resolve(claims)).toBeNull();
    // Once ended, it stays ended: a later request cannot revive it.
    at(start, 179 * MINUTE);
    expect(await resolve(claims)).toBeNull();
  });

  it("notes activity at most once a minute", async () => {
    const start = at(new Date("2026-06-02T08:00:00.000Z"), 0);
    const user = await makeUser(db, ["member"]);
    const claims = await signIn(user.userId);
    const lastSeen = async () => (await db.session.findUniqueOrThrow({ where: { id: claims.sessionId } })).lastSeenAt.toISOString();
    at(start, 30_000);
    await resolve(claims);
    expect(await lastSeen()).toBe(start.toISOString());
    at(start, 61_000);
    await resolve(claims);
    expect(await lastSeen()).toBe(now.toISOString());
  });

  it("ends a session SESSION_MAX_AGE_HOURS after sign-in however active it stays", async () => {
    const start = at(new Date("2026-06-03T08:00:00.000Z"), 0);
    const user = await makeUser(db, ["member"]);
    const claims = await signIn(user.userId);
    for (let minutes = 30; minutes < 8 * 60; minutes += 30) {
      at(start, minutes * MINUTE);
      expect(await resolve(claims), `at ${minutes} minutes`).not.toBeNull();
    }
    at(start, 8 * HOUR - 1);
    expect(await resolve(claims)).not.toBeNull();
    at(start, 8 * HOUR);
    expect(await resolve(claims)).toBeNull();
  });

  it("refuses a session id presented with another user's id", async () => {
    at(new Date("2026-06-04T08:00:00.000Z"), 0);
    const [alice, mallory] = [await makeUser(db, ["admin"]), await makeUser(db, ["member"])];
    const claims = await signIn(alice.userId);
    expect(await resolve({ userId: mallory.userId, sessionId: claims.sessionId })).toBeNull();
    expect(await resolve(claims)).toMatchObject({ userId: alice.userId, roles: ["admin"] });
  });

  it("drops a user's ended sessions when they sign in again", async () => {
    const start = at(new Date("2026-06-05T08:00:00.000Z"), 0);
    const user = await makeUser(db, ["member"]);
    await signIn(user.userId);
    await signIn(user.userId);
    at(start, 2 * HOUR);
    await signIn(user.userId);
    expect(await db.session.count({ where: { userId: user.userId } })).toBe(1);
  });
});

describe("sign-out", () => {
  it("ends this session only, audited; a copy of its token is refused afterwards", async () => {
    at(new Date("2026-06-06T08:00:00.000Z"), 0);
    const user = await makeUser(db, ["approver"]);
    const [laptop, phone] = [await signIn(user.userId), await signIn(user.userId)];
    const actor = (await resolve(laptop))!;
    await expect(endSession({ actor, db, clock, input: { sessionId: laptop.sessionId } })).resolves.toEqual({ ended: 1 });
    expect(await resolve(laptop)).toBeNull();
    expect(await resolve(phone)).not.toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "session.signOut", actorId: user.userId } });
    expect(event).toMatchObject({ outcome: "allowed", targetId: user.userId, reason: "signed out", ip: "10.0.0.7" });
  });

  it("cannot end someone else's session", async () => {
    at(new Date("2026-06-07T08:00:00.000Z"), 0);
    const [alice, mallory] = [await makeUser(db, ["member"]), await makeUser(db, ["member"])];
    const alices = await signIn(alice.userId);
    await expect(endSession({ actor: mallory, db, clock, input: { sessionId: alices.sessionId } })).resolves.toEqual({ ended: 0 });
    expect(await resolve(alices)).not.toBeNull();
  });

  it("signs out everywhere: every session of the user ends, other users' stay", async () => {
    at(new Date("2026-06-08T08:00:00.000Z"), 0);
    const [user, other] = [await makeUser(db, ["auditor"]), await makeUser(db, ["auditor"])];
    const sessions = [await signIn(user.userId), await signIn(user.userId), await signIn(user.userId)];
    const others = await signIn(other.userId);
    await expect(signOutEverywhere({ actor: user, db, clock, input: {} })).resolves.toEqual({ ended: 3 });
    for (const claims of sessions) expect(await resolve(claims)).toBeNull();
    expect(await resolve(others)).not.toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "session.signOutEverywhere", actorId: user.userId } });
    expect(event).toMatchObject({ outcome: "allowed", reason: "3 session(s) ended" });
  });

  it("refuses session actions to a caller without a role, and records the refusal", async () => {
    const nobody = await makeUser(db, []);
    await expect(signOutEverywhere({ actor: nobody, db, clock, input: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.auditEvent.count({ where: { action: "session.signOutEverywhere", actorId: nobody.userId, outcome: "denied" } })).toBe(
      1,
    );
  });
});
