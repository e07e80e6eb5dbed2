import type { BreakGlassRequest } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import type { DomainEvent } from "../notifications/event-types";
import { DomainError } from "../shared/errors";
import { isLiveGrant } from "./elevation-state";
import { AFTER_ACTION_DUE_MS, createAfterAction, grantEvent, needsAfterAction } from "./grant-events";
import type { ElevatedScope } from "./request-input";
import type { PolicySnapshot } from "./request-policy";

const MINUTE = 60_000;
const key = (s: Pick<ElevatedScope, "resource" | "action" | "environment">) => `${s.resource}\u0000${s.action}\u0000${s.environment}`;

/**
 * Refuses a grant that would overlap a live one (approved, not over) of the same identity on the same
 * (resource, action, environment), unless it names that one as the request it extends. Run under the
 * identity's grant lock, both when a request is filed and when it activates, so two grants never both
 * become active side by side without saying so.
 */
export async function assertNoOverlap(
  tx: Tx,
  {
    identityId,
    scopes,
    now,
    selfId,
    extendsRequestId,
  }: { identityId: string; scopes: readonly ElevatedScope[]; now: Date; selfId?: string; extendsRequestId?: string | null },
): Promise<void> {
  const live = await tx.breakGlassRequest.findMany({
    where: { identityId, status: "approved", expiresAt: { gt: now }, ...(selfId ? { id: { not: selfId } } : {}) },
    select: { id: true, status: true, pendingUntil: true, activeFrom: true, expiresAt: true, scopes: true },
  });
  const wanted = new Set(scopes.map(key));
  for (const other of live) {
    if (!isLiveGrant(other, now) || other.id === extendsRequestId) continue;
    const clash = (other.scopes as ElevatedScope[]).find((s) => wanted.has(key(s)));
    if (clash)
      throw new DomainError(
        "CONFLICT",
        `An elevation of ${clash.resource}:${clash.action} in ${clash.environment} on this identity is already approved until ${other.expiresAt!.toISOString()} (/break-glass/${other.id}); to continue it, file an extension naming it (extendsRequestId).`,
      );
  }
}

/**
 * Makes an approved request a grant: activeFrom = max(startAt, now), expiresAt = activeFrom + duration. The
 * grant.activated event goes out now when it starts now (the sweeper sends it at a later start). An
 * after-action review is opened when the policy requires one or the emergency path was used.
 */
export async function activate(
  tx: Tx,
  {
    request,
    identity,
    now,
    policy,
  }: {
    request: BreakGlassRequest;
    identity: { id: string; name: string; platform: string; externalId: string };
    now: Date;
    policy: PolicySnapshot;
  },
): Promise<{ row: BreakGlassRequest; events: DomainEvent[] }> {
  const activeFrom = new Date(Math.max(request.startAt.getTime(), now.getTime()));
  const expiresAt = new Date(activeFrom.getTime() + request.durationMinutes * MINUTE);
  const row = await tx.breakGlassRequest.update({
    where: { id: request.id },
    data: { status: "approved", approvedAt: now, activeFrom, expiresAt, version: { increment: 1 } },
  });
  if (needsAfterAction(policy, request.emergency))
    // Emergency: due a day after the break-glass itself; otherwise a day after the elevation's end.
    await createAfterAction(tx, row, new Date((request.emergency ? now : expiresAt).getTime() + AFTER_ACTION_DUE_MS));
  const events = activeFrom.getTime() <= now.getTime() ? [grantEvent("grant.activated", row, identity)] : [];
  return { row, events };
}

/**
 * "No next break-glass until the last one is closed out": the first after-action review of the identity that
 * is not filed, or that demanded a rotation not recorded yet (a credential of the identity rotated after the
 * review was filed counts as recorded). An extension is not held up by the open review of the elevation it
 * extends: that review covers both.
 */
export async function openCloseOut(
  tx: Tx,
  identityId: string,
  exemptRequestId: string | null | undefined,
  now: Date,
): Promise<string | null> {
  const open = await tx.afterActionReview.findMany({
    where: {
      identityId,
      OR: [{ filedAt: null }, { rotationRequired: true, rotationRecordedAt: null }],
    },
    orderBy: { dueAt: "asc" },
    select: { requestId: true, filedAt: true, rotationRequired: true },
  });
  for (const review of open) {
    if (!review.filedAt) {
      if (review.requestId === exemptRequestId) continue;
      return `This identity's previous break-glass (/break-glass/${review.requestId}) has an after-action review that is not filed yet; a new request waits until it is.`;
    }
    // Rotated after the filing and not in the future: a date ahead of the clock is a claim, not a rotation.
    const rotated = await tx.credential.findFirst({
      where: { identityId, rotatedAt: { gt: review.filedAt, lte: now } },
      select: { id: true },
    });
    if (!rotated)
      return `The after-action review of this identity's previous break-glass (/break-glass/${review.requestId}) demanded a credential rotation that is not recorded yet; a new request waits until it is.`;
  }
  return null;
}

const RANK = { read: 0, write: 1, admin: 2 } as const;

/** An extension asks for nothing the extended grant does not hold: each scope is one of its, at its level or lower. */
export function continuesGrant(wanted: readonly ElevatedScope[], held: readonly ElevatedScope[]): boolean {
  const levels = new Map(held.map((s) => [key(s), RANK[s.level]]));
  return wanted.every((s) => (levels.get(key(s)) ?? -1) >= RANK[s.level]);
}
