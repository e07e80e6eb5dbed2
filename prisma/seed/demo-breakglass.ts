import type { Db } from "@/lib/db/types";
import type { UserActor } from "@/lib/domain/authz/actor";
import type { Role } from "@/lib/domain/authz/roles";
import { fileAfterActionReview } from "@/lib/domain/breakglass/after-action";
import { approveRequest } from "@/lib/domain/breakglass/approve-request";
import { denyRequest } from "@/lib/domain/breakglass/deny-request";
import { requestElevation } from "@/lib/domain/breakglass/request-elevation";
import type { ElevatedScope } from "@/lib/domain/breakglass/request-input";
import { recordRotation } from "@/lib/domain/registry/record-rotation";
import type { Clock } from "@/lib/domain/shared/clock";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ago = (clock: Clock, ms: number): Clock => ({ now: () => new Date(clock.now().getTime() - ms) });

/**
 * The demo's break-glass, made through the same use-cases a person's clicks run (so every timeline and the audit
 * log tell how it came to be): an ended elevation, an emergency reviewed afterwards whose demanded rotation was
 * recorded, a denial, one elevation active now (counting down), a production-admin request with one of its two
 * approvals, a staging request waiting, and an emergency three hours ago whose after-action review is still open.
 * Returns how many requests it filed.
 */
export async function seedDemoBreakglass(db: Db, clock: Clock): Promise<number> {
  if ((await db.breakGlassRequest.count()) > 0) return 0;
  const people = await db.user.findMany({ where: { email: { in: ["admin@demo.local", "approver@demo.local", "owner@demo.local"] } } });
  const actorOf = (email: string): UserActor | null => {
    const row = people.find((p) => p.email === email);
    return row
      ? {
          type: "user",
          userId: row.id,
          email,
          name: row.name,
          roles: row.roles as Role[],
          request: { ip: null, userAgent: "demo seed", requestId: null },
        }
      : null;
  };
  const [admin, approver, owner] = [actorOf("admin@demo.local"), actorOf("approver@demo.local"), actorOf("owner@demo.local")];
  if (!admin || !approver || !owner) return 0;
  // The owner's active identities with one credential (a rotation needs no choice of key), production first.
  const mine = await db.identity.findMany({
    where: { ownerId: owner.userId, status: "active", credentials: { some: {} } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, environment: true, _count: { select: { credentials: true } } },
  });
  const production = mine.filter((i) => i.environment === "production" && i._count.credentials === 1);
  const staging = mine.find((i) => i.environment === "staging");
  if (production.length < 5 || !staging) return 0;
  const scope = (resource: string, level: ElevatedScope["level"], environment: ElevatedScope["environment"] = "production") => [
    { resource, action: level === "read" ? "read" : "write", level, environment },
  ];
  let filed = 0;
  const ask = async (at: Clock, input: Record<string, unknown>) => {
    filed += 1;
    return requestElevation({ actor: owner, db, clock: at, input: { durationMinutes: 60, ...input } });
  };
  const approve = (at: Clock, by: UserActor, id: string) => approveRequest({ actor: by, db, clock: at, input: { id } });

  // Twenty days ago: a production write for a data fix, approved, long ended.
  const fix = await ask(ago(clock, 20 * DAY), {
    identityId: production[0]!.id,
    scopes: scope("orders-db", "write"),
    reason: "Correct 14 orders stuck in 'pending' after the payment provider outage",
    ticket: "INC-4821",
  });
  await approve(ago(clock, 20 * DAY - 5 * MINUTE), approver, fix.id);

  // Ten days ago: an emergency, reviewed the next morning; the review demanded a rotation, recorded since.
  const emergency = await ask(ago(clock, 10 * DAY), {
    identityId: production[1]!.id,
    scopes: scope("payments-api", "admin"),
    reason: "Payments API rejecting all webhooks; rotate the signing key in place",
    ticket: "INC-4907",
    emergency: true,
  });
  await fileAfterActionReview({
    actor: approver,
    db,
    clock: ago(clock, 9 * DAY),
    input: {
      requestId: emergency.id,
      whatWasDone: "Rotated the webhook signing key and replayed 212 failed deliveries; nothing else touched (checked in CloudTrail).",
      verdict: "justified",
      rotationRequired: true,
    },
  });
  await recordRotation({ actor: owner, db, clock: ago(clock, 8 * DAY), input: { id: production[1]!.id } });

  // Two days ago: a broad request, denied.
  const broad = await ask(ago(clock, 2 * DAY), {
    identityId: production[2]!.id,
    scopes: scope("*", "write"),
    reason: "Debug the nightly export",
    durationMinutes: 240,
  });
  await denyRequest({
    actor: approver,
    db,
    clock: ago(clock, 2 * DAY - HOUR),
    input: { id: broad.id, reason: "A wildcard is too broad: ask for the export bucket only" },
  });

  // Active now: approved 30 minutes ago for four hours.
  const active = await ask(ago(clock, 40 * MINUTE), {
    identityId: production[3]!.id,
    scopes: scope("reports-bucket", "write"),
    reason: "Re-run the quarter-end report export that failed at 02:00",
    ticket: "CHG-1180",
    durationMinutes: 240,
  });
  await approve(ago(clock, 30 * MINUTE), approver, active.id);

  // Waiting: production admin needs two approvers (the approver has approved; an admin has not yet).
  const admin2 = await ask(ago(clock, 2 * HOUR), {
    identityId: production[4]!.id,
    scopes: scope("billing-db", "admin"),
    reason: "Add the index the billing migration needs before tonight's release",
    ticket: "CHG-1184",
  });
  await approve(ago(clock, HOUR), approver, admin2.id);
  // Waiting: a staging write for the approvers' queue.
  await ask(ago(clock, 25 * MINUTE), {
    identityId: staging.id,
    scopes: scope("search-index", "write", "staging"),
    reason: "Rebuild the staging search index after the schema change",
    durationMinutes: 120,
  });

  // Three hours ago: an emergency still waiting for its after-action review (no new break-glass on it until filed).
  if (production[5])
    await ask(ago(clock, 3 * HOUR), {
      identityId: production[5].id,
      scopes: scope("checkout-queue", "write"),
      reason: "Checkout queue consumers stuck; purge poisoned messages",
      ticket: "INC-4950",
      emergency: true,
      durationMinutes: 30,
    });
  return filed;
}
