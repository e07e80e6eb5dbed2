import type { Tx } from "@/lib/db/types";
import { actingPerson } from "../authz/actor";
import { emitEvents } from "../notifications/emit-event";
import type { DomainEvent } from "../notifications/event-types";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { activate, assertNoOverlap } from "./activation";
import { approveRequestSchema } from "./decision-input";
import { effectiveStatus, isPendingOpen } from "./elevation-state";
import { type BreakGlassRequestDto, toRequestDto } from "./request-dto";
import type { PolicySnapshot } from "./request-policy";
import { type LoadedRequest, loadRequestTarget, lockIdentityGrants, requestLockKey, requestSubject } from "./request-target";

/** Refuses a decision on a request that is no longer waiting (the clock decides expiry, not the sweeper). */
export function assertPending(loaded: LoadedRequest, now: Date): void {
  if (isPendingOpen(loaded.request, now)) return;
  const status = effectiveStatus(loaded.request, now);
  throw new DomainError(
    "CONFLICT",
    status === "expired"
      ? `This request expired at ${loaded.request.pendingUntil.toISOString()} without enough approvals; it can no longer be decided.`
      : `This request is ${status}; it can no longer be decided.`,
  );
}

/**
 * The request, read under its own lock and then its identity's grant lock (the order every writer of grants
 * keeps: the kill switch and new requests take the identity's alone), so an activation sees every grant of
 * the identity as it is.
 */
async function loadForActivation(tx: Tx, id: string): Promise<LoadedRequest> {
  const row = await tx.breakGlassRequest.findUnique({ where: { id }, select: { identityId: true } });
  if (row) await lockIdentityGrants(tx, row.identityId);
  return loadRequestTarget(tx, id);
}

/**
 * One approver's approval. Approvers are distinct people (the unique key and this check), never the requester
 * or the identity's token sponsor (the policy), never a token. The approval that reaches approvalsRequired
 * activates the elevation; every approval runs under the request's lock, so 50 at once activate it once.
 */
export const approveRequest = defineMutation({
  action: "breakglass.approve",
  input: approveRequestSchema,
  lockKey: (input) => requestLockKey(input.id),
  load: (tx, input) => loadForActivation(tx, input.id),
  subject: requestSubject,
  async change({ tx, actor, clock, input, target }) {
    const now = clock.now();
    const approverId = actingPerson(actor)!.userId;
    assertPending(target, now);
    const { request, identity } = target;
    if (identity.status !== "active")
      throw new DomainError("CONFLICT", `"${identity.name}" is ${identity.status}: its elevation cannot be approved.`);
    if (target.request.approvals.some((a) => a.approverId === approverId))
      throw new DomainError("CONFLICT", "You have already decided this request; another approver must approve it.");
    if (input.shortenTo !== undefined && input.shortenTo > request.durationMinutes)
      throw new DomainError(
        "VALIDATION",
        `shortenTo must be at most ${request.durationMinutes} minutes: an approver may shorten, never lengthen.`,
        {
          shortenTo: [`shortenTo must be at most ${request.durationMinutes} minutes`],
        },
      );
    await tx.breakGlassApproval.create({
      data: {
        requestId: request.id,
        approverId,
        decision: "approve",
        reason: input.reason ?? null,
        shortenTo: input.shortenTo ?? null,
        at: now,
      },
    });
    const approvals = target.request.approvals.filter((a) => a.decision === "approve").length + 1;
    const durationMinutes = Math.min(request.durationMinutes, input.shortenTo ?? request.durationMinutes);
    let row = await tx.breakGlassRequest.update({
      where: { id: request.id },
      data: { durationMinutes, version: { increment: 1 } },
      include: { approvals: { orderBy: { at: "asc" } } },
    });
    const events: DomainEvent[] = [];
    const activates = approvals >= request.approvalsRequired;
    if (activates) {
      await assertNoOverlap(tx, {
        identityId: request.identityId,
        scopes: target.scopes,
        now,
        selfId: request.id,
        extendsRequestId: request.extendsRequestId,
      });
      const activated = await activate(tx, { request: row, identity, now, policy: request.policy as PolicySnapshot });
      row = { ...activated.row, approvals: row.approvals };
      events.push(...activated.events);
    }
    const waiting = request.approvalsRequired - approvals;
    events.push({
      type: "breakglass.decided",
      recipients: [request.requesterId],
      title: activates
        ? `Break-glass on ${identity.name} approved`
        : `Break-glass on ${identity.name}: one approval, ${waiting} more needed`,
      body: activates
        ? `Active from ${row.activeFrom!.toISOString()} until ${row.expiresAt!.toISOString()}.`
        : `${actingPerson(actor)!.name} approved; ${waiting} more distinct approver(s) must approve before ${request.pendingUntil.toISOString()}.`,
      link: `/break-glass/${request.id}`,
      dedupeKey: `breakglass:${request.id}:decided:${approverId}`,
      data: {
        requestId: request.id,
        identityId: request.identityId,
        decision: "approve",
        approvals,
        approvalsRequired: request.approvalsRequired,
      },
    });
    await emitEvents(tx, clock, events);
    const result: BreakGlassRequestDto = toRequestDto(row, identity, now);
    return {
      result,
      events: {
        reason: input.reason ?? null,
        before: { status: "pending", approvals: approvals - 1, durationMinutes: request.durationMinutes },
        after: {
          status: row.status,
          approvals,
          approvalsRequired: request.approvalsRequired,
          durationMinutes,
          activeFrom: row.activeFrom?.toISOString() ?? null,
          expiresAt: row.expiresAt?.toISOString() ?? null,
        },
      },
    };
  },
});
