import { approveRequestSchema, cancelRequestSchema, reasonedRequestSchema } from "@/lib/domain/breakglass/decision-input";
import { editPolicySchema } from "@/lib/domain/breakglass/edit-policy";
import { killSwitchSchema } from "@/lib/domain/breakglass/kill-switch";
import { listPolicySchema } from "@/lib/domain/breakglass/list-policy";
import { listRequestsSchema } from "@/lib/domain/breakglass/list-requests";
import { requestElevationSchema } from "@/lib/domain/breakglass/request-input";
import type { RouteDoc } from "./describe";

// The break-glass routes, spread into ROUTES (routes.ts). Same rules as there: one entry per route file and
// method, the use-case's own zod schema, an example the tests run against the real route.

/** The examples' ids (tests/fuzz-cases/breakglass.ts seeds rows that stand for them). */
export const BREAKGLASS_EXAMPLE_IDS = {
  identity: "a1b2c3d4-1111-4a1b-8c2d-0e1f2a3b4c5d",
  killIdentity: "a1b2c3d4-2222-4a1b-8c2d-0e1f2a3b4c5d",
  pending: "a1b2c3d4-3333-4a1b-8c2d-0e1f2a3b4c5d",
  pendingToDeny: "a1b2c3d4-4444-4a1b-8c2d-0e1f2a3b4c5d",
  pendingToCancel: "a1b2c3d4-5555-4a1b-8c2d-0e1f2a3b4c5d",
  active: "a1b2c3d4-6666-4a1b-8c2d-0e1f2a3b4c5d",
  policyRow: "a1b2c3d4-7777-4a1b-8c2d-0e1f2a3b4c5d",
  requester: "a1b2c3d4-8888-4a1b-8c2d-0e1f2a3b4c5d",
  approver: "a1b2c3d4-9999-4a1b-8c2d-0e1f2a3b4c5d",
} as const;
const X = BREAKGLASS_EXAMPLE_IDS;
const tag = "Break-glass";

const requestExample = (status: string, overrides: Record<string, unknown> = {}) => ({
  id: X.pending,
  identity: { id: X.identity, name: "deploy-bot" },
  requesterId: X.requester,
  requesterTokenId: null,
  scopes: [{ resource: "orders-db", action: "write", level: "write", environment: "staging" }],
  reason: "Incident 42: restore the ledger",
  ticket: "INC-42",
  durationMinutes: 60,
  emergency: false,
  status,
  recordedStatus: status,
  active: status === "approved",
  requestedAt: "2026-06-01T12:00:00.000Z",
  pendingUntil: "2026-06-02T12:00:00.000Z",
  startAt: "2026-06-01T12:00:00.000Z",
  approvalsRequired: 1,
  approvals: status === "pending" ? [] : [{ approverId: X.approver, decision: "approve", shortenTo: null, at: "2026-06-01T12:00:00.000Z" }],
  activeFrom: status === "pending" ? null : "2026-06-01T12:00:00.000Z",
  expiresAt: status === "pending" ? null : "2026-06-01T13:00:00.000Z",
  closedAt: null,
  closedReason: null,
  extendsRequestId: null,
  ...overrides,
});
const DTO = "BreakGlassRequestDto (lib/domain/breakglass/request-dto.ts)";

export const BREAKGLASS_ROUTES: RouteDoc[] = [
  {
    method: "GET",
    path: "/api/breakglass/requests",
    operationId: "listBreakGlassRequests",
    tag,
    summary: "Break-glass requests: mine, the approver queue, active now, or the history",
    description:
      "`view`: mine (what I asked for), queue (pending requests of others I have not decided, oldest first), active (live now, soonest to end first; approvers, admins, auditors), all (the history; approvers, admins, auditors). Filters: status, identityId, environment (the policy's class), emergency, afterAction (open or filed), from and to (request day, UTC). Newest first unless said, paged. `asOf` is the server's clock when read. `status` is as of now: a pending request past its pendingUntil reads as expired, an approved one past expiresAt as ended, whether or not the sweeper has recorded it.",
    auth: "breakglass.read",
    input: { schema: listRequestsSchema, in: "query" },
    example: { query: { view: "all", status: "pending", page: "1", pageSize: "50" } },
    response: {
      data: "RequestPage (lib/domain/breakglass/list-requests.ts): { items: (BreakGlassRequestDto & { requesterName, identityEnvironment })[], total, page, pageSize, asOf }",
      example: {
        items: [{ ...requestExample("pending"), requesterName: "Ada Lovelace", identityEnvironment: "staging" }],
        total: 1,
        page: 1,
        pageSize: 50,
        asOf: "2026-06-01T12:00:00.000Z",
      },
    },
  },
  {
    method: "POST",
    path: "/api/breakglass/requests",
    operationId: "requestElevation",
    tag,
    summary: "Ask for a time-bound elevation of an identity",
    description:
      "The identity's owner, backup owner or an admin, or a service or agent token scoped breakglass.request (filed in its sponsor's name). Limited by the strictest policy row of the scopes (duration, ticket pattern, emergency path). Refused (409) while the identity's previous break-glass has an open after-action review or an unrecorded rotation, and when it overlaps a live grant without naming it in extendsRequestId.",
    auth: "breakglass.request",
    input: { schema: requestElevationSchema, in: "body" },
    example: {
      body: {
        identityId: X.identity,
        scopes: [{ resource: "orders-db", action: "write", level: "write", environment: "staging" }],
        reason: "Incident 42: restore the ledger",
        ticket: "INC-42",
        durationMinutes: 60,
      },
    },
    response: { data: DTO, example: requestExample("pending") },
    errors: ["CONFLICT"],
  },
  {
    method: "POST",
    path: "/api/breakglass/requests/{id}/approve",
    operationId: "approveBreakGlassRequest",
    tag,
    summary: "Approve a request (someone else, in person)",
    description:
      "Never the requester nor the identity's token sponsor; where the request's policy names an approverTeam, only approvers in that team (a person's team: POST /api/admin/users/{id}/team) and admins. Each approver counts once. The approval that reaches approvalsRequired activates it: activeFrom = max(startAt, now). shortenTo (minutes) may shorten it, never lengthen it.",
    auth: "breakglass.approve",
    input: { schema: approveRequestSchema, in: "body", path: { id: "id" } },
    example: { path: { id: X.pending }, body: { reason: "Matches INC-42", shortenTo: 30 } },
    response: { data: DTO, example: requestExample("approved", { durationMinutes: 30 }) },
    errors: ["CONFLICT"],
  },
  {
    method: "POST",
    path: "/api/breakglass/requests/{id}/deny",
    operationId: "denyBreakGlassRequest",
    tag,
    summary: "Deny a request (one denial denies it)",
    description:
      "Who may deny is who may approve: someone else, in person, of the policy's approverTeam when it names one (admins always).",
    auth: "breakglass.approve",
    input: { schema: reasonedRequestSchema, in: "body", path: { id: "id" } },
    example: { path: { id: X.pendingToDeny }, body: { reason: "No incident open for this" } },
    response: { data: DTO, example: requestExample("denied", { id: X.pendingToDeny, closedReason: "No incident open for this" }) },
    errors: ["CONFLICT"],
  },
  {
    method: "POST",
    path: "/api/breakglass/requests/{id}/cancel",
    operationId: "cancelBreakGlassRequest",
    tag,
    summary: 'Withdraw a pending request, or end an active elevation early ("I\'m done")',
    auth: "breakglass.cancel",
    input: { schema: cancelRequestSchema, in: "body", path: { id: "id" } },
    example: { path: { id: X.pendingToCancel }, body: { reason: "Fixed without it" } },
    response: { data: DTO, example: requestExample("cancelled", { id: X.pendingToCancel, closedReason: "Fixed without it" }) },
    errors: ["CONFLICT"],
  },
  {
    method: "POST",
    path: "/api/breakglass/requests/{id}/revoke",
    operationId: "revokeBreakGlassRequest",
    tag,
    summary: "Revoke an elevation now (approvers and admins, in person)",
    auth: "breakglass.revoke",
    input: { schema: reasonedRequestSchema, in: "body", path: { id: "id" } },
    example: { path: { id: X.active }, body: { reason: "Incident closed" } },
    response: { data: DTO, example: requestExample("revoked", { id: X.active, closedReason: "Incident closed" }) },
    errors: ["CONFLICT"],
  },
  {
    method: "GET",
    path: "/api/breakglass/policy",
    operationId: "listBreakGlassPolicy",
    tag,
    summary: "The break-glass policy rows",
    auth: "breakglass.read",
    input: { schema: listPolicySchema, in: "query" },
    example: { query: {} },
    response: {
      data: "PolicyRowDto[] (lib/domain/breakglass/list-policy.ts)",
      example: [
        {
          id: X.policyRow,
          environment: "production",
          level: "admin",
          maxDurationMinutes: 240,
          approvalsRequired: 2,
          approverTeam: null,
          pendingExpiryMinutes: 1440,
          emergencyAllowed: true,
          ticketPattern: null,
          afterActionRequired: true,
          version: 1,
          updatedById: null,
          updatedAt: "2026-06-01T12:00:00.000Z",
        },
      ],
    },
  },
  {
    method: "PATCH",
    path: "/api/breakglass/policy",
    operationId: "editBreakGlassPolicy",
    tag,
    summary: "Change one policy row (admins, in person; audited before/after)",
    description:
      "`version` is the row's version as read; a row changed since is a 409. Requests already filed keep the policy they were filed under. `approverTeam` (at most 100 characters; null or \"\" for none) leaves the row's requests to the approvers whose team is exactly that (admins always may): only they approve, deny and file the after-action review, and only they (with admins) are told of a new or emergency request.",
    auth: "breakglass.policy",
    input: { schema: editPolicySchema, in: "body" },
    example: { body: { id: X.policyRow, version: 1, pendingExpiryMinutes: 720 } },
    response: {
      data: "PolicyRowDto (lib/domain/breakglass/list-policy.ts)",
      example: {
        id: X.policyRow,
        environment: "production",
        level: "admin",
        maxDurationMinutes: 240,
        approvalsRequired: 2,
        approverTeam: null,
        pendingExpiryMinutes: 720,
        emergencyAllowed: true,
        ticketPattern: null,
        afterActionRequired: true,
        version: 2,
        updatedById: X.approver,
        updatedAt: "2026-06-01T12:00:00.000Z",
      },
    },
    errors: ["CONFLICT"],
  },
  {
    method: "POST",
    path: "/api/registry/identities/{id}/kill-switch",
    operationId: "killSwitchIdentity",
    tag,
    summary: "Kill switch: revoke every elevation of the identity and suspend it, in one audited step",
    auth: "breakglass.killSwitch",
    input: { schema: killSwitchSchema, in: "body", path: { id: "id" } },
    example: { path: { id: X.killIdentity }, body: { reason: "Credential leaked in a build log" } },
    response: {
      data: "KillSwitchResult (lib/domain/breakglass/kill-switch.ts)",
      example: { identityId: X.killIdentity, status: "suspended", revoked: [X.active], cancelled: [] },
    },
  },
];
