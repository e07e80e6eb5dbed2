import { decode, type JWT } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/config/env";
import { NO_REQUEST } from "@/lib/domain/authz/actor";
import type { Clock } from "@/lib/domain/shared/clock";
import { resolveActor } from "@/lib/domain/users/resolve-actor";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

describe("session lifetime", () => {
  it("defaults to 8 hours and follows SESSION_MAX_AGE_HOURS", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "s".repeat(40));
    vi.stubEnv("SESSION_MAX_AGE_HOURS", "");
    const first = await import("@/lib/auth/options");
    expect(first.authOptions().session).toEqual({ strategy: "jwt", maxAge: 8 * 3600 });

    vi.resetModules();
    vi.stubEnv("SESSION_MAX_AGE_HOURS", "2");
    const second = await import("@/lib/auth/options");
    expect(second.authOptions().session?.maxAge).toBe(7200);
    expect(second.authOptions().jwt?.maxAge).toBe(7200);
    vi.unstubAllEnvs();
  });
});

describe("the session endpoint (jwt and session callbacks)", () => {
  const HOUR = 3600_000;
  let now = new Date("2026-07-01T08:00:00.000Z");
  const clock: Clock = { now: () => now };
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await database.close();
  });

  async function setUp() {
    vi.stubEnv("NEXTAUTH_SECRET", "s".repeat(40));
    const { buildAuthOptions } = await import("@/lib/auth/options");
    const config = parseEnv({ NEXTAUTH_SECRET: "s".repeat(40), SESSION_MAX_AGE_HOURS: "8", SESSION_IDLE_MINUTES: "60" });
    const options = buildAuthOptions(config, { clock, db: async () => database.prisma });
    const user = await makeUser(database.prisma, ["member"]);
    const callbacks = options.callbacks as Required<NonNullable<typeof options.callbacks>>;
    const jwt = (token: JWT, signingIn?: { id: string }) =>
      callbacks.jwt({ token, user: signingIn as never, account: null }) as Promise<JWT>;
    const session = (token: JWT) =>
      callbacks.session({ session: { expires: new Date(Date.now() + 8 * HOUR).toISOString() }, token } as never) as Promise<{
        expires: string;
      }>;
    return { options, user, jwt, session };
  }

  it("starts a server-side session at sign-in and never extends past its absolute lifetime", async () => {
    const start = (now = new Date("2026-07-01T08:00:00.000Z"));
    const { options, user, jwt, session } = await setUp();
    const token = await jwt({ sub: user.userId }, { id: user.userId });
    expect(token).toMatchObject({ uid: user.userId, sid: expect.any(String), authAt: start.getTime() / 1000 });
    expect(await database.prisma.session.count({ where: { id: token.sid as string } })).toBe(1);

    // Active all day: each request keeps the idle clock fresh, but the endpoint's expiry stays at sign-in + 8 h.
    const claims = { userId: user.userId, sessionId: token.sid as string };
    const limits = { maxAgeMs: 8 * HOUR, idleMs: HOUR };
    for (let hours = 0.5; hours < 8; hours += 0.5) {
      now = new Date(start.getTime() + hours * HOUR);
      await resolveActor({ db: database.prisma, clock, limits, claims, request: NO_REQUEST });
      await expect(jwt(token)).resolves.toBe(token);
    }
    expect((await session(token)).expires).toBe(new Date(start.getTime() + 8 * HOUR).toISOString());

    // The re-issued token itself expires at the absolute end: half an hour from now, not 8 hours.
    const encoded = await options.jwt!.encode!({ token, secret: "s".repeat(40), maxAge: 8 * 3600 });
    const decoded = await decode({ token: encoded, secret: "s".repeat(40) });
    expect(Number(decoded?.exp) - Number(decoded?.iat)).toBe(1800);

    now = new Date(start.getTime() + 8 * HOUR);
    await expect(jwt(token)).rejects.toThrow(/session ended/);
  });

  it("refuses to re-issue a token whose session was signed out or went idle, without counting as activity", async () => {
    const start = (now = new Date("2026-07-02T08:00:00.000Z"));
    const { user, jwt } = await setUp();
    const idle = await jwt({ sub: user.userId }, { id: user.userId });
    const signedOut = await jwt({ sub: user.userId }, { id: user.userId });
    await database.prisma.session.delete({ where: { id: signedOut.sid as string } });
    await expect(jwt(signedOut)).rejects.toThrow(/session ended/);

    // Polling the endpoint every 30 minutes does not keep an idle session alive.
    now = new Date(start.getTime() + 0.5 * HOUR);
    await expect(jwt(idle)).resolves.toBe(idle);
    now = new Date(start.getTime() + HOUR);
    await expect(jwt(idle)).rejects.toThrow(/session ended/);
    // A token from before this change (no session id) is refused too.
    await expect(jwt({ sub: user.userId, uid: user.userId })).rejects.toThrow(/session ended/);
  });
});
