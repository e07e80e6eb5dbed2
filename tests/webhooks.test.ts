import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { systemActor } from "@/lib/domain/authz/actor";
import type { DomainEvent } from "@/lib/domain/notifications/event-types";
import { emitEvent } from "@/lib/domain/notifications/emit-event";
import type { Clock } from "@/lib/domain/shared/clock";
import { createWebhookEndpoint } from "@/lib/domain/webhooks/create-endpoint";
import { deleteWebhookEndpoint } from "@/lib/domain/webhooks/delete-endpoint";
import { deliverDueWebhooks, pruneWebhookLog } from "@/lib/domain/webhooks/deliver-webhooks";
import { backoffMs, type DeliverySettings } from "@/lib/domain/webhooks/delivery-settings";
import { enqueueWebhookDeliveries, type OutboxRecord } from "@/lib/domain/webhooks/enqueue-deliveries";
import { getWebhookEndpoint } from "@/lib/domain/webhooks/get-endpoint";
import { listWebhookEndpoints } from "@/lib/domain/webhooks/list-endpoints";
import { rotateWebhookSecret } from "@/lib/domain/webhooks/rotate-secret";
import { webhookSealingKey } from "@/lib/domain/webhooks/secrets";
import { sendWebhookTestEvent } from "@/lib/domain/webhooks/send-test-event";
import { REPLAY_WINDOW_SECONDS, verifySignature } from "@/lib/domain/webhooks/signature";
import { updateWebhookEndpoint } from "@/lib/domain/webhooks/update-endpoint";
import { webhookJobs } from "@/lib/domain/webhooks/jobs";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// Webhooks end to end at the domain's edge: real receivers (node:http on 127.0.0.1, random ports) get signed
// deliveries from the delivery job, with the clock driven by the test to walk through retries and backoff.

const START = new Date("2026-11-24T12:00:00.000Z");
let now = START;
const clock: Clock = { now: () => now };
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

const sealingKey = webhookSealingKey("vitest-root-secret-vitest-root-secret");
const deps = { sealingKey, requireHttps: false, publicUrl: "https://console.test" };
const job = systemActor("system:job:webhooks.deliver");
const FAST: Partial<DeliverySettings> = { timeoutMs: 2_000, maxAttempts: 6, retryBaseMs: 30_000, disableAfterFailures: 10 };

let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let member: UserActor;

// ---- a receiver ----------------------------------------------------------------------------------------

type Received = { headers: IncomingHttpHeaders; body: string; path: string };
type Receiver = {
  url: string;
  received: Received[];
  /** What to answer: a status (and body), or "hang" to never answer. */
  answer: (req: Received, res: ServerResponse) => void;
  close: () => Promise<void>;
};
const receivers: Receiver[] = [];

async function startReceiver(answer: Receiver["answer"] = (_req, res) => res.writeHead(204).end()): Promise<Receiver> {
  const receiver = { received: [] as Received[], answer } as Receiver;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const got = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), path: req.url ?? "/" };
      receiver.received.push(got);
      receiver.answer(got, res);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/nhi`;
  receiver.close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  receivers.push(receiver);
  return receiver;
}

// ---- helpers -------------------------------------------------------------------------------------------

const create = (input: Record<string, unknown>, actor: UserActor = admin, d = deps) =>
  createWebhookEndpoint(d)({ actor, db, clock, input });
const run = (settings: Partial<DeliverySettings> = FAST) => deliverDueWebhooks({ db, clock, actor: job }, { sealingKey, settings });

let eventNo = 0;
/** Records an event as a workflow would (emitEvent) and fans it out as the dispatch job does (enqueue). */
async function publish(type: DomainEvent["type"] = "identity.credentialExpired", extra: Partial<DomainEvent> = {}) {
  eventNo += 1;
  const event: DomainEvent = {
    type,
    recipients: [admin.userId],
    title: `Credential of deploy-bot-${eventNo} expired`,
    body: "The access key expired yesterday. Rotate it or retire the identity.",
    link: `/registry/00000000-0000-4000-8000-00000000000${eventNo % 10}`,
    dedupeKey: `test:${eventNo}`,
    data: { identityName: `deploy-bot-${eventNo}`, n: eventNo },
    ...extra,
  };
  return db.$transaction(async (tx) => {
    await emitEvent(tx, clock, event);
    const row = await tx.outboxEvent.findFirstOrThrow({ where: { dispatchedAt: null }, orderBy: { id: "desc" } });
    const record: OutboxRecord = { id: row.id, at: row.at, event: row.payload as unknown as DomainEvent };
    const queued = await enqueueWebhookDeliveries(tx, clock, [record], { publicUrl: deps.publicUrl });
    await tx.outboxEvent.update({ where: { id: row.id }, data: { dispatchedAt: clock.now() } });
    return { id: row.id, queued };
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  member = await makeUser(db, ["member"]);
});
afterAll(async () => {
  for (const r of receivers) await r.close();
  await database.close();
});
beforeEach(async () => {
  now = START;
  await db.webhookEndpoint.deleteMany();
  await db.outboxEvent.deleteMany();
});

// ---- signing and delivery ------------------------------------------------------------------------------

describe("a delivery", () => {
  it("reaches the receiver signed with the secret shown at creation, with event, delivery id and a replay timestamp", async () => {
    const receiver = await startReceiver();
    const { endpoint, secret } = await create({ name: "SIEM", url: receiver.url, eventTypes: ["identity.credentialExpired"] });
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(endpoint.secretHint).toBe(secret.slice(-4));

    const { id: eventId, queued } = await publish();
    expect(queued).toBe(1);
    const summary = await run();
    expect(summary).toMatchObject({ attempted: 1, delivered: 1 });

    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received as [Received];
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(got.headers["x-nhi-event"]).toBe("identity.credentialExpired");
    expect(got.headers["x-nhi-delivery"]).toBe(delivery.id);
    expect(got.headers["content-type"]).toBe("application/json");
    // The timestamp the replay window is judged on: the send time, in Unix seconds.
    const signature = String(got.headers["x-nhi-signature"]);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(signature).toContain(`t=${Math.floor(now.getTime() / 1000)},`);
    expect(verifySignature(secret, signature, got.body, now)).toEqual({ ok: true, timestamp: Math.floor(now.getTime() / 1000) });
    // A changed body, another secret, or the same delivery replayed after the window: refused.
    expect(verifySignature(secret, signature, `${got.body} `, now)).toMatchObject({ ok: false, reason: "signature does not match" });
    expect(verifySignature(`${secret}x`, signature, got.body, now)).toMatchObject({ ok: false });
    const later = new Date(now.getTime() + (REPLAY_WINDOW_SECONDS + 1) * 1000);
    expect(verifySignature(secret, signature, got.body, later)).toMatchObject({ ok: false, reason: "timestamp outside the replay window" });

    expect(JSON.parse(got.body)).toEqual({
      id: `evt_${eventId}`,
      type: "identity.credentialExpired",
      createdAt: START.toISOString(),
      title: expect.stringMatching(/^Credential of deploy-bot-\d+ expired$/),
      text: "The access key expired yesterday. Rotate it or retire the identity.",
      link: expect.stringMatching(/^https:\/\/console\.test\/registry\//),
      data: { identityName: expect.any(String), n: expect.any(Number) },
    });
    // The body stored is the body sent.
    expect(delivery).toMatchObject({ status: "delivered", attempts: 1, responseStatus: 204, body: got.body, error: null });
    expect(delivery.deliveredAt).toEqual(now);
  });

  it("goes only to enabled endpoints subscribed to the event's type, once per endpoint and event", async () => {
    const receiver = await startReceiver();
    const subscribed = await create({ name: "subscribed", url: receiver.url, eventTypes: "identity.credentialExpired,job.failed" });
    const other = await create({ name: "other types", url: receiver.url, eventTypes: ["review.assigned"] });
    const off = await create({ name: "off", url: receiver.url, eventTypes: ["identity.credentialExpired"] });
    await updateWebhookEndpoint(deps)({ actor: admin, db, clock, input: { id: off.endpoint.id, enabled: false } });

    const { id, queued } = await publish();
    expect(queued).toBe(1);
    const row = await db.outboxEvent.findUniqueOrThrow({ where: { id } });
    const record = { id: row.id, at: row.at, event: row.payload as unknown as DomainEvent };
    // A dispatch run repeated (after a crash) queues nothing twice.
    expect(await db.$transaction((tx) => enqueueWebhookDeliveries(tx, clock, [record]))).toBe(0);
    expect(await db.webhookDelivery.groupBy({ by: ["endpointId"], _count: true })).toEqual([
      { endpointId: subscribed.endpoint.id, _count: 1 },
    ]);
    expect(other.endpoint.id).not.toBe(subscribed.endpoint.id);
  });

  it("formats Slack and Teams bodies as those services expect", async () => {
    const receiver = await startReceiver();
    await create({ name: "slack", url: receiver.url, eventTypes: ["job.failed"], format: "slack" });
    await create({ name: "teams", url: receiver.url, eventTypes: ["job.failed"], format: "teams" });
    await publish("job.failed", { title: "Job <posture> failed & stopped", body: "See the jobs page." });
    await run();
    const bodies = receiver.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    const slack = bodies.find((b) => "blocks" in b)!;
    const teams = bodies.find((b) => b["@type"] === "MessageCard")!;
    expect(slack.text).toMatch(
      /^\*Job &lt;posture&gt; failed &amp; stopped\*\nSee the jobs page\.\n<https:\/\/console\.test\/registry\/.+\|Open in NHI Console>$/,
    );
    expect(slack.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "*Job &lt;posture&gt; failed &amp; stopped*\nSee the jobs page." } },
      { type: "context", elements: [{ type: "mrkdwn", text: expect.stringMatching(/^job\.failed · <https:/) }] },
    ]);
    expect(teams).toMatchObject({
      title: "Job <posture> failed & stopped",
      text: "See the jobs page.",
      potentialAction: [{ "@type": "OpenUri", targets: [{ os: "default", uri: expect.stringMatching(/^https:\/\/console\.test\//) }] }],
    });
  });

  it("is sent by the job definition the scheduler runs", async () => {
    const receiver = await startReceiver();
    await create({ name: "via job", url: receiver.url, eventTypes: ["job.failed"] });
    await publish("job.failed");
    const [definition] = webhookJobs({ sealingKey, settings: FAST });
    expect(definition).toMatchObject({ handler: "webhooks.deliver", schedule: "*/5 * * * * *" });
    expect(await definition!.run({ db, clock, actor: job, payload: null })).toEqual({ summary: "1 attempted, 1 delivered" });
    expect(receiver.received).toHaveLength(1);
    expect(await definition!.run({ db, clock, actor: job, payload: null })).toEqual({ summary: "nothing due", idle: true });
  });

  it("leaves the log after 30 days once finished; waiting deliveries stay", async () => {
    const receiver = await startReceiver();
    const { endpoint } = await create({ name: "old log", url: receiver.url, eventTypes: ["job.failed"] });
    await publish("job.failed");
    await run();
    await updateWebhookEndpoint(deps)({ actor: admin, db, clock, input: { id: endpoint.id, enabled: false } });
    await publish("job.failed"); // not queued: the endpoint is disabled
    await db.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        eventId: 999_999n,
        eventType: "job.failed",
        body: "{}",
        status: "retrying",
        nextAttemptAt: now,
        createdAt: now,
      },
    });
    advance(30 * 86_400_000 - 1_000);
    expect(await pruneWebhookLog({ db, clock, actor: job })).toBe(0);
    advance(2_000);
    expect(await pruneWebhookLog({ db, clock, actor: job })).toBe(1);
    expect(await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, select: { status: true } })).toEqual([
      { status: "retrying" },
    ]);
  });

  it("is only for the console's own job: a person cannot run deliveries", async () => {
    await expect(deliverDueWebhooks({ db, clock, actor: admin }, { sealingKey })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.auditEvent.count({ where: { action: "webhook.deliver", outcome: "denied", actorId: admin.userId } })).toBe(1);
  });
});

// ---- failures, retries, disable ------------------------------------------------------------------------

describe("a failing receiver", () => {
  it("is retried with exponential backoff, then the endpoint is disabled with its reason, audited and told to admins", async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(500, { "content-type": "text/plain" }).end("database is down\n"));
    const { endpoint } = await create({ name: "flaky", url: receiver.url, eventTypes: ["job.failed"] });
    await publish("job.failed");
    const settings = { ...FAST, disableAfterFailures: 4, maxAttempts: 6 };

    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      expect(await run(settings)).toMatchObject({ attempted: 1, retrying: 1 });
      const d = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
      expect(d).toMatchObject({ status: "retrying", attempts: attempt, responseStatus: 500, error: "HTTP 500: database is down" });
      const wait = d.nextAttemptAt!.getTime() - now.getTime();
      waits.push(wait);
      // Not before its time: a run a second early sends nothing.
      advance(wait - 1_000);
      expect(await run(settings)).toMatchObject({ attempted: 0 });
      advance(1_000);
    }
    expect(waits).toEqual([30_000, 120_000, 480_000]);
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).consecutiveFailures).toBe(3);

    // The fourth failure in a row disables the endpoint.
    expect(await run(settings)).toMatchObject({ attempted: 1, retrying: 1, disabled: [endpoint.id] });
    const disabled = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(disabled).toMatchObject({
      enabled: false,
      consecutiveFailures: 4,
      disabledReason: "disabled after 4 consecutive failed deliveries: HTTP 500",
    });
    expect(disabled.disabledAt).toEqual(now);
    const [audit] = await db.auditEvent.findMany({ where: { action: "webhook.disable", targetId: endpoint.id } });
    expect(audit).toMatchObject({
      actorType: "system",
      actorLabel: "system:job:webhooks.deliver",
      outcome: "allowed",
      reason: disabled.disabledReason,
    });
    const told = await db.outboxEvent.findFirstOrThrow({ where: { type: "webhook.disabled" } });
    expect(told.payload).toMatchObject({ recipients: expect.arrayContaining([admin.userId]), link: `/admin/webhooks/${endpoint.id}` });
    expect((told.payload as { recipients: string[] }).recipients).not.toContain(member.userId);

    // Disabled: nothing more is sent, however long we wait.
    advance(24 * 3_600_000);
    expect(await run(settings)).toMatchObject({ attempted: 0 });
    expect(receiver.received).toHaveLength(4);

    // The admin's page shows the reason and the log.
    const view = await getWebhookEndpoint({ actor: admin, db, clock, input: { id: endpoint.id } });
    expect(view.endpoint).toMatchObject({ enabled: false, disabledReason: "disabled after 4 consecutive failed deliveries: HTTP 500" });
    expect(view.log.deliveries).toEqual([expect.objectContaining({ status: "retrying", attempts: 4, responseStatus: 500 })]);

    // Fixed and enabled again: the waiting delivery resumes and the count starts over.
    receiver.answer = (_req, res) => res.writeHead(200).end("ok");
    await updateWebhookEndpoint(deps)({ actor: admin, db, clock, input: { id: endpoint.id, enabled: true } });
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      enabled: true,
      disabledReason: null,
      consecutiveFailures: 0,
    });
    expect(await run(settings)).toMatchObject({ attempted: 1, delivered: 1 });
    expect(await db.auditEvent.count({ where: { action: "webhook.enable", targetId: endpoint.id, actorId: admin.userId } })).toBe(1);
  });

  it("gives a delivery up as failed after its last attempt, and a success resets the endpoint's count", async () => {
    let fail = true;
    const receiver = await startReceiver((_req, res) => res.writeHead(fail ? 503 : 200).end());
    const { endpoint } = await create({ name: "gives up", url: receiver.url, eventTypes: ["job.failed"] });
    await publish("job.failed");
    const settings = { ...FAST, maxAttempts: 3, disableAfterFailures: 100 };
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await run(settings);
      advance(backoffMs(attempt, settings.retryBaseMs!));
    }
    const failed = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(failed).toMatchObject({ status: "failed", attempts: 3, nextAttemptAt: null, error: "HTTP 503" });
    expect(await run(settings)).toMatchObject({ attempted: 0 });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).consecutiveFailures).toBe(3);

    fail = false;
    await publish("job.failed");
    expect(await run(settings)).toMatchObject({ delivered: 1 });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).consecutiveFailures).toBe(0);
    const failures = await getWebhookEndpoint({ actor: admin, db, clock, input: { id: endpoint.id, status: "failed" } });
    expect(failures.log).toMatchObject({ total: 1, status: "failed", deliveries: [expect.objectContaining({ id: failed.id })] });
  });

  it("that never answers fails the attempt at the timeout", async () => {
    const receiver = await startReceiver(() => undefined); // holds the request open
    const { endpoint } = await create({ name: "silent", url: receiver.url, eventTypes: ["job.failed"] });
    await publish("job.failed");
    expect(await run({ ...FAST, timeoutMs: 300 })).toMatchObject({ attempted: 1, retrying: 1 });
    const d = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(d).toMatchObject({ status: "retrying", responseStatus: null, error: "no answer within 0.3 s (timed out)" });
    expect(receiver.received).toHaveLength(1);
  });

  it("is not followed through a redirect, and a closed port is a failure with its reason", async () => {
    const target = await startReceiver();
    const redirecting = await startReceiver((_req, res) => res.writeHead(302, { location: target.url }).end());
    const a = await create({ name: "redirects", url: redirecting.url, eventTypes: ["job.failed"] });
    const closed = await startReceiver();
    await closed.close();
    const b = await create({ name: "closed", url: closed.url, eventTypes: ["job.failed"] });
    await publish("job.failed");
    await run();
    expect(target.received).toHaveLength(0);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: a.endpoint.id } })).toMatchObject({
      status: "retrying",
      responseStatus: 302,
      error: expect.stringMatching(/^HTTP 302 \(a redirect: redirects are not followed/),
    });
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: b.endpoint.id } })).toMatchObject({
      status: "retrying",
      error: "connection refused",
    });
  });

  it("keeps only a short, redacted snippet of what the receiver answered", async () => {
    const leaked = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";
    const receiver = await startReceiver((_req, res) => res.writeHead(400).end(`bad request, token ${leaked} ${"x".repeat(5_000)}`));
    const { endpoint } = await create({ name: "chatty", url: receiver.url, eventTypes: ["job.failed"] });
    await publish("job.failed");
    await run();
    const { error } = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(error).toMatch(/^HTTP 400: bad request, token \[redacted: a GitHub token\] x+…$/);
    expect(error!.length).toBeLessThan(260);
  });
});

// ---- test events ---------------------------------------------------------------------------------------

describe("send test event", () => {
  it("queues a webhook.test delivery for that endpoint only, which the job delivers signed", async () => {
    const receiver = await startReceiver();
    const bystander = await startReceiver();
    const { endpoint, secret } = await create({ name: "Test me", url: receiver.url, eventTypes: ["job.failed"] });
    await create({ name: "bystander", url: bystander.url, eventTypes: ["job.failed", "webhook.disabled"] });
    const queued = await sendWebhookTestEvent(deps)({ actor: admin, db, clock, input: { id: endpoint.id } });
    expect(queued).toMatchObject({ status: "pending", eventType: "webhook.test" });
    // The outbox row is already dispatched: no inbox entry, no fan-out to other endpoints.
    expect(await db.outboxEvent.findMany({ where: { type: "webhook.test" } })).toEqual([
      expect.objectContaining({ dispatchedAt: now, payload: expect.objectContaining({ recipients: [] }) }),
    ]);
    expect(await run()).toMatchObject({ attempted: 1, delivered: 1 });
    expect(bystander.received).toHaveLength(0);
    const [got] = receiver.received as [Received];
    expect(got.headers["x-nhi-event"]).toBe("webhook.test");
    expect(verifySignature(secret, String(got.headers["x-nhi-signature"]), got.body, now).ok).toBe(true);
    expect(JSON.parse(got.body)).toMatchObject({ type: "webhook.test", link: `https://console.test/admin/webhooks/${endpoint.id}` });
    expect(await db.auditEvent.count({ where: { action: "webhook.test", targetId: endpoint.id } })).toBe(1);
  });

  it("is refused for a disabled endpoint, naming why", async () => {
    const { endpoint } = await create({ name: "off", url: "http://127.0.0.1:9/x", eventTypes: ["job.failed"] });
    await updateWebhookEndpoint(deps)({ actor: admin, db, clock, input: { id: endpoint.id, enabled: false } });
    await expect(sendWebhookTestEvent(deps)({ actor: admin, db, clock, input: { id: endpoint.id } })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/disabled: enable it first/),
    });
  });
});

// ---- secrets -------------------------------------------------------------------------------------------

describe("the signing secret", () => {
  it("is stored sealed, never in plain text, and never reaches the audit log or the delivery log", async () => {
    const receiver = await startReceiver();
    const { endpoint, secret } = await create({ name: "sealed", url: receiver.url, eventTypes: ["job.failed"] });
    const rotated = await rotateWebhookSecret(deps)({ actor: admin, db, clock, input: { id: endpoint.id } });
    await publish("job.failed");
    await run();
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.secretSealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    const dump = async (table: string) =>
      (await db.$queryRawUnsafe<{ t: string }[]>(`SELECT coalesce(string_agg(x::text, '|'), '') AS t FROM "${table}" x`))[0]!.t;
    for (const table of ["WebhookEndpoint", "WebhookDelivery", "AuditEvent", "OutboxEvent"]) {
      const text = await dump(table);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(rotated.secret);
      expect(text).not.toContain(secret.slice(6, 30));
    }
    const audit = await db.auditEvent.findMany({ where: { targetId: endpoint.id }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => e.action)).toEqual(["webhook.create", "webhook.rotateSecret"]);
    expect(audit[1]).toMatchObject({
      before: { secretHint: `…${secret.slice(-4)}` },
      after: { secretHint: `…${rotated.secret.slice(-4)}` },
    });
  });

  it("rotated: deliveries are signed with the new secret only", async () => {
    const receiver = await startReceiver();
    const { endpoint, secret } = await create({ name: "rotating", url: receiver.url, eventTypes: ["job.failed"] });
    const rotated = await rotateWebhookSecret(deps)({ actor: admin, db, clock, input: { id: endpoint.id } });
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.endpoint.secretHint).toBe(rotated.secret.slice(-4));
    await publish("job.failed");
    await run();
    const [got] = receiver.received as [Received];
    const header = String(got.headers["x-nhi-signature"]);
    expect(verifySignature(rotated.secret, header, got.body, now).ok).toBe(true);
    expect(verifySignature(secret, header, got.body, now).ok).toBe(false);
  });

  it("that cannot be unsealed (the root secret changed) fails the attempt with advice, without a request", async () => {
    const receiver = await startReceiver();
    const { endpoint } = await create({ name: "old key", url: receiver.url, eventTypes: ["job.failed"] });
    await publish("job.failed");
    await deliverDueWebhooks(
      { db, clock, actor: job },
      { sealingKey: webhookSealingKey("another-root-secret-another-root-secret"), settings: FAST },
    );
    expect(receiver.received).toHaveLength(0);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).toMatchObject({
      status: "retrying",
      error: expect.stringMatching(/signing secret cannot be read .*rotate the endpoint's secret/),
    });
  });
});

// ---- managing endpoints --------------------------------------------------------------------------------

describe("managing endpoints", () => {
  const invalid = async (input: Record<string, unknown>, field: string, message: RegExp, d = deps) => {
    const error = await create(input, admin, d).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "VALIDATION" });
    expect((error as { fieldErrors: Record<string, string[]> }).fieldErrors[field]?.join(" ")).toMatch(message);
  };
  const valid = { name: "ok", url: "https://hooks.example.com/nhi", eventTypes: ["job.failed"] };

  it("refuses bad input, naming the field", async () => {
    await invalid({ ...valid, name: "" }, "name", /name is required/);
    await invalid({ ...valid, name: "x".repeat(101) }, "name", /at most 100/);
    await invalid({ ...valid, url: "hooks.example.com" }, "url", /full address such as https:/);
    await invalid({ ...valid, url: "ftp://hooks.example.com/x" }, "url", /must start with https:\/\/ \(not ftp:\/\/\)/);
    await invalid({ ...valid, url: "javascript:alert(1)" }, "url", /must start with https:\/\//);
    await invalid({ ...valid, url: "https://user:pw@hooks.example.com/" }, "url", /must not contain a user name or password/);
    await invalid({ ...valid, eventTypes: [] }, "eventTypes", /eventTypes must include at least one event type/);
    await invalid({ ...valid, eventTypes: ["job.failed", "nope"] }, "eventTypes", /eventTypes has "nope", which is not an event type/);
    await invalid({ ...valid, eventTypes: ["webhook.test"] }, "eventTypes", /"webhook.test", which is not an event type/);
    await invalid({ ...valid, format: "xml" }, "format", /format must be one of json, slack, teams/);
    expect(await db.webhookEndpoint.count()).toBe(0);
  });

  it("in production accepts only https, but plain http to this machine", async () => {
    const production = { ...deps, requireHttps: true };
    await invalid({ ...valid, url: "http://hooks.example.com/nhi" }, "url", /must use https:\/\//, production);
    await invalid({ ...valid, url: "http://10.0.0.5/nhi" }, "url", /must use https:\/\//, production);
    for (const url of ["https://hooks.example.com/nhi", "http://127.0.0.1:4470/hook", "http://localhost:8080/", "http://[::1]:9000/x"])
      await expect(create({ ...valid, url }, admin, production)).resolves.toMatchObject({ endpoint: { url } });
  });

  it("records what changed, and deletes with the log", async () => {
    const { endpoint } = await create({ ...valid, eventTypes: ["job.failed", "review.overdue"] });
    const updated = await updateWebhookEndpoint(deps)({
      actor: admin,
      db,
      clock,
      input: { id: endpoint.id, name: "renamed", eventTypes: ["review.overdue", "job.failed"], format: "slack" },
    });
    expect(updated).toMatchObject({ name: "renamed", format: "slack", eventTypes: ["job.failed", "review.overdue"] });
    const [event] = await db.auditEvent.findMany({ where: { action: "webhook.update", targetId: endpoint.id } });
    expect(event).toMatchObject({ before: { name: "ok", format: "json" }, after: { name: "renamed", format: "slack" } });
    // An edit that changes nothing records nothing.
    await updateWebhookEndpoint(deps)({ actor: admin, db, clock, input: { id: endpoint.id, name: "renamed" } });
    expect(await db.auditEvent.count({ where: { action: "webhook.update", targetId: endpoint.id } })).toBe(1);

    await sendWebhookTestEvent(deps)({ actor: admin, db, clock, input: { id: endpoint.id } });
    await deleteWebhookEndpoint({ actor: admin, db, clock, input: { id: endpoint.id } });
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "webhook.delete", targetId: endpoint.id } })).toBe(1);
    await expect(deleteWebhookEndpoint({ actor: admin, db, clock, input: { id: endpoint.id } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("lists endpoints with their health", async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(500).end());
    const { endpoint } = await create({ ...valid, url: receiver.url });
    await publish("job.failed");
    await run();
    const { endpoints } = await listWebhookEndpoints({ actor: admin, db, clock, input: {} });
    expect(endpoints).toEqual([
      expect.objectContaining({
        id: endpoint.id,
        consecutiveFailures: 1,
        health: {
          lastDelivery: { status: "retrying", at: now.toISOString(), responseStatus: 500, error: "HTTP 500" },
          lastDeliveredAt: null,
          waiting: 1,
          failedLast24h: 0,
        },
      }),
    ]);
    expect(JSON.stringify(endpoints)).not.toMatch(/secretSealed|whsec_/);
  });

  it("refuses people who are not admins, and records each refusal", async () => {
    const { endpoint } = await create(valid);
    const attempts: [string, () => Promise<unknown>][] = [
      ["webhook.manage", () => create(valid, member)],
      ["webhook.manage", () => updateWebhookEndpoint(deps)({ actor: member, db, clock, input: { id: endpoint.id, enabled: false } })],
      ["webhook.manage", () => rotateWebhookSecret(deps)({ actor: member, db, clock, input: { id: endpoint.id } })],
      ["webhook.manage", () => sendWebhookTestEvent(deps)({ actor: member, db, clock, input: { id: endpoint.id } })],
      ["webhook.manage", () => deleteWebhookEndpoint({ actor: member, db, clock, input: { id: endpoint.id } })],
      ["webhook.read", () => listWebhookEndpoints({ actor: member, db, clock, input: {} })],
      ["webhook.read", () => getWebhookEndpoint({ actor: member, db, clock, input: { id: endpoint.id } })],
    ];
    for (const [action, attempt] of attempts) {
      const before = await db.auditEvent.count({ where: { action, outcome: "denied", actorId: member.userId } });
      await expect(attempt()).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await db.auditEvent.count({ where: { action, outcome: "denied", actorId: member.userId } })).toBe(before + 1);
    }
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ enabled: true, name: "ok" });
    // The refusal of a change names the endpoint asked for.
    expect(await db.auditEvent.count({ where: { action: "webhook.manage", outcome: "denied", targetId: endpoint.id } })).toBe(4);
  });
});

// On PostgreSQL the runs really overlap (SKIP LOCKED); on PGlite they queue on its one connection.
describe("three delivery runs at once", () => {
  it("never send the same delivery twice", async () => {
    const receiver = await startReceiver();
    await create({ name: "racing", url: receiver.url, eventTypes: ["job.failed"] });
    for (let i = 0; i < 12; i += 1) await publish("job.failed");
    const settings = { ...FAST, batchSize: 5 };
    const runs = await Promise.all([run(settings), run(settings), run(settings)]);
    expect(runs.reduce((n, r) => n + r.attempted, 0)).toBeLessThanOrEqual(12);
    while ((await run(settings)).attempted > 0);
    const ids = receiver.received.map((r) => r.headers["x-nhi-delivery"]);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });
});
