import { actingPerson } from "../authz/actor";
import { emitEvents } from "../notifications/emit-event";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { assertPending } from "./approve-request";
import { reasonedRequestSchema } from "./decision-input";
import { type BreakGlassRequestDto, toRequestDto } from "./request-dto";
import { loadRequestTarget, requestLockKey, requestSubject } from "./request-target";

/** One approver's denial denies the request (judged by the same rule as approving: someone else, in person). */
export const denyRequest = defineMutation({
  action: "breakglass.approve",
  input: reasonedRequestSchema,
  lockKey: (input) => requestLockKey(input.id),
  load: (tx, input) => loadRequestTarget(tx, input.id),
  subject: requestSubject,
  async change({ tx, actor, clock, input, target }) {
    const now = clock.now();
    const approverId = actingPerson(actor)!.userId;
    assertPending(target, now);
    const { request, identity } = target;
    if (request.approvals.some((a) => a.approverId === approverId))
      throw new DomainError("CONFLICT", "You have already decided this request.");
    await tx.breakGlassApproval.create({ data: { requestId: request.id, approverId, decision: "deny", reason: input.reason, at: now } });
    const row = await tx.breakGlassRequest.update({
      where: { id: request.id },
      data: { status: "denied", closedAt: now, closedById: approverId, closedReason: input.reason, version: { increment: 1 } },
      include: { approvals: { orderBy: { at: "asc" } } },
    });
    await emitEvents(tx, clock, [
      {
        type: "breakglass.decided",
        recipients: [request.requesterId],
        title: `Break-glass on ${identity.name} denied`,
        body: `${actingPerson(actor)!.name} denied the request. Reason: ${input.reason}`,
        link: `/break-glass/${request.id}`,
        dedupeKey: `breakglass:${request.id}:decided:${approverId}`,
        data: { requestId: request.id, identityId: request.identityId, decision: "deny" },
      },
    ]);
    const result: BreakGlassRequestDto = toRequestDto(row, identity, now);
    return { result, events: { reason: input.reason, before: { status: "pending" }, after: { decision: "deny", status: "denied" } } };
  },
});
