import { actingPerson } from "../authz/actor";
import { emitEvents } from "../notifications/emit-event";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { cancelRequestSchema } from "./decision-input";
import { effectiveStatus, isLiveGrant, isPendingOpen } from "./elevation-state";
import { endGrantNow } from "./end-grant";
import { type BreakGlassRequestDto, toRequestDto } from "./request-dto";
import { loadRequestTarget, requestLockKey, requestSubject } from "./request-target";

/**
 * The requester (or an admin) withdraws a pending request (cancelled), or says "I'm done" with an approved
 * one: dropped at once (expiresAt = now), with grant.revoked if it was active. One not started yet is cancelled.
 */
export const cancelRequest = defineMutation({
  action: "breakglass.cancel",
  input: cancelRequestSchema,
  lockKey: (input) => requestLockKey(input.id),
  load: (tx, input) => loadRequestTarget(tx, input.id),
  subject: requestSubject,
  async change({ tx, actor, clock, input, target }) {
    const now = clock.now();
    const { request, identity } = target;
    const by = actingPerson(actor)?.userId ?? null;
    const before = { status: effectiveStatus(request, now), expiresAt: request.expiresAt?.toISOString() ?? null };
    const reason = input.reason ?? null;
    if (isPendingOpen(request, now)) {
      const row = await tx.breakGlassRequest.update({
        where: { id: request.id },
        data: { status: "cancelled", closedAt: now, closedById: by, closedReason: reason, version: { increment: 1 } },
        include: { approvals: true },
      });
      const result: BreakGlassRequestDto = toRequestDto(row, identity, now);
      return { result, events: { reason, before, after: { status: "cancelled" } } };
    }
    if (!isLiveGrant(request, now))
      throw new DomainError("CONFLICT", `This request is ${before.status}: there is nothing to cancel or end.`);
    const started = request.activeFrom!.getTime() <= now.getTime();
    const ended = await endGrantNow(tx, { request, identity, now, status: started ? "dropped" : "cancelled", closedById: by, reason });
    await emitEvents(tx, clock, ended.events);
    const result: BreakGlassRequestDto = toRequestDto({ ...ended.row, approvals: request.approvals }, identity, now);
    return { result, events: { reason, before, after: { status: ended.row.status, expiresAt: now.toISOString() } } };
  },
});
