import type { Db } from "@/lib/db/types";
import { type AuditEventInput, appendAuditEvents } from "../../audit/append-audit-event";
import type { SystemActor } from "../../authz/actor";
import type { Clock } from "../../shared/clock";
import { emitTasks, type RemediationTask } from "../remediation/remediation-events";
import { runSettings } from "../run-settings";

const BATCH = 1_000;
const OBSERVE_TX = { timeout: 5 * 60_000, maxWait: 60_000 };

type Due = {
  id: string;
  runId: string;
  identityId: string;
  appliedAt: Date;
  observeUntil: Date;
  itemName: string;
  status: string | null;
  lastUsedAt: Date | null;
  name: string | null;
  platform: string | null;
  externalId: string | null;
  number: number;
  settings: unknown;
};

const day = (d: Date) => d.toISOString().slice(0, 10);
/** What a decommission that did not happen leaves: the identity as it is now. */
const keptOutcome = (status: string | null) =>
  status === null || status === "suspended" ? "suspended" : status === "decommissioned" ? "decommissioned" : "kept";

/**
 * The second half of a staged decommission: items `decommission_pending` whose observation window has ended.
 * An identity still suspended and not used since the review suspended it (Identity.lastUsedAt, the latest use
 * of any of its credentials, not after appliedAt) is decommissioned: status decommissioned (never deleted),
 * outcome decommissioned, remediation open again (the holding system removes it), audited as identity.setStatus
 * by the system actor. Otherwise nothing changes in the registry: it stays as it is (suspended), the outcome
 * says so, and remediation is `failed` with the reason (used on <date>, or its status was changed since), for
 * an admin to look at. Items are claimed FOR UPDATE SKIP LOCKED, a batch per transaction.
 */
export async function observeDecommissions(db: Db, clock: Clock, actor: SystemActor): Promise<{ decommissioned: number; kept: number }> {
  const totals = { decommissioned: 0, kept: 0 };
  for (let round = 0; round < 50; round += 1) {
    const done = await db.$transaction(async (tx) => {
      const now = clock.now();
      const due = await tx.$queryRaw<Due[]>`
        SELECT it.id::text, it."runId"::text AS "runId", it."identityId"::text AS "identityId", it."appliedAt", it."observeUntil",
          it.name AS "itemName", i.status, i."lastUsedAt", i.name, i.platform, i."externalId", r.number, r.settings
        FROM "ReviewItem" it JOIN "ReviewRun" r ON r.id = it."runId" LEFT JOIN "Identity" i ON i.id = it."identityId"
        WHERE it.outcome = 'decommission_pending' AND it."observeUntil" <= ${now}
        ORDER BY it."observeUntil", it.id LIMIT ${BATCH}
        FOR UPDATE OF it SKIP LOCKED`;
      if (due.length === 0) return null;
      const unused = (d: Due) => d.status === "suspended" && (!d.lastUsedAt || d.lastUsedAt <= d.appliedAt);
      const gone = due.filter(unused);
      const kept = due.filter((d) => !unused(d));
      const ids = gone.map((d) => d.identityId);
      if (gone.length > 0) {
        await tx.$executeRaw`
          UPDATE "Identity" SET status = 'decommissioned', version = version + 1, "updatedAt" = ${now},
            "pinnedFields" = ARRAY(SELECT DISTINCT f FROM unnest("pinnedFields" || ARRAY['status']) AS f ORDER BY f)
          WHERE id = ANY (${ids}::uuid[]) AND status = 'suspended'`;
        await tx.$executeRaw`
          UPDATE "ReviewItem" SET outcome = 'decommissioned', "remediationStatus" = 'open', "remediationNote" = NULL,
            "remediationUpdatedAt" = ${now}, version = version + 1,
            "appliedBefore" = jsonb_set("appliedBefore", '{change,status}', '"decommissioned"')
          WHERE id = ANY (${gone.map((d) => d.id)}::uuid[])`;
      }
      if (kept.length > 0) {
        const rows = kept.map((d) => ({
          id: d.id,
          outcome: keptOutcome(d.status),
          note:
            d.status === null
              ? "not decommissioned: the identity is no longer in the registry"
              : d.status !== "suspended"
                ? `not decommissioned: its status is now ${d.status} (changed since the review suspended it)`
                : `not decommissioned: used on ${day(d.lastUsedAt!)}, after its suspension on ${day(d.appliedAt)}; it stays suspended`,
        }));
        await tx.$executeRaw`
          UPDATE "ReviewItem" it SET outcome = x.outcome, "remediationStatus" = 'failed', "remediationNote" = x.note,
            "remediationUpdatedAt" = ${now}, version = it.version + 1
          FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id uuid, outcome text, note text)
          WHERE it.id = x.id`;
      }
      const label = (d: Due) => `${runSettings(d).campaignName} #${d.number}`;
      const events: AuditEventInput[] = [
        ...gone.map((d) => ({
          actor,
          action: "identity.setStatus",
          target: { type: "identity", id: d.identityId, label: d.name ?? d.itemName },
          outcome: "allowed" as const,
          reason: `review ${label(d)}: decommissioned after its observation window (unused since its suspension on ${day(d.appliedAt)})`,
          before: { status: "suspended" },
          after: { status: "decommissioned", reviewItemId: d.id },
        })),
        ...kept.map((d) => ({
          actor,
          action: "review.process",
          target: { type: "review-item", id: d.id, label: d.itemName },
          outcome: "allowed" as const,
          reason: `observation window ended: ${d.status === "suspended" ? `used on ${day(d.lastUsedAt!)} after its suspension` : "status changed since"}; not decommissioned`,
          after: { outcome: keptOutcome(d.status), remediationStatus: "failed" },
        })),
      ];
      await appendAuditEvents(tx, events, clock);
      // The holding systems remove what was decommissioned: tasks per run.
      const byRun = new Map<string, { d: Due; tasks: RemediationTask[] }>();
      for (const d of gone) {
        const entry = byRun.get(d.runId) ?? { d, tasks: [] };
        entry.tasks.push({
          itemId: d.id,
          identityId: d.identityId,
          name: d.name ?? d.itemName,
          platform: d.platform ?? "",
          externalId: d.externalId ?? "",
          change: { action: "decommission", status: "decommissioned" },
        });
        byRun.set(d.runId, entry);
      }
      for (const { d, tasks } of byRun.values())
        await emitTasks(
          tx,
          clock,
          { runId: d.runId, label: label(d), campaignOwnerId: runSettings(d).campaignOwnerId },
          tasks,
          tasks.length,
        );
      return { decommissioned: gone.length, kept: kept.length, full: due.length === BATCH };
    }, OBSERVE_TX);
    if (!done) break;
    totals.decommissioned += done.decommissioned;
    totals.kept += done.kept;
    if (!done.full) break;
  }
  return totals;
}
