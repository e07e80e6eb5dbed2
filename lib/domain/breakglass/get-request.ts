import { z } from "zod";
import { actingPerson } from "../authz/actor";
import { enforce, refuse } from "../authz/enforce";
import { authorize, can } from "../authz/policy";
import { type AuditEventDto, toAuditEventDto } from "../audit/audit-event-dto";
import type { UseCase } from "../shared/use-case";
import { DomainError } from "../shared/errors";
import { validate } from "../shared/validate";
import { effectiveStatus, isLiveGrant, isPendingOpen, type RequestStatus } from "./elevation-state";
import type { PolicySnapshot } from "./request-policy";
import { type BreakGlassRequestDto, toRequestDto } from "./request-dto";
import { readsAllRequests } from "./readers";
import { requestLabel } from "./request-target";

export const getRequestSchema = z.object({ id: z.uuid("id must be a break-glass request id") });

type Person = { id: string; name: string; email: string };

/**
 * One step of the timeline: the audit event, with the person who acted by their name (their email beside it
 * tells two people of the same name apart) and, for an approval or a denial, the approver's note as stored with it.
 */
export type TimelineEntry = AuditEventDto & {
  /** The person who acted (a user), as they are now; null for a token, the system, or someone no longer known (show actorLabel). */
  person: Person | null;
  /** The note the approver gave with this approval or denial (BreakGlassApproval.reason); null on every other step. */
  note: string | null;
};

/** What an approver needs beside the request: whose identity it is, what it holds, and its earlier elevations. */
export type RequestContext = {
  identity: {
    id: string;
    name: string;
    kind: string;
    platform: string;
    environment: string;
    purpose: string;
    status: string;
    owner: Person | null;
    backupOwner: Person | null;
    scopes: { resource: string; action: string; level: string; environment: string | null }[];
  };
  earlier: {
    id: string;
    status: RequestStatus;
    requestedAt: string;
    label: string;
    emergency: boolean;
    afterAction: { verdict: string | null; filedAt: string | null; rotationRequired: boolean } | null;
  }[];
};

export type AfterActionDto = {
  dueAt: string;
  filedAt: string | null;
  reviewer: Person | null;
  whatWasDone: string | null;
  verdict: string | null;
  rotationRequired: boolean;
  rotationRecordedAt: string | null;
  escalatedAt: string | null;
  overdue: boolean;
};

export type RequestDetail = {
  /** The server's clock when it was read: countdowns start from it, not from the browser's clock. */
  asOf: string;
  request: BreakGlassRequestDto;
  policy: PolicySnapshot;
  requester: Person | null;
  /** Who decided, by id (approvers, the person who closed it early, the after-action reviewer). */
  people: Record<string, Person>;
  afterAction: AfterActionDto | null;
  context: RequestContext;
  /** Every step recorded in the audit log for this request, refusals included, oldest first. */
  timeline: TimelineEntry[];
  /** What the reader may do now (the same answer the server gives when they try). */
  may: { approve: boolean; deny: boolean; cancel: boolean; drop: boolean; revoke: boolean; fileAfterAction: boolean };
  /** Why an approver or admin may not decide this pending request (the policy's own words), or null. */
  cannotDecide: string | null;
};

const EARLIER_SHOWN = 10;
const TIMELINE_SHOWN = 200;

/**
 * One request with its identity's context and its timeline. Readable by its requester, the identity's
 * owners, approvers, admins and auditors; anyone else is refused (and it is recorded).
 */
export const getRequest: UseCase<z.input<typeof getRequestSchema>, RequestDetail> = async ({ actor, db, clock, input: raw }) => {
  await enforce(db, clock, actor, "breakglass.read");
  const { id } = await validate(getRequestSchema, raw);
  const now = clock.now();
  const row = await db.breakGlassRequest.findUnique({
    where: { id },
    include: { approvals: { orderBy: { at: "asc" } }, afterAction: true },
  });
  const identity = row
    ? await db.identity.findUnique({
        where: { id: row.identityId },
        select: {
          id: true,
          name: true,
          kind: true,
          platform: true,
          environment: true,
          purpose: true,
          status: true,
          ownerId: true,
          backupOwnerId: true,
          entitlements: {
            select: { resource: true, action: true, level: true, environment: true },
            orderBy: [{ resource: "asc" }, { action: "asc" }],
            take: 100,
          },
          apiToken: { select: { ownerId: true } },
        },
      })
    : null;
  const person = actingPerson(actor);
  const roles = person?.roles ?? [];
  const readsAll = readsAllRequests(actor);
  const involved =
    !!person &&
    !!row &&
    (row.requesterId === person.userId || identity?.ownerId === person.userId || identity?.backupOwnerId === person.userId);
  // Readers of every request learn that an id is unknown; anyone else gets the same refusal either way.
  if ((!row || !identity) && readsAll) throw new DomainError("NOT_FOUND", "There is no such break-glass request.");
  if (!row || !identity || (!readsAll && !involved))
    await refuse(
      db,
      clock,
      actor,
      "breakglass.read",
      { type: "breakglass-request", id },
      { allowed: false, reason: "only its requester, the identity's owners, approvers, admins and auditors read a break-glass request" },
    );
  const request = row!;
  const ident = identity!;

  const [earlierRows, events] = await Promise.all([
    db.breakGlassRequest.findMany({
      where: { identityId: request.identityId, id: { not: request.id }, requestedAt: { lte: request.requestedAt } },
      orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
      take: EARLIER_SHOWN,
      include: { afterAction: { select: { verdict: true, filedAt: true, rotationRequired: true } } },
    }),
    db.auditEvent.findMany({
      where: { targetType: "breakglass-request", targetId: request.id },
      orderBy: { seq: "asc" },
      take: TIMELINE_SHOWN,
    }),
  ]);
  const personIds = new Set<string>([request.requesterId, ...request.approvals.map((a) => a.approverId)]);
  for (const pid of [request.closedById, request.afterAction?.reviewerId, ident.ownerId, ident.backupOwnerId]) if (pid) personIds.add(pid);
  // The people who acted in the timeline are read in the same statement (a user's actorId is their user id).
  const actorIds = new Set(events.flatMap((e) => (e.actorType === "user" && e.actorId ? [e.actorId] : [])));
  const users = await db.user.findMany({
    where: { id: { in: [...new Set([...personIds, ...actorIds])] } },
    select: { id: true, name: true, email: true },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  const people = Object.fromEntries(users.filter((u) => personIds.has(u.id)).map((u) => [u.id, u]));
  const approvalOf = new Map(request.approvals.map((a) => [a.approverId, a]));
  const timeline: TimelineEntry[] = events.map((e) => {
    const person = e.actorType === "user" && e.actorId ? (byId.get(e.actorId) ?? null) : null;
    // An approval or denial is recorded under breakglass.approve; each approver decides a request once.
    const decided = e.action === "breakglass.approve" && e.outcome === "allowed" && person ? approvalOf.get(person.id) : undefined;
    return { ...toAuditEventDto(e), person, note: decided?.reason ?? null };
  });

  const target = {
    type: "breakglass-request" as const,
    id: request.id,
    requesterId: request.requesterId,
    identitySponsorId: ident.apiToken?.ownerId ?? null,
    approverTeam: (request.policy as PolicySnapshot).approverTeam ?? null,
  };
  const pending = isPendingOpen(request, now);
  const live = isLiveGrant(request, now);
  const mine = person?.userId === request.requesterId;
  const decidedByMe = request.approvals.some((a) => a.approverId === person?.userId);
  const review = request.afterAction;
  const decision = authorize(actor, "breakglass.approve", target);
  const decider = roles.includes("approver") || roles.includes("admin");
  return {
    asOf: now.toISOString(),
    request: toRequestDto(request, { id: ident.id, name: ident.name }, now),
    policy: request.policy as PolicySnapshot,
    requester: people[request.requesterId] ?? null,
    people,
    afterAction: review
      ? {
          dueAt: review.dueAt.toISOString(),
          filedAt: review.filedAt?.toISOString() ?? null,
          reviewer: review.reviewerId ? (people[review.reviewerId] ?? null) : null,
          whatWasDone: review.whatWasDone,
          verdict: review.verdict,
          rotationRequired: review.rotationRequired,
          rotationRecordedAt: review.rotationRecordedAt?.toISOString() ?? null,
          escalatedAt: review.escalatedAt?.toISOString() ?? null,
          overdue: !review.filedAt && review.dueAt.getTime() <= now.getTime(),
        }
      : null,
    context: {
      identity: {
        id: ident.id,
        name: ident.name,
        kind: ident.kind,
        platform: ident.platform,
        environment: ident.environment,
        purpose: ident.purpose,
        status: ident.status,
        owner: ident.ownerId ? (people[ident.ownerId] ?? null) : null,
        backupOwner: ident.backupOwnerId ? (people[ident.backupOwnerId] ?? null) : null,
        scopes: ident.entitlements,
      },
      earlier: earlierRows.map((r) => ({
        id: r.id,
        status: effectiveStatus(r, now),
        requestedAt: r.requestedAt.toISOString(),
        label: requestLabel(ident.name, r.scopes as never),
        emergency: r.emergency,
        afterAction: r.afterAction
          ? {
              verdict: r.afterAction.verdict,
              filedAt: r.afterAction.filedAt?.toISOString() ?? null,
              rotationRequired: r.afterAction.rotationRequired,
            }
          : null,
      })),
    },
    timeline,
    may: {
      approve: pending && !decidedByMe && can(actor, "breakglass.approve", target),
      deny: pending && !decidedByMe && can(actor, "breakglass.approve", target),
      cancel: pending && can(actor, "breakglass.cancel", target),
      drop: live && mine && can(actor, "breakglass.cancel", target),
      revoke: live && can(actor, "breakglass.revoke", target),
      fileAfterAction: !!review && !review.filedAt && can(actor, "breakglass.review", target),
    },
    cannotDecide:
      pending && decider && !decidedByMe && !decision.allowed
        ? `You may not decide this request: ${decision.reason}.`
        : pending && decidedByMe
          ? "You have decided this request; it waits for another approver."
          : null,
  };
};
