import { actingPerson } from "../authz/actor";
import { emitEvents } from "../notifications/emit-event";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { reasonedRequestSchema } from "./decision-input";
import { effectiveStatus, isLiveGrant } from "./elevation-state";
import { endGrantNow } from "./end-grant";
import { type BreakGlassRequestDto, toRequestDto } from "./request-dto";
import { loadRequestTarget, requestLockKey, requestSubject } from "./request-target";

/** An approver or admin ends an approved elevation now (expiresAt = now), with the reason; grant.revoked if it was active. */
export const revokeRequest = defineMutation({
  action: "breakglass.revoke",
  input: reasonedRequestSchema,
  lockKey: (input) => requestLockKey(input.id),
  load: (tx, input) => loadRequestTarget(tx, input.id),
  subject: requestSubject,
  async change({ tx, actor, clock, input, target }) {
    const now = clock.now();
    const { request, identity } = target;
    const status = effectiveStatus(request, now);
    if (!isLiveGrant(request, now))
      throw new DomainError(
        "CONFLICT",
        status === "pending"
          ? "This request is still pending: deny it instead."
          : `This request is ${status}: there is no elevation to revoke.`,
      );
    const ended = await endGrantNow(tx, {
      request,
      identity,
      now,
      status: "revoked",
      closedById: actingPerson(actor)?.userId ?? null,
      reason: input.reason,
    });
    await emitEvents(tx, clock, [
      ...ended.events,
      {
        type: "breakglass.decided",
        recipients: [request.requesterId],
        title: `Break-glass on ${identity.name} revoked`,
        body: `${actingPerson(actor)?.name ?? "An approver"} revoked the elevation. Reason: ${input.reason}`,
        link: `/break-glass/${request.id}`,
        dedupeKey: `breakglass:${request.id}:revoked`,
        data: { requestId: request.id, identityId: request.identityId, decision: "revoke" },
      },
    ]);
    const result: BreakGlassRequestDto = toRequestDto({ ...ended.row, approvals: request.approvals }, identity, now);
    return {
      result,
      events: {
        reason: input.reason,
        before: { status, expiresAt: request.expiresAt?.toISOString() ?? null },
        after: { status: "revoked", expiresAt: now.toISOString() },
      },
    };
  },
});
