import type { Prisma } from "@/lib/db/generated/client";
import { actingPerson } from "../authz/actor";
import { emitEvents } from "../notifications/emit-event";
import type { DomainEvent } from "../notifications/event-types";
import { loadIdentityTarget } from "../registry/load-identity-target";
import { defineMutation, identitySubject } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { activate, assertNoOverlap, continuesGrant, openCloseOut } from "./activation";
import { isLiveGrant } from "./elevation-state";
import { type BreakGlassRequestDto, toRequestDto } from "./request-dto";
import { type ElevatedScope, requestElevationSchema, scopesInWords } from "./request-input";
import { approverIdsUnder, policyFor, policyProblems, throwIfProblems } from "./request-policy";
import { identityGrantLockKey, requestAuditTarget, requestLabel } from "./request-target";

const MINUTE = 60_000;
const MAX_START_AHEAD_MS = 30 * 24 * 60 * MINUTE;

/**
 * Asks for a time-bound elevation of an identity: its owner, backup owner or an admin, or a service or agent
 * token scoped breakglass.request (filed in its sponsor's name, the token recorded). Refused while the
 * identity's last break-glass is not closed out, and when it would overlap a live grant without saying it
 * extends it. The emergency path (where the policy allows it) activates at once, tells every approver and
 * opens an after-action review; any other request waits for approvers, who are told (only those of the
 * policy's approver team, and admins, when it names one).
 */
export const requestElevation = defineMutation({
  action: "breakglass.request",
  input: requestElevationSchema,
  // Everything that creates or activates a grant on the identity holds this, so overlap checks see each other.
  lockKey: (input) => identityGrantLockKey(input.identityId),
  load: (tx, input) => loadIdentityTarget(tx, input.identityId),
  subject: identitySubject("identityId"),
  async change({ tx, actor, clock, input, target }) {
    const now = clock.now();
    const person = actingPerson(actor);
    if (!person) throw new DomainError("FORBIDDEN", "Only a person, or a token answering for one, may ask for an elevation.");
    const { identity } = target;
    if (identity.status !== "active")
      throw new DomainError("CONFLICT", `"${identity.name}" is ${identity.status}: an elevation of it cannot be requested.`);

    const policy = await policyFor(tx, input.scopes);
    const problems = policyProblems(policy, input);
    const startAt = input.startAt && input.startAt.getTime() > now.getTime() ? input.startAt : now;
    if (startAt.getTime() - now.getTime() > MAX_START_AHEAD_MS) (problems.startAt ??= []).push("startAt must be within 30 days");
    if (input.emergency && startAt.getTime() > now.getTime())
      (problems.startAt ??= []).push("startAt: an emergency elevation starts now; leave startAt out");
    // The emergency path is a person's call: a token's request always waits for people to approve it.
    if (input.emergency && actor.type === "token")
      (problems.emergency ??= []).push("emergency: the emergency path needs a person; a token's request waits for approvers");
    let extension = false;
    if (input.extendsRequestId) {
      const extended = await tx.breakGlassRequest.findUnique({ where: { id: input.extendsRequestId } });
      if (!extended || extended.identityId !== identity.id || !isLiveGrant(extended, now))
        (problems.extendsRequestId ??= []).push("extendsRequestId must name an approved elevation of this identity that has not ended");
      // An extension continues what the grant holds; anything more is a new request, held to every rule.
      else extension = continuesGrant(input.scopes, extended.scopes as ElevatedScope[]);
    }
    throwIfProblems(problems);

    const refusal = await openCloseOut(tx, identity.id, extension ? input.extendsRequestId : null, now);
    if (refusal) throw new DomainError("CONFLICT", refusal);
    if (input.emergency && input.extendsRequestId)
      throw new DomainError("VALIDATION", "An extension is approved by someone else: the emergency path is for the first elevation only.", {
        emergency: ["emergency: an extension waits for approvers; leave emergency out"],
      });
    await assertNoOverlap(tx, { identityId: identity.id, scopes: input.scopes, now, extendsRequestId: input.extendsRequestId });

    let row = await tx.breakGlassRequest.create({
      data: {
        identityId: identity.id,
        requesterId: person.userId,
        requesterTokenId: actor.type === "token" ? actor.tokenId : null,
        scopes: input.scopes as unknown as Prisma.InputJsonArray,
        policy: policy as unknown as Prisma.InputJsonObject,
        reason: input.reason,
        ticket: input.ticket ?? null,
        durationMinutes: input.durationMinutes,
        emergency: input.emergency,
        status: "pending",
        requestedAt: now,
        pendingUntil: new Date(now.getTime() + policy.pendingExpiryMinutes * MINUTE),
        startAt,
        approvalsRequired: policy.approvalsRequired,
        extendsRequestId: input.extendsRequestId ?? null,
      },
    });
    const label = requestLabel(identity.name, input.scopes);
    const sponsor = await tx.apiToken.findUnique({ where: { identityId: identity.id }, select: { ownerId: true } });
    // Those who may decide it: the policy's approver team (and admins) when it names one.
    const approvers = await approverIdsUnder(tx, policy, [person.userId, sponsor?.ownerId ?? null]);
    const events: DomainEvent[] = [];
    const words = scopesInWords(input.scopes);
    if (input.emergency) {
      const activated = await activate(tx, { request: row, identity, now, policy });
      row = activated.row;
      events.push(...activated.events, {
        type: "breakglass.emergency",
        recipients: approvers,
        title: `Emergency break-glass on ${identity.name} is active`,
        body: `${person.name} activated ${words} at once on the emergency path until ${row.expiresAt!.toISOString()}. Reason: ${input.reason}. An after-action review by someone else is due within 24 hours.`,
        link: `/break-glass/${row.id}`,
        dedupeKey: `breakglass:${row.id}:emergency`,
        data: { requestId: row.id, identityId: identity.id },
      });
    } else
      events.push({
        type: "breakglass.requested",
        recipients: approvers,
        title: `Break-glass requested on ${identity.name}`,
        body: `${person.name} asks for ${words} for ${input.durationMinutes} minutes. Reason: ${input.reason}. The request waits until ${row.pendingUntil.toISOString()}.`,
        link: `/break-glass/${row.id}`,
        dedupeKey: `breakglass:${row.id}:requested`,
        data: { requestId: row.id, identityId: identity.id },
      });
    await emitEvents(tx, clock, events);
    const result: BreakGlassRequestDto = toRequestDto(row, identity, now);
    return {
      result,
      events: {
        target: requestAuditTarget(row.id, label),
        reason: input.reason,
        after: {
          identityId: identity.id,
          scopes: input.scopes,
          ticket: input.ticket ?? null,
          durationMinutes: input.durationMinutes,
          startAt: startAt.toISOString(),
          emergency: input.emergency,
          status: row.status,
          policy: `${policy.level} in ${policy.environment} (v${policy.version})`,
          approvalsRequired: policy.approvalsRequired,
          extendsRequestId: input.extendsRequestId ?? null,
          ...(actor.type === "token" ? { token: actor.label } : {}),
        },
      },
    };
  },
});
