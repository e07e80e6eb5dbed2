import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as webhookTest from "@/app/api/admin/webhooks/[id]/test/route";
import * as webhooks from "@/app/api/admin/webhooks/route";
import * as tokenById from "@/app/api/tokens/[id]/route";
import * as tokens from "@/app/api/tokens/route";
import { serveApiRequest } from "@/lib/auth/api-route";
import type { TokenActor, UserActor } from "@/lib/domain/authz/actor";
import { runJobNow } from "@/lib/domain/jobs/run-now";
import { emitEvent } from "@/lib/domain/notifications/emit-event";
import { listInbox } from "@/lib/domain/notifications/list-inbox";
import { markRead } from "@/lib/domain/notifications/mark-read";
import { updateNotificationSettings } from "@/lib/domain/notifications/settings";
import { setIdentityStatus } from "@/lib/domain/registry/set-identity-status";
import type { Clock } from "@/lib/domain/shared/clock";
import { authenticateToken } from "@/lib/domain/tokens/authenticate-token";
import { createPersonalToken, createServiceToken } from "@/lib/domain/tokens/create-token";
import { createWebhookEndpoint } from "@/lib/domain/webhooks/create-endpoint";
import { webhookSealingKey } from "@/lib/domain/webhooks/secrets";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// An attacker's pass over API tokens, webhooks, "run now" and the inbox: each probe asserts a property that
// must hold (a refusal, recorded; nothing leaked; no 5xx), and stays as a regression test.

let now = new Date("2026-06-01T12:00:00.000Z");
const clock: Clock = { now: () => now };
const deps = { maxDays: 90 };
const webhookDeps = { sealingKey: webhookSealingKey("vitest-root-secret-vitest-root-secret"), requireHttps: false };
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let alice: UserActor;
let bob: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  alice = await makeUser(db, ["member"]);
  bob = await makeUser(db, ["member"]);
});
afterAll(() => database.close());

type Route = { handler: (ctx: never) => Promise<unknown> };
/** A route module: its handler for each method. */
type RouteModule = Partial<Record<string, Route>>;

async function call(
  mod: RouteModule,
  path: string,
  {
    token,
    method = "GET",
    body,
    params = {},
    rawAuthorization,
  }: { token?: string; method?: string; body?: unknown; params?: Record<string, string>; rawAuthorization?: string } = {},
) {
  const route = mod[method];
  if (!route) throw new Error(`no ${method} handler`);
  const authorization = rawAuthorization ?? (token !== undefined ? `Bearer ${token}` : undefined);
  const request = new Request(`http://console.test${path}`, {
    method,
    headers: {
      host: "console.test",
      ...(authorization !== undefined ? { authorization } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const { response } = await serveApiRequest(route.handler as Parameters<typeof serveApiRequest>[0], request, params, {
    db,
    clock,
    publicUrl: "http://console.test",
    // A session of the admin is present all along: a bearer request must never borrow it.
    sessionActor: async () => admin,
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as { ok: boolean; code?: string; data?: Record<string, unknown> } };
}

const personal = (actor: UserActor, scopes: string[], extra: Record<string, unknown> = {}) =>
  createPersonalToken(deps)({ actor, db, clock, input: { name: "probe", purpose: "Attack probes", scopes, ...extra } });

async function tokenActor(secret: string): Promise<TokenActor> {
  const auth = await authenticateToken({ db, clock, token: secret, request: { ip: null, userAgent: null, requestId: null } });
  if (!auth.ok) throw new Error(`token refused: ${auth.reason}`);
  return auth.actor;
}

const deniedBy = (actorId: string, action: string) =>
  db.auditEvent.findFirst({ where: { actorId, action, outcome: "denied" }, orderBy: { seq: "desc" } });

describe("a token never exceeds its owner", () => {
  it("one member's token cannot revoke another member's token; the refusal is recorded as the token", async () => {
    const victim = await personal(alice, ["registry.read"]);
    const attacker = await personal(bob, ["token.revoke", "token.list"]);
    const res = await call(tokenById, `/api/tokens/${victim.token.id}`, {
      token: attacker.secret,
      method: "DELETE",
      params: { id: victim.token.id },
    });
    expect(res.status).toBe(403);
    expect(await deniedBy(attacker.token.id, "token.revoke")).toMatchObject({ targetId: victim.token.id });
    // The victim's token still works.
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: victim.token.id } })).revokedAt).toBeNull();
  });

  it("a member's token cannot list everyone's tokens (owner=all), recorded; owner=mine shows only the owner's", async () => {
    const attacker = await personal(bob, ["token.list"]);
    const all = await call(tokens, "/api/tokens?owner=all", { token: attacker.secret });
    expect(all.status).toBe(403);
    expect(await deniedBy(attacker.token.id, "token.list")).not.toBeNull();
    const mine = await call(tokens, "/api/tokens", { token: attacker.secret });
    expect(mine.status).toBe(200);
    const listed = (mine.body.data as { tokens: { owner: { id: string } }[] }).tokens;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((t) => t.owner.id === bob.userId)).toBe(true);
    // Never a hash or a secret in the list.
    expect(mine.text).not.toMatch(/tokenHash|nhic_[A-Za-z0-9]{8}_/);
  });

  it("a token may not hold a people-only action as a scope", async () => {
    for (const scope of ["webhook.manage", "job.runNow", "notification.settings", "token.createPersonal", "token.createService"])
      await expect(personal(admin, [scope])).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("an admin's token is refused people-only actions (make tokens, manage webhooks, run jobs, preferences), each recorded", async () => {
    const created = await personal(admin, ["webhook.read", "token.list", "job.list", "notification.read"]);
    const id = created.token.id;
    const post = await call(tokens, "/api/tokens", {
      token: created.secret,
      method: "POST",
      body: { name: "x", purpose: "escalate", scopes: ["registry.read"] },
    });
    expect(post.status).toBe(403);
    expect(await deniedBy(id, "token.createPersonal")).not.toBeNull();

    const hook = await call(webhooks, "/api/admin/webhooks", {
      token: created.secret,
      method: "POST",
      body: { name: "exfil", url: "http://127.0.0.1:9/x", eventTypes: ["job.failed"] },
    });
    expect(hook.status).toBe(403);
    expect(await db.webhookEndpoint.count({ where: { name: "exfil" } })).toBe(0);

    const endpoint = await createWebhookEndpoint(webhookDeps)({
      actor: admin,
      db,
      clock,
      input: { name: "ops", url: "http://127.0.0.1:9/ops", eventTypes: ["job.failed"] },
    });
    const test = await call(webhookTest, `/api/admin/webhooks/${endpoint.endpoint.id}/test`, {
      token: created.secret,
      method: "POST",
      params: { id: endpoint.endpoint.id },
    });
    expect(test.status).toBe(403);
    const manageDenials = await db.auditEvent.count({ where: { actorId: id, action: "webhook.manage", outcome: "denied" } });
    expect(manageDenials).toBe(2);

    // Reading webhooks is allowed to the admin's token, but never shows a signing secret.
    const list = await call(webhooks, "/api/admin/webhooks", { token: created.secret });
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(endpoint.secret);
    expect(list.text).not.toMatch(/whsec_|secretSealed/);

    const actor = await tokenActor(created.secret);
    const job = await db.job.findFirst();
    await expect(runJobNow({ actor, db, clock, input: { id: job?.id ?? crypto.randomUUID() } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await deniedBy(id, "job.runNow")).not.toBeNull();
    await expect(
      updateNotificationSettings({ actor, db, clock, input: { email: false, digest: false, mutedEvents: [] } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await deniedBy(id, "notification.settings")).not.toBeNull();
    expect(await db.notificationSettings.findUnique({ where: { userId: admin.userId } })).toBeNull();
  });
});

describe("a token that should be dead stays dead", () => {
  it("is refused from the very instant it expires", async () => {
    const created = await personal(alice, ["registry.read"], { expiresInDays: 1 });
    const expiresAt = new Date(created.token.expiresAt);
    const saved = now;
    try {
      now = new Date(expiresAt.getTime() - 1);
      expect((await call(tokens, "/api/tokens", { token: created.secret })).status).not.toBe(401);
      now = expiresAt;
      const res = await call(tokens, "/api/tokens", { token: created.secret });
      expect(res.status).toBe(401);
    } finally {
      now = saved;
    }
  });

  it("a revoked service token stays refused when its registry entry is made active again", async () => {
    const created = await createServiceToken(deps)({
      actor: admin,
      db,
      clock,
      input: { name: "ci-bot", purpose: "Deploys", kind: "service", ownerId: alice.userId, scopes: ["registry.read"] },
    });
    await call(tokenById, `/api/tokens/${created.token.id}`, { method: "DELETE", params: { id: created.token.id } });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: created.token.id } })).revokedAt).not.toBeNull();
    await setIdentityStatus({
      actor: admin,
      db,
      clock,
      input: { id: created.token.identityId!, status: "active", reason: "brought back by mistake" },
    });
    const res = await call(tokens, "/api/tokens", { token: created.secret });
    expect(res.status).toBe(401);
    expect(res.text).toContain("revoked");
  });
});

describe("hostile bearer credentials", () => {
  it("are a 401 (never a 5xx, never the admin's session), and no token text reaches the audit log", async () => {
    const real = await personal(alice, ["registry.read"]);
    const near = real.secret.slice(0, -1) + (real.secret.endsWith("A") ? "B" : "A");
    const hostile = [
      "Bearer",
      "Bearer ",
      `Bearer ${"a".repeat(100_000)}`,
      "Bearer nhic_",
      `Bearer ${near}`,
      `Bearer ${real.secret.toLowerCase()}`,
      `Bearer ${real.secret} ${real.secret}`,
      `bEaReR ${"nhic_AAAAAAAA_" + "A".repeat(43)}`,
      "Bearer ' OR 1=1 --",
    ];
    for (const rawAuthorization of hostile) {
      const res = await call(tokens, "/api/tokens", { rawAuthorization });
      expect(res.status, rawAuthorization.slice(0, 40)).toBe(401);
    }
    const audit = JSON.stringify(
      await db.auditEvent.findMany({ select: { actorLabel: true, targetLabel: true, reason: true, before: true, after: true } }),
    );
    expect(audit).not.toContain(real.secret);
    expect(audit).not.toContain(near);
    expect(audit).not.toContain(real.secret.slice(14));
  });
});

describe("the inbox is the owner's alone", () => {
  it("another person's token can neither read nor mark the owner's entries", async () => {
    const entry = await db.notification.create({
      data: {
        userId: alice.userId,
        eventType: "identity.credentialExpiring",
        dedupeKey: `probe:${Date.now()}`,
        title: "Alice's private entry",
        body: "",
        link: "/registry",
        createdAt: now,
      },
    });
    const attacker = await personal(bob, ["notification.read", "notification.markRead"]);
    const actor = await tokenActor(attacker.secret);
    await expect(markRead({ actor, db, clock, input: { id: entry.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await markRead({ actor, db, clock, input: { all: true } });
    expect((await db.notification.findUniqueOrThrow({ where: { id: entry.id } })).readAt).toBeNull();
    const inbox = await listInbox({ actor, db, clock, input: {} });
    expect(inbox.entries.map((e) => e.id)).not.toContain(entry.id);
  });
});

describe("notification links stay on the site", () => {
  it("emitEvent refuses every link that leaves the console or is not a plain path", async () => {
    const hostile = [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " /registry",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "https://evil.example/x",
      "/\t/evil.example",
      "/\n/evil.example",
      "data:text/html,<script>alert(1)</script>",
      "",
    ];
    for (const link of hostile) {
      await expect(
        db.$transaction((tx) =>
          emitEvent(tx, clock, {
            type: "identity.credentialExpiring",
            recipients: [alice.userId],
            title: "probe",
            body: "",
            link,
            dedupeKey: `link-probe:${link}`,
            data: {},
          }),
        ),
        JSON.stringify(link),
      ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { "event.link": expect.any(Array) } });
    }
    expect(await db.outboxEvent.count({ where: { payload: { path: ["dedupeKey"], string_starts_with: "link-probe:" } } })).toBe(0);
    // The same event with a path of the console is accepted: the refusals above are the link's.
    const sent = await db.$transaction((tx) =>
      emitEvent(tx, clock, {
        type: "identity.credentialExpiring",
        recipients: [alice.userId],
        title: "probe",
        body: "",
        link: "/registry?owner=me",
        dedupeKey: "link-ok",
        data: {},
      }),
    );
    expect(sent).toBe(1);
  });
});

describe("webhook endpoints", () => {
  it("refuse URLs that are not http(s) or that carry credentials", async () => {
    for (const url of ["file:///etc/passwd", "javascript:alert(1)", "gopher://127.0.0.1:25/", "http://user:pw@127.0.0.1/x", "ftp://x/"])
      await expect(
        createWebhookEndpoint(webhookDeps)({ actor: admin, db, clock, input: { name: "bad", url, eventTypes: ["job.failed"] } }),
        url,
      ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("keep a receiver URL that is itself a credential (Slack, Teams) out of the audit log", async () => {
    const teams =
      "https://contoso.webhook.office.com/webhookb2/1b3c5d7e-1111-2222-3333-444455556666@9a8b7c6d-1111-2222-3333-444455556666/IncomingWebhook/0f1e2d3c4b5a69788796a5b4c3d2e1f0/1b3c5d7e-1111-2222-3333-444455556666";
    const slack = "https://hooks.slack.com/services/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";
    for (const [url, format] of [
      [teams, "teams"],
      [slack, "slack"],
    ] as const) {
      const created = await createWebhookEndpoint(webhookDeps)({
        actor: admin,
        db,
        clock,
        input: { name: `chat ${format}`, url, eventTypes: ["job.failed"], format },
      });
      const event = await db.auditEvent.findFirstOrThrow({
        where: { action: "webhook.create", targetId: created.endpoint.id },
        select: { targetLabel: true, reason: true, before: true, after: true },
      });
      const recorded = JSON.stringify(event);
      expect(recorded, format).not.toContain(new URL(url).pathname.split("/").slice(2).join("/"));
      expect(recorded).toContain("[redacted");
    }
  });
});
