import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as adminUserRoles from "@/app/api/admin/users/[id]/roles/route";
import * as adminUsers from "@/app/api/admin/users/route";
import * as identities from "@/app/api/registry/identities/route";
import * as tokenById from "@/app/api/tokens/[id]/route";
import * as tokens from "@/app/api/tokens/route";
import { bearerToken, serveApiRequest } from "@/lib/auth/api-route";
import type { UserActor } from "@/lib/domain/authz/actor";
import type { Clock } from "@/lib/domain/shared/clock";
import { getIdentity } from "@/lib/domain/registry/get-identity";
import { listIdentities } from "@/lib/domain/registry/list-identities";
import { createPersonalToken, createServiceToken, type CreatedToken } from "@/lib/domain/tokens/create-token";
import { listTokens } from "@/lib/domain/tokens/list-tokens";
import { revokeToken } from "@/lib/domain/tokens/revoke-token";
import { PREFIX_PATTERN, TOKEN_PATTERN } from "@/lib/domain/tokens/token-format";
import { scopeChoices, TOKEN_SCOPES } from "@/lib/domain/tokens/token-scopes";
import { detectSecret } from "@/lib/domain/shared/secret-detector";
import { setUserRoles } from "@/lib/domain/users/set-user-roles";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// API tokens end to end below the browser: made by people (shown once, only a hash kept), used by scripts
// through the real route handlers with `Authorization: Bearer`, refused (and recorded) when unknown, expired,
// revoked, beyond their scopes or their owner's current rights, and registered as NHIs when they are a
// service's or an AI agent's.

let now = new Date("2026-06-01T12:00:00.000Z");
const clock: Clock = { now: () => now };
const DAY = 86_400_000;
const deps = { maxDays: 90 };
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let otherAdmin: UserActor;
let member: UserActor;
let auditor: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  otherAdmin = await makeUser(db, ["admin"]);
  member = await makeUser(db, ["member"]);
  auditor = await makeUser(db, ["auditor"]);
});
afterAll(() => database.close());
beforeEach(() => {
  now = new Date("2026-06-01T12:00:00.000Z");
});

/** What a route answers: the envelope, with the data fields these tests read. */
type Answer = {
  ok: boolean;
  message: string;
  data: {
    id: string;
    status: string;
    identities: { externalId: string }[];
    tokens: { id: string }[];
  };
};

// Any route's handler, whatever its path parameters (the test fills them in).
type Route = { handler: (ctx: never) => Promise<unknown> };

/** A request through the route's real authentication (bearer or session), as Next.js would hand it over. */
async function call(
  route: Route,
  path: string,
  {
    token,
    method = "GET",
    body,
    session = null,
    headers = {},
    params = {},
  }: {
    token?: string;
    method?: string;
    body?: unknown;
    session?: UserActor | null;
    headers?: Record<string, string>;
    params?: Record<string, string>;
  } = {},
) {
  const request = new Request(`http://console.test${path}`, {
    method,
    headers: {
      host: "console.test",
      "x-forwarded-for": "203.0.113.7",
      "user-agent": "deploy-script/1.0",
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const { response } = await serveApiRequest(route.handler as Parameters<typeof serveApiRequest>[0], request, params, {
    db,
    clock,
    publicUrl: "http://console.test",
    sessionActor: async () => session,
  });
  return { status: response.status, body: (await response.json()) as Answer, headers: response.headers };
}

const personal = (actor: UserActor, input: Record<string, unknown>) =>
  createPersonalToken(deps)({ actor, db, clock, input: { name: "laptop", purpose: "My scripts", ...input } });
const service = (actor: UserActor, input: Record<string, unknown>) =>
  createServiceToken(deps)({ actor, db, clock, input: { name: "deploy-bot", purpose: "Deploys from CI", kind: "service", ...input } });

const lastEvent = (where: Record<string, unknown>) => db.auditEvent.findFirst({ where, orderBy: { seq: "desc" } });

describe("making a token", () => {
  it("shows the token once and keeps only its SHA-256, under a recognisable prefix", async () => {
    const created = await personal(member, { scopes: ["registry.read"] });
    expect(created.secret).toMatch(TOKEN_PATTERN);
    expect(created.token.prefix).toBe(created.secret.slice(0, 13));
    expect(created.token.prefix).toMatch(PREFIX_PATTERN);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.token.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(created.secret).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(14));
    expect(row).toMatchObject({ kind: "personal", ownerId: member.userId, createdById: member.userId, scopes: ["registry.read"] });
    // Listed and audited without the secret.
    const list = await listTokens({ actor: member, db, clock, input: {} });
    expect(JSON.stringify(list)).not.toContain(created.secret);
    const event = await lastEvent({ action: "token.createPersonal", targetId: created.token.id });
    expect(event).toMatchObject({ outcome: "allowed", actorId: member.userId });
    expect(JSON.stringify(event, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(created.secret);
    // A leaked token is recognised as a secret by the console's own scanner (free text refuses it).
    expect(await detectSecret(`curl -H "Authorization: Bearer ${created.secret}"`)).toBeTruthy();
  });

  it("refuses scopes beyond what the creator may do now, naming them", async () => {
    await expect(personal(member, { scopes: ["registry.read", "registry.import"] })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { scopes: [expect.stringContaining("registry.import")] },
    });
    // What the policy reserves for people is never a scope, whoever asks.
    await expect(personal(admin, { scopes: ["user.setRoles"] })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { scopes: [expect.stringContaining("not something a token may do")] },
    });
    await expect(personal(admin, { scopes: [] })).rejects.toMatchObject({ fieldErrors: { scopes: [expect.any(String)] } });
    expect(TOKEN_SCOPES).not.toContain("token.createPersonal");
    expect(TOKEN_SCOPES).not.toContain("identity.claim");
    expect(TOKEN_SCOPES).toContain("registry.read");
    // The form offers only what the person may give.
    const offered = scopeChoices(member).flatMap((g) => g.scopes.map((s) => s.value));
    expect(offered).toContain("registry.read");
    expect(offered).not.toContain("registry.import");
  });

  it("requires an expiry: 30 days by default, at most the configured maximum, never more than a year", async () => {
    const byDefault = await personal(member, { scopes: ["registry.read"] });
    expect(new Date(byDefault.token.expiresAt).getTime() - now.getTime()).toBe(30 * DAY);
    const longest = await personal(member, { scopes: ["registry.read"], expiresInDays: 90 });
    expect(new Date(longest.token.expiresAt).getTime() - now.getTime()).toBe(90 * DAY);
    await expect(personal(member, { scopes: ["registry.read"], expiresInDays: 91 })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { expiresInDays: [expect.stringContaining("at most 90 days")] },
    });
    await expect(personal(member, { scopes: ["registry.read"], expiresInDays: 0 })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      createPersonalToken({ maxDays: 5_000 })({
        actor: member,
        db,
        clock,
        input: { name: "x", purpose: "for ever", scopes: ["registry.read"], expiresInDays: 366 },
      }),
    ).rejects.toMatchObject({ fieldErrors: { expiresInDays: [expect.stringContaining("at most 365 days")] } });
  });

  it("service and agent tokens are an admin's, for an eligible sponsor, within both people's rights", async () => {
    await expect(service(member, { ownerId: member.userId, scopes: ["registry.read"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(service(admin, { ownerId: auditor.userId, scopes: ["registry.read"] })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { ownerId: [expect.stringContaining("cannot own identities")] },
    });
    await expect(service(admin, { scopes: ["registry.read"] })).rejects.toMatchObject({
      fieldErrors: { ownerId: [expect.stringContaining("sponsor")] },
    });
    await expect(service(admin, { ownerId: member.userId, scopes: ["registry.import"] })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { scopes: [expect.stringContaining("the sponsor")] },
    });
    await expect(service(admin, { ownerId: member.userId, scopes: ["registry.read"], purpose: "" })).rejects.toMatchObject({
      fieldErrors: { purpose: [expect.stringContaining("purpose is required")] },
    });
  });
});

describe("using a token", () => {
  let deployBot: CreatedToken;

  beforeAll(async () => {
    deployBot = await service(admin, { ownerId: member.userId, scopes: ["registry.read"] });
  });

  it("a service token lists the registry, and its use is noted at most once a minute", async () => {
    const answer = await call(identities.GET, "/api/registry/identities?platform=nhi-console", { token: deployBot.secret });
    expect(answer.status).toBe(200);
    expect(answer.body.ok).toBe(true);
    expect(answer.body.data.identities.map((i) => i.externalId)).toContain(deployBot.token.prefix);
    let row = await db.apiToken.findUniqueOrThrow({ where: { id: deployBot.token.id } });
    expect(row.lastUsedAt).toEqual(now);
    expect(row.lastUsedIp).toBe("203.0.113.7");
    const firstUse = now;
    now = new Date(now.getTime() + 30_000);
    expect((await call(identities.GET, "/api/registry/identities", { token: deployBot.secret })).status).toBe(200);
    row = await db.apiToken.findUniqueOrThrow({ where: { id: deployBot.token.id } });
    expect(row.lastUsedAt).toEqual(firstUse);
    now = new Date(firstUse.getTime() + 61_000);
    expect((await call(identities.GET, "/api/registry/identities", { token: deployBot.secret })).status).toBe(200);
    row = await db.apiToken.findUniqueOrThrow({ where: { id: deployBot.token.id } });
    expect(row.lastUsedAt).toEqual(now);
    // Its registry entry shows the same use.
    const identity = await db.identity.findUniqueOrThrow({ where: { id: deployBot.token.identityId! } });
    expect(identity).toMatchObject({ lastUsedAt: now, usage: "known" });
  });

  it("appears in the registry: platform nhi-console, its owner and purpose, its scopes, expiry and last use", async () => {
    const page = await listIdentities({ actor: auditor, db, clock, input: { platform: "nhi-console" } });
    const entry = page.identities.find((i) => i.externalId === deployBot.token.prefix);
    expect(entry).toMatchObject({
      name: "deploy-bot",
      kind: "api_key",
      platform: "nhi-console",
      purpose: "Deploys from CI",
      status: "active",
      owner: { id: member.userId },
      credentialType: "static_secret",
      credentialExpiresAt: deployBot.token.expiresAt,
      activeCredentials: 1,
      neverExpires: false,
    });
    const detail = await getIdentity({ actor: auditor, db, clock, input: { id: entry!.id } });
    expect(detail.entitlements.map((e) => [e.resource, e.action, e.level])).toEqual([["nhi-console", "registry.read", "read"]]);
    const history = await db.auditEvent.findMany({ where: { targetType: "identity", targetId: entry!.id } });
    expect(history.map((e) => e.action)).toContain("identity.create");
    // An AI agent's token is registered as an AI agent.
    const agent = await service(admin, { kind: "agent", name: "triage-agent", ownerId: admin.userId, scopes: ["registry.read"] });
    expect(await db.identity.findUniqueOrThrow({ where: { id: agent.token.identityId! } })).toMatchObject({
      kind: "ai_agent",
      platform: "nhi-console",
    });
  });

  it("refuses calls beyond its scopes (403), recorded as the token", async () => {
    const answer = await call(identities.POST, "/api/registry/identities", {
      token: deployBot.secret,
      method: "POST",
      body: { name: "x", kind: "api_key", platform: "stripe", externalId: "k", environment: "test", purpose: "p", ownerId: member.userId },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.message).toContain("scopes do not include identity.create");
    expect(await lastEvent({ action: "identity.create", outcome: "denied" })).toMatchObject({
      actorType: "token",
      actorId: deployBot.token.id,
      actorLabel: expect.stringContaining(deployBot.token.prefix),
    });
  });

  it("refuses unknown, malformed, expired and revoked tokens (401) and records each, never the token itself", async () => {
    const unknown = `nhic_ZZZZzzzz_${"a".repeat(43)}`;
    const answer = await call(identities.GET, "/api/registry/identities", { token: unknown });
    expect(answer.status).toBe(401);
    expect(answer.body.message).toContain("not known");
    expect(answer.headers.get("www-authenticate")).toContain("invalid_token");
    const event = await lastEvent({ action: "token.use" });
    expect(event).toMatchObject({ outcome: "denied", reason: "unknown token", targetLabel: "nhic_ZZZZzzzz", actorType: "anonymous" });
    const everything = await db.auditEvent.findMany();
    expect(JSON.stringify(everything, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("a".repeat(43));

    expect((await call(identities.GET, "/api/registry/identities", { token: "hunter2" })).status).toBe(401);
    expect(await lastEvent({ action: "token.use" })).toMatchObject({ reason: "malformed token", targetLabel: null });

    const shortLived = await personal(member, { scopes: ["registry.read"], expiresInDays: 1 });
    expect((await call(identities.GET, "/api/registry/identities", { token: shortLived.secret })).status).toBe(200);
    now = new Date(now.getTime() + DAY);
    const expired = await call(identities.GET, "/api/registry/identities", { token: shortLived.secret });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toContain("expired");
    expect(await lastEvent({ action: "token.use" })).toMatchObject({ reason: "expired", actorType: "token", actorId: shortLived.token.id });

    now = new Date("2026-06-01T12:00:00.000Z");
    const revoked = await personal(member, { scopes: ["registry.read"] });
    await revokeToken({ actor: member, db, clock, input: { id: revoked.token.id } });
    const refused = await call(identities.GET, "/api/registry/identities", { token: revoked.secret });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain("revoked");
    expect(await lastEvent({ action: "token.use" })).toMatchObject({ reason: "revoked", targetId: revoked.token.id });
  });

  it("shrinks with its owner: refused once the owner loses the role, refused when the owner is deactivated", async () => {
    const reader = await makeUser(db, ["admin"]);
    const created = await personal(reader, { scopes: ["user.list"] });
    expect((await call(adminUsers.GET, "/api/admin/users", { token: created.secret })).status).toBe(200);
    await setUserRoles({ actor: admin, db, clock, input: { userId: reader.userId, roles: ["member"] } });
    const demoted = await call(adminUsers.GET, "/api/admin/users", { token: created.secret });
    expect(demoted.status).toBe(403);
    expect(demoted.body.message).toContain("owner no longer holds");
    expect(await lastEvent({ action: "user.list", outcome: "denied" })).toMatchObject({ actorId: created.token.id });

    await db.user.update({ where: { id: reader.userId }, data: { status: "deactivated" } });
    const gone = await call(adminUsers.GET, "/api/admin/users", { token: created.secret });
    expect(gone.status).toBe(401);
    expect(await lastEvent({ action: "token.use" })).toMatchObject({ reason: "owner deactivated", actorId: created.token.id });
  });

  it("an agent token may never do what needs a person (change roles, make tokens), whatever its owner may", async () => {
    const agent = await service(admin, {
      kind: "agent",
      name: "helper-agent",
      ownerId: admin.userId,
      scopes: ["registry.read", "user.list"],
    });
    const roles = await call(adminUserRoles.POST, `/api/admin/users/${member.userId}/roles`, {
      token: agent.secret,
      method: "POST",
      body: { roles: ["admin"] },
      params: { id: member.userId },
    });
    expect(roles.status).toBe(403);
    expect(roles.body.message).toContain("needs a person");
    expect(await lastEvent({ action: "user.setRoles", outcome: "denied" })).toMatchObject({ actorType: "token", actorId: agent.token.id });
    expect(await db.user.findUniqueOrThrow({ where: { id: member.userId } })).toMatchObject({ roles: ["member"] });

    const mint = await call(tokens.POST, "/api/tokens", {
      token: agent.secret,
      method: "POST",
      body: { name: "child", purpose: "more", scopes: ["registry.read"] },
    });
    expect(mint.status).toBe(403);
    expect(await lastEvent({ action: "token.createPersonal", outcome: "denied" })).toMatchObject({ actorId: agent.token.id });
  });

  it("a bearer request is authenticated by the token alone and is not subject to the browser's origin check", async () => {
    // A bad token is refused even when a session would have let the caller in.
    expect((await call(identities.GET, "/api/registry/identities", { token: "nope", session: admin })).status).toBe(401);
    // A write by token from a script that sends an Origin header is not a cross-origin refusal...
    const writer = await personal(member, { scopes: ["identity.create"] });
    const created = await call(identities.POST, "/api/registry/identities", {
      token: writer.secret,
      method: "POST",
      headers: { origin: "https://elsewhere.example" },
      body: {
        name: "via-token",
        kind: "api_key",
        platform: "stripe",
        externalId: "via-token",
        environment: "test",
        purpose: "From a script",
        ownerId: member.userId,
      },
    });
    expect(created.status).toBe(200);
    expect(await lastEvent({ action: "identity.create", targetId: created.body.data.id })).toMatchObject({ actorId: writer.token.id });
    // ...while the same write with a session is.
    const session = await call(identities.POST, "/api/registry/identities", {
      session: member,
      method: "POST",
      headers: { origin: "https://elsewhere.example" },
      body: { name: "via-session" },
    });
    expect(session.status).toBe(403);
    expect(bearerToken(new Headers({ authorization: "bearer  abc " }))).toBe("abc");
    expect(bearerToken(new Headers({ authorization: "Basic abc" }))).toBeNull();
  });
});

describe("listing and revoking", () => {
  it("lists one's own tokens; admins everyone's, filtered by kind and status, a page at a time", async () => {
    const mine = await listTokens({ actor: member, db, clock, input: { pageSize: 200 } });
    expect(mine.tokens.length).toBeGreaterThan(0);
    expect(mine.tokens.every((t) => t.owner.id === member.userId)).toBe(true);
    // An admin's own list holds the service tokens they made for a sponsor too.
    const made = await listTokens({ actor: admin, db, clock, input: { kind: "service", pageSize: 200 } });
    expect(made.tokens.some((t) => t.owner.id === member.userId && t.createdById === admin.userId)).toBe(true);
    await expect(listTokens({ actor: member, db, clock, input: { owner: "all" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const all = await listTokens({ actor: admin, db, clock, input: { owner: "all", kind: "service", pageSize: 200 } });
    expect(all.allOwners).toBe(true);
    expect(all.tokens.length).toBeGreaterThan(0);
    expect(all.tokens.every((t) => t.kind === "service")).toBe(true);
    const revoked = await listTokens({ actor: admin, db, clock, input: { owner: "all", status: "revoked" } });
    expect(revoked.tokens.every((t) => t.status === "revoked")).toBe(true);
    const paged = await listTokens({ actor: admin, db, clock, input: { owner: "all", pageSize: 1, page: 2 } });
    expect(paged.tokens).toHaveLength(1);
    expect(paged.total).toBeGreaterThan(2);
    // Through the API, with the owner's token.
    const lister = await personal(member, { scopes: ["token.list"] });
    const answer = await call(tokens.GET, "/api/tokens?status=active", { token: lister.secret });
    expect(answer.status).toBe(200);
    expect(answer.body.data.tokens.map((t) => t.id)).toContain(lister.token.id);
  });

  it("revokes at once: the owner or an admin, recorded; a service token's registry entry is decommissioned", async () => {
    const bot = await service(admin, { name: "nightly-sync", ownerId: member.userId, scopes: ["registry.read"] });
    expect((await call(identities.GET, "/api/registry/identities", { token: bot.secret })).status).toBe(200);
    const stranger = await makeUser(db, ["member"]);
    const refused = await call(tokenById.DELETE, `/api/tokens/${bot.token.id}`, {
      session: stranger,
      method: "DELETE",
      params: { id: bot.token.id },
    });
    expect(refused.status).toBe(403);
    expect(await lastEvent({ action: "token.revoke", outcome: "denied" })).toMatchObject({
      actorId: stranger.userId,
      targetId: bot.token.id,
    });
    const done = await call(tokenById.DELETE, `/api/tokens/${bot.token.id}`, {
      session: otherAdmin,
      method: "DELETE",
      params: { id: bot.token.id },
    });
    expect(done.status).toBe(200);
    expect(done.body.data.status).toBe("revoked");
    expect(await lastEvent({ action: "token.revoke", outcome: "allowed" })).toMatchObject({
      actorId: otherAdmin.userId,
      targetId: bot.token.id,
    });
    expect((await call(identities.GET, "/api/registry/identities", { token: bot.secret })).status).toBe(401);
    const identity = await db.identity.findUniqueOrThrow({ where: { id: bot.token.identityId! }, include: { credentials: true } });
    expect(identity.status).toBe("decommissioned");
    expect(identity.credentials.map((c) => c.status)).toEqual(["inactive"]);
    expect(identity.activeCredentials).toBe(0);
    await expect(revokeToken({ actor: admin, db, clock, input: { id: bot.token.id } })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a token suspended in the registry is refused", async () => {
    const bot = await service(admin, { name: "paused-bot", ownerId: member.userId, scopes: ["registry.read"] });
    await db.identity.update({ where: { id: bot.token.identityId! }, data: { status: "suspended" } });
    const answer = await call(identities.GET, "/api/registry/identities", { token: bot.secret });
    expect(answer.status).toBe(401);
    expect(answer.body.message).toContain("suspended");
  });
});
