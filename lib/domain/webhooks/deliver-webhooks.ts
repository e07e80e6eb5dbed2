import type { Db, Tx } from "@/lib/db/types";
import { appendAuditEvents } from "../audit/append-audit-event";
import type { Actor } from "../authz/actor";
import { enforce } from "../authz/enforce";
import { emitEvent } from "../notifications/emit-event";
import type { Clock } from "../shared/clock";
import { redactSecrets } from "../shared/redact-secrets";
import { backoffMs, DEFAULT_DELIVERY_SETTINGS, type DeliverySettings } from "./delivery-settings";
import { unsealSecret } from "./secrets";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from "./signature";
import { endpointTarget } from "./webhook-dto";
import { webhookLockKey } from "./webhook-mutation";

// The delivery job (webhooks.deliver, every few seconds). It claims due deliveries in a short transaction
// (FOR UPDATE SKIP LOCKED, so several instances never send the same one, and a lease so a crashed instance's
// claim is retried), sends them outside any transaction, then records each outcome in its own short
// transaction: delivered; or retrying with exponential backoff; or failed after the last attempt. Failed
// attempts in a row are counted per endpoint, and past the threshold the endpoint is disabled, with the
// reason, audited as the system actor and told to the admins (webhook.disabled).

export type DeliverDeps = {
  sealingKey: Buffer;
  settings?: Partial<DeliverySettings>;
  /** The HTTP client; tests may wrap it. Redirects are never followed. */
  fetch?: typeof fetch;
};

export type DeliveryRunSummary = {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
  disabled: string[];
};

type Claimed = {
  id: string;
  endpointId: string;
  eventType: string;
  body: string;
  attempts: number;
  url: string;
  secretSealed: string;
};

type Outcome = { ok: boolean; responseStatus: number | null; error: string | null; summary: string; durationMs: number };

const SNIPPET_BYTES = 512;
const SNIPPET_CHARS = 200;
const USER_AGENT = "NHI-Console-Webhooks/1";

export async function deliverDueWebhooks(
  { db, clock, actor }: { db: Db; clock: Clock; actor: Actor },
  deps: DeliverDeps,
): Promise<DeliveryRunSummary> {
  await enforce(db, clock, actor, "webhook.deliver");
  const settings = { ...DEFAULT_DELIVERY_SETTINGS, ...deps.settings };
  const claimed = await claim(db, clock, settings);
  const summary: DeliveryRunSummary = { attempted: claimed.length, delivered: 0, retrying: 0, failed: 0, disabled: [] };
  await pool(claimed, settings.concurrency, async (delivery) => {
    const outcome = await send(delivery, deps, settings, clock);
    const recorded = await record(db, clock, actor, delivery, outcome, settings);
    if (recorded === "delivered") summary.delivered += 1;
    else if (recorded) {
      summary[recorded.status] += 1;
      if (recorded.disabled) summary.disabled.push(delivery.endpointId);
    }
  });
  return summary;
}

/** Removes finished deliveries (delivered, failed) older than the retention from the log; returns how many. */
export async function pruneWebhookLog(
  { db, clock, actor }: { db: Db; clock: Clock; actor: Actor },
  settings: Partial<DeliverySettings> = {},
): Promise<number> {
  await enforce(db, clock, actor, "webhook.deliver");
  const days = settings.retentionDays ?? DEFAULT_DELIVERY_SETTINGS.retentionDays;
  const before = new Date(clock.now().getTime() - days * 86_400_000);
  const { count } = await db.webhookDelivery.deleteMany({ where: { status: { in: ["delivered", "failed"] }, createdAt: { lt: before } } });
  return count;
}

/** Claims up to a batch of due deliveries of enabled endpoints: the attempt is counted and the row leased. */
async function claim(db: Db, clock: Clock, settings: DeliverySettings): Promise<Claimed[]> {
  const now = clock.now();
  const leaseUntil = new Date(now.getTime() + settings.timeoutMs + 60_000);
  return db.$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT d.id FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e.id = d."endpointId"
       WHERE d.status IN ('pending', 'retrying') AND d."nextAttemptAt" <= ${now} AND e.enabled
       ORDER BY d."nextAttemptAt", d.id
       LIMIT ${settings.batchSize}
       FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE "WebhookDelivery" d
       SET attempts = d.attempts + 1, "lastAttemptAt" = ${now}, "nextAttemptAt" = ${leaseUntil}
      FROM due, "WebhookEndpoint" e
     WHERE d.id = due.id AND e.id = d."endpointId"
    RETURNING d.id::text AS id, d."endpointId"::text AS "endpointId", d."eventType", d.body, d.attempts, e.url, e."secretSealed"`;
}

/** One POST: signed now, a timeout, no redirects. Never throws: every failure is an outcome with its reason. */
async function send(delivery: Claimed, deps: DeliverDeps, settings: DeliverySettings, clock: Clock): Promise<Outcome> {
  const secret = unsealSecret(deps.sealingKey, delivery.secretSealed, delivery.endpointId);
  if (!secret) {
    const summary = "the signing secret cannot be read (was NEXTAUTH_SECRET changed?): rotate the endpoint's secret";
    return { ok: false, responseStatus: null, error: summary, summary, durationMs: 0 };
  }
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await (deps.fetch ?? fetch)(delivery.url, {
      method: "POST",
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(settings.timeoutMs),
      headers: {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        [SIGNATURE_HEADER]: signatureHeader(secret, clock.now(), delivery.body),
        [EVENT_HEADER]: delivery.eventType,
        [DELIVERY_HEADER]: delivery.id,
      },
      body: delivery.body,
    });
    const ok = response.status >= 200 && response.status < 300;
    const snippet = ok ? (await response.body?.cancel(), "") : await readSnippet(response);
    const durationMs = elapsed();
    if (ok) return { ok, responseStatus: response.status, error: null, summary: `HTTP ${response.status}`, durationMs };
    const summary =
      response.status >= 300 && response.status < 400
        ? `HTTP ${response.status} (a redirect: redirects are not followed, point the endpoint at the final address)`
        : `HTTP ${response.status}`;
    return { ok, responseStatus: response.status, error: snippet ? `${summary}: ${snippet}` : summary, summary, durationMs };
  } catch (error) {
    const summary = describeFailure(error, settings.timeoutMs);
    return { ok: false, responseStatus: null, error: summary, summary, durationMs: elapsed() };
  }
}

/** The start of a refusal's body, one line, redacted: enough to tell a 500 page from a proxy's error. */
async function readSnippet(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < SNIPPET_BYTES) {
      const { done, value } = await reader.read();
      if (done || !value) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut short (timeout, reset) leaves what arrived.
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const text = Buffer.concat(chunks)
    .subarray(0, SNIPPET_BYTES)
    .toString("utf8")
    .replace(/[\u0000-\u001f\u007f\ufffd]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const cut = text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS)}…` : text;
  return cut ? redactSecrets(cut) : "";
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") return `no answer within ${timeoutMs / 1000} s (timed out)`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = cause && typeof cause.code === "string" ? cause.code : null;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the host name could not be resolved";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "the connection was closed before an answer";
  if (code && /CERT|SSL|TLS/i.test(code)) return `TLS failed (${code})`;
  return code ? `connection failed (${code})` : "connection failed";
}

type Recorded = "delivered" | { status: "retrying" | "failed"; disabled: boolean };

/**
 * The attempt's outcome, under the endpoint's lock (the admin's edits take it too). Returns null when the
 * delivery is gone (the endpoint was deleted meanwhile).
 */
async function record(
  db: Db,
  clock: Clock,
  actor: Actor,
  delivery: Claimed,
  outcome: Outcome,
  settings: DeliverySettings,
): Promise<Recorded | null> {
  return db.$transaction(async (tx): Promise<Recorded | null> => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${webhookLockKey(delivery.endpointId)}, 0))`;
    const now = clock.now();
    const current = await tx.webhookDelivery.findUnique({ where: { id: delivery.id }, select: { attempts: true, status: true } });
    if (!current) return null;
    const common = { responseStatus: outcome.responseStatus, durationMs: outcome.durationMs, error: outcome.error };
    if (outcome.ok) {
      await tx.webhookDelivery.update({
        where: { id: delivery.id },
        data: { ...common, status: "delivered", deliveredAt: now, nextAttemptAt: null },
      });
      await tx.webhookEndpoint.updateMany({ where: { id: delivery.endpointId }, data: { consecutiveFailures: 0 } });
      return "delivered";
    }
    const final = current.attempts >= settings.maxAttempts;
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        ...common,
        status: final ? "failed" : "retrying",
        nextAttemptAt: final ? null : new Date(now.getTime() + backoffMs(current.attempts, settings.retryBaseMs)),
      },
    });
    const endpoint = await tx.webhookEndpoint.update({
      where: { id: delivery.endpointId },
      data: { consecutiveFailures: { increment: 1 } },
    });
    let disabled = false;
    if (endpoint.enabled && endpoint.consecutiveFailures >= settings.disableAfterFailures) {
      disabled = true;
      await disableEndpoint(tx, clock, actor, endpoint, outcome.summary);
    }
    return { status: final ? "failed" : "retrying", disabled };
  });
}

async function disableEndpoint(
  tx: Tx,
  clock: Clock,
  actor: Actor,
  endpoint: { id: string; name: string; consecutiveFailures: number },
  summary: string,
): Promise<void> {
  const reason = `disabled after ${endpoint.consecutiveFailures} consecutive failed deliveries: ${summary}`;
  const now = clock.now();
  await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false, disabledAt: now, disabledReason: reason } });
  await appendAuditEvents(
    tx,
    [
      {
        actor,
        action: "webhook.disable",
        target: endpointTarget(endpoint),
        outcome: "allowed",
        reason,
        before: { enabled: true },
        after: { enabled: false, disabledReason: reason },
      },
    ],
    clock,
  );
  const admins = await tx.user.findMany({ where: { status: "active", roles: { has: "admin" } }, select: { id: true } });
  try {
    await emitEvent(tx, clock, {
      type: "webhook.disabled",
      recipients: admins.map((a) => a.id),
      title: `Webhook endpoint ${endpoint.name} was disabled`,
      body: `The console stopped sending to ${endpoint.name}: ${reason}. Deliveries wait until an admin fixes the receiver and enables the endpoint again.`,
      link: `/admin/webhooks/${endpoint.id}`,
      dedupeKey: `webhook.disabled:${endpoint.id}:${now.toISOString()}`,
      data: { endpointId: endpoint.id, endpointName: endpoint.name, reason },
    });
  } catch {
    // A notification that cannot be recorded (it would never carry a secret) must not undo the disable.
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
