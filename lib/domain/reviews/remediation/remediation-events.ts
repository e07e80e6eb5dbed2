import type { Tx } from "@/lib/db/types";
import { checkEvents, emitEvents } from "../../notifications/emit-event";
import type { DomainEvent } from "../../notifications/event-types";
import type { Clock } from "../../shared/clock";

// The review.remediation events: a change the system that holds the identity must carry out (a scope
// revoked or reduced, a suspension, a decommission, an expiry, a rotation, an undo after a rollback). Up to
// PER_ITEM_LIMIT changes in one go, each is its own event for the webhooks (data: identity, platform,
// externalId, change) with no inbox recipient; beyond that, one summary event per run stands for them all
// (receivers then page GET /api/reviews/remediation). The campaign owner always gets the summary in their inbox.

export const PER_ITEM_LIMIT = 200;

export type RunRef = { runId: string; label: string; campaignOwnerId: string };
export type RemediationTask = {
  itemId: string;
  identityId: string;
  name: string;
  platform: string;
  externalId: string;
  change: Record<string, unknown>;
};

const cut = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/** "revoke 2 scopes, suspend": the change in words, from its structured form. */
export function describeChange(change: Record<string, unknown>): string {
  const parts: string[] = [];
  const scopes = Array.isArray(change.scopes) ? (change.scopes as { change?: string }[]) : [];
  const revoked = scopes.filter((s) => s.change === "revoke").length;
  const reduced = scopes.filter((s) => s.change === "reduce").length;
  if (revoked) parts.push(`revoke ${revoked} scope${revoked === 1 ? "" : "s"}`);
  if (reduced) parts.push(`reduce ${reduced} scope${reduced === 1 ? "" : "s"}`);
  if (change.status) parts.push(String(change.status) === "decommissioned" ? "decommission" : `set status ${String(change.status)}`);
  if (change.expiresAt) parts.push(`expire its credentials by ${String(change.expiresAt).slice(0, 10)}`);
  if (change.rotateBy) parts.push(`rotate its credentials by ${String(change.rotateBy).slice(0, 10)}`);
  if (change.undo) parts.push(`undo: ${String(change.undo)}`);
  return parts.join(", ") || "no change";
}

function taskEvent(run: RunRef, t: RemediationTask, at: string): DomainEvent {
  const what = describeChange(t.change);
  return {
    type: "review.remediation",
    recipients: [],
    title: cut(`Carry out in ${t.platform}: ${what} (${t.name})`, 200),
    body: cut(
      `${run.label} decided to ${what} for ${t.name} (${t.platform} ${t.externalId}). Mark the task done or failed once the system that holds it has been changed.`,
      4000,
    ),
    link: `/reviews?run=${run.runId}`,
    dedupeKey: cut(`review:${t.itemId}:remediation:${String(t.change.action ?? "")}:${at}`, 300),
    data: {
      runId: run.runId,
      itemId: t.itemId,
      identity: { id: t.identityId, name: t.name },
      platform: t.platform,
      externalId: t.externalId,
      change: t.change,
    },
  };
}

/** The same event with ids only: what is sent when a name or external id looks like a secret to the detector. */
function idsOnly(run: RunRef, t: RemediationTask, at: string): DomainEvent {
  const event = taskEvent(run, { ...t, name: "an identity", externalId: "(withheld)", change: { action: t.change.action ?? null } }, at);
  return { ...event, data: { ...event.data, identity: { id: t.identityId, name: null }, externalId: null, withheld: true } };
}

/**
 * Emits the events for these tasks (`total` counts them all when only a page of them is given). Events whose
 * texts the secret detector refuses are sent with ids only, so the action never fails on an identity's name.
 */
export async function emitTasks(tx: Tx, clock: Clock, run: RunRef, tasks: RemediationTask[], total: number): Promise<void> {
  if (total === 0) return;
  const events: DomainEvent[] = [];
  if (total <= PER_ITEM_LIMIT) {
    const at = clock.now().toISOString();
    const drafts = tasks.map((t) => taskEvent(run, t, at));
    const bad = new Set((await checkEvents(drafts)).map((p) => p.index));
    events.push(...drafts.map((e, i) => (bad.has(i) ? idsOnly(run, tasks[i]!, at) : e)));
  }
  events.push({
    type: "review.remediation",
    recipients: [run.campaignOwnerId],
    title: cut(
      `${total.toLocaleString("en-US")} ${total === 1 ? "change" : "changes"} to carry out in the holding systems: ${run.label}`,
      200,
    ),
    body: `${run.label} changed the registry. Each change is a remediation task for the system that holds the identity: mark it done or failed (GET /api/reviews/remediation lists the open ones).`,
    link: `/reviews?run=${run.runId}`,
    dedupeKey: `review:${run.runId}:remediation:${clock.now().toISOString()}`,
    data: {
      runId: run.runId,
      summary: true,
      items: total,
      perItemEvents: total <= PER_ITEM_LIMIT,
      list: `/api/reviews/remediation?runId=${run.runId}`,
    },
  });
  await emitEvents(tx, clock, events);
}

/** The remediation events of an application (the plan's items with remediation open): one statement to count, one to read. */
export async function emitRemediationEvents(tx: Tx, clock: Clock, run: RunRef): Promise<number> {
  const [count] = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_temp.review_apply WHERE remediation`);
  const total = count?.n ?? 0;
  if (total === 0) return 0;
  const tasks =
    total > PER_ITEM_LIMIT
      ? []
      : await tx.$queryRawUnsafe<RemediationTask[]>(`
          SELECT a.id::text AS "itemId", a.identity_id::text AS "identityId", COALESCE(a.identity_name, it.name) AS name,
            COALESCE(a.platform, it.platform) AS platform, COALESCE(a.external_id, it."externalId") AS "externalId",
            it."appliedBefore"->'change' AS change
          FROM pg_temp.review_apply a JOIN "ReviewItem" it ON it.id = a.id WHERE a.remediation ORDER BY a.id`);
  await emitTasks(tx, clock, run, tasks, total);
  return total;
}
