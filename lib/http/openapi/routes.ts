import { z } from "zod";
import { auditFilterSchema } from "@/lib/domain/audit/audit-filter";
import { createIdentitySchema } from "@/lib/domain/registry/identity-input";
import { exportIdentitiesSchema } from "@/lib/domain/registry/export-identities";
import { getIdentitySchema } from "@/lib/domain/registry/get-identity";
import { importIdentitiesSchema } from "@/lib/domain/registry/import/import-identities";
import { listIdentitiesSchema } from "@/lib/domain/registry/list-identities";
import { updateIdentitySchema } from "@/lib/domain/registry/update-identity";
import { createLocalUserSchema } from "@/lib/domain/users/create-local-user";
import { listUsersSchema } from "@/lib/domain/users/list-users";
import { setUserRolesSchema } from "@/lib/domain/users/set-user-roles";
import { userStatusSchema } from "@/lib/domain/users/set-user-status";
import { setUserTeamSchema } from "@/lib/domain/users/set-user-team";
import { getEndpointSchema } from "@/lib/domain/webhooks/get-endpoint";
import { SIGNATURE_HEADER } from "@/lib/domain/webhooks/signature";
import { createEndpointSchema, endpointIdSchema, WEBHOOK_EVENT_TYPES } from "@/lib/domain/webhooks/webhook-input";
import { createPersonalTokenSchema, tokenIdSchema } from "@/lib/domain/tokens/token-input";
import { listTokensSchema } from "@/lib/domain/tokens/list-tokens";
import type { RouteDoc } from "./describe";
import { BREAKGLASS_ROUTES } from "./routes-breakglass";
import { BREAKGLASS_ENFORCEMENT_ROUTES } from "./routes-breakglass-enforcement";
import { POSTURE_ROUTES } from "./routes-posture";
import { REVIEW_CAMPAIGNS_ROUTES } from "./routes-reviews-campaigns";
import { REVIEW_DECIDE_ROUTES } from "./routes-reviews-decide";
import { REVIEW_REMEDIATION_ROUTES } from "./routes-reviews-remediation";

// Every route under app/api, described once: method, path, the use-case's own zod schema (read from where
// the route reads it), who may call it, what it answers. tests/openapi.test.ts fails when a route file
// exports a method that is not here (or is here without a route), and parses each example with its schema.

/** Routes left out of the description on purpose, each with why. */
export const INTERNAL_ROUTES: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts":
    "next-auth's own sign-in, callback and sign-out endpoints for the browser (CSRF token, OIDC redirects): not an API for scripts.",
  "app/api/refused/cross-origin/route.ts":
    "Only reached through proxy.ts's rewrite of a server action posted from another origin; it records the refusal and answers 403.",
};

// ---- examples (checked against the schemas and the real answers by tests/openapi.test.ts) --------------

const OWNER = { id: "6f1c2b0e-8a4d-4c1e-9f3a-2b7d5e8c9a01", name: "Ada Lovelace", email: "ada@example.com", active: true };
const IDENTITY_ID = "0b9d7c3e-5f2a-4e8b-a1c6-d3e4f5a6b7c8";

const identitySummary = {
  id: IDENTITY_ID,
  name: "deploy-bot",
  kind: "service_account",
  platform: "aws",
  externalId: "arn:aws:iam::123456789012:user/deploy-bot",
  environment: "production",
  purpose: "Deploys the storefront from CI",
  status: "active",
  owner: OWNER,
  backupOwner: null,
  team: "platform",
  vendor: null,
  tags: ["ci"],
  credentialType: "static_secret",
  credentialIssuedAt: "2026-01-15T00:00:00.000Z",
  credentialRotatedAt: null,
  credentialExpiresAt: null,
  lastUsedAt: "2026-06-01T08:12:00.000Z",
  activeCredentials: 1,
  oldestCredentialAt: "2026-01-15T00:00:00.000Z",
  neverExpires: true,
  usage: "known",
  humanUse: false,
  flags: [],
  source: "aws:123456789012",
  goneFromSourceAt: null,
  pinnedFields: [],
  version: 1,
  createdAt: "2026-01-15T10:00:00.000Z",
  updatedAt: "2026-06-01T08:15:00.000Z",
};

const user = {
  id: OWNER.id,
  email: OWNER.email,
  name: OWNER.name,
  roles: ["member"],
  team: null,
  status: "active",
  authSource: "local",
  lastSignInAt: "2026-06-01T07:58:00.000Z",
  updatedAt: "2026-05-20T12:00:00.000Z",
};

const WEBHOOK_ID = "3c2b1a09-8f7e-4d6c-b5a4-932817160504";
const endpoint = {
  id: WEBHOOK_ID,
  name: "SOC alerts",
  url: "https://hooks.example.com/nhi",
  eventTypes: ["breakglass.requested", "webhook.disabled"],
  format: "json",
  secretHint: "9b1c",
  enabled: true,
  disabledAt: null,
  disabledReason: null,
  consecutiveFailures: 0,
  createdAt: "2026-06-01T09:00:00.000Z",
  updatedAt: "2026-06-01T09:00:00.000Z",
};
const health = {
  lastDelivery: { status: "failed", at: "2026-06-01T10:02:00.000Z", responseStatus: 500, error: "the receiver answered 500" },
  lastDeliveredAt: "2026-06-01T09:30:00.000Z",
  waiting: 0,
  failedLast24h: 1,
};
const delivery = {
  id: "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716",
  eventId: "42",
  eventType: "breakglass.requested",
  status: "failed",
  attempts: 6,
  nextAttemptAt: null,
  lastAttemptAt: "2026-06-01T10:02:00.000Z",
  responseStatus: 500,
  error: "the receiver answered 500",
  durationMs: 84,
  createdAt: "2026-06-01T09:40:00.000Z",
  deliveredAt: null,
  body: '{"id":"42","type":"breakglass.requested","title":"A break-glass request waits for approval"}',
};

const TOKEN_ID = "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d";
const apiToken = {
  id: TOKEN_ID,
  kind: "personal",
  name: "laptop scripts",
  purpose: "Lists my identities from a shell script",
  prefix: "nhic_Ab12Cd34",
  scopes: ["registry.read"],
  owner: { id: OWNER.id, name: OWNER.name, email: OWNER.email, active: true },
  createdById: OWNER.id,
  createdAt: "2026-06-01T09:00:00.000Z",
  expiresAt: "2026-07-01T09:00:00.000Z",
  revokedAt: null,
  lastUsedAt: "2026-06-01T10:15:00.000Z",
  lastUsedIp: "203.0.113.7",
  status: "active",
  identityId: null,
};

const GENERIC_CSV = `name,kind,platform,externalId,environment,purpose,ownerEmail,tags
deploy-bot,service_account,aws,arn:aws:iam::123456789012:user/deploy-bot,production,Deploys the storefront from CI,ada@example.com,ci
`;

const registry = "Registry";
const users = "Users";
const webhooks = "Webhooks";

export const ROUTES: RouteDoc[] = [
  // ---- registry -------------------------------------------------------------------------------------
  {
    method: "GET",
    path: "/api/registry/identities",
    operationId: "listIdentities",
    tag: registry,
    summary: "One page of the registry, under the list's filters",
    description:
      "The same filters and order as the registry page (its address's query string works here as it is). Flags such as `noOwner` take `true`/`1`. `page=last` is the last page. `total` is exact unless `estimated` is true (broad views).",
    auth: "registry.read",
    input: { schema: listIdentitiesSchema, in: "query" },
    example: { query: { noOwner: "true", environment: "production", sort: "name", page: "1", pageSize: "50" } },
    response: {
      data: "IdentityPage (lib/domain/registry/list-identities.ts): { identities: IdentitySummaryDto[], total, estimated, page, pageSize }",
      example: { identities: [identitySummary], total: 1, estimated: false, page: 1, pageSize: 50 },
    },
  },
  {
    method: "POST",
    path: "/api/registry/identities",
    operationId: "createIdentity",
    tag: registry,
    summary: "Register an identity",
    description:
      "Every identity has a named owner (`ownerId`, one of the people who may own identities). Free text is refused when it looks like a secret.",
    auth: "identity.create",
    input: { schema: createIdentitySchema, in: "body" },
    errors: ["CONFLICT"],
    example: {
      body: {
        name: "deploy-bot",
        kind: "service_account",
        platform: "aws",
        externalId: "arn:aws:iam::123456789012:user/deploy-bot",
        environment: "production",
        purpose: "Deploys the storefront from CI",
        ownerId: OWNER.id,
        tags: ["ci"],
      },
    },
    response: { data: "IdentitySummaryDto (lib/domain/registry/identity-dto.ts): the identity as registered", example: identitySummary },
  },
  {
    method: "GET",
    path: "/api/registry/identities/{id}",
    operationId: "getIdentity",
    tag: registry,
    summary: "One identity with its scopes, credentials and history",
    auth: "registry.read",
    input: { schema: getIdentitySchema, in: "path", path: { id: "id" } },
    example: { path: { id: IDENTITY_ID } },
    response: {
      data: "IdentityDetailDto (lib/domain/registry/get-identity.ts): the summary plus entitlements, credentials, actingAsThis, lastImport, history and canEdit",
      example: {
        ...identitySummary,
        entitlements: [],
        credentials: [],
        actingAsThis: [],
        lastImport: null,
        history: { kind: "audit", events: [] },
        canEdit: true,
      },
    },
  },
  {
    method: "PUT",
    path: "/api/registry/identities/{id}",
    operationId: "updateIdentity",
    tag: registry,
    summary: "Edit an identity",
    description:
      "Send `expectedVersion` (the `version` you read): a change made by someone else since is refused (409), never overwritten. Fields you send are pinned: later imports leave them alone.",
    auth: "identity.update",
    input: { schema: updateIdentitySchema, in: "body", path: { id: "id" } },
    errors: ["CONFLICT"],
    example: { path: { id: IDENTITY_ID }, body: { expectedVersion: 1, purpose: "Deploys the storefront and the admin app from CI" } },
    response: {
      data: "IdentitySummaryDto (lib/domain/registry/identity-dto.ts): the identity as changed",
      example: { ...identitySummary, purpose: "Deploys the storefront and the admin app from CI", pinnedFields: ["purpose"], version: 2 },
    },
  },
  {
    method: "GET",
    path: "/api/registry/export",
    operationId: "exportIdentities",
    tag: registry,
    summary: "The registry under the list's filters, as a file in the console's import format",
    description:
      "Streams every matching identity (no paging) as CSV or JSON; the file can be edited and imported again. The export is recorded in the audit log.",
    auth: "registry.export",
    input: { schema: exportIdentitiesSchema, in: "query" },
    example: { query: { format: "json", noOwner: "true" } },
    response: { file: { contentTypes: ["text/csv", "application/json"], description: "The file (`registry-<time>.csv` or `.json`)." } },
  },
  {
    method: "POST",
    path: "/api/registry/import",
    operationId: "importIdentities",
    tag: registry,
    summary: "Import a file of identities (a dry run unless dryRun=false)",
    description:
      "The request body is the file itself, as it was exported (send it with `curl --data-binary @file`); the options are query parameters. Without `dryRun=false` nothing is written and the answer says, row by row, what would be created, updated, left alone or rejected. A commit is all or nothing. The body may be up to IMPORT_MAX_MB (1024 MB unless configured): a larger one is refused (413), never cut.",
    auth: "registry.import",
    input: { schema: importIdentitiesSchema, in: "query", filledByRoute: ["content"] },
    fileBody: {
      contentTypes: ["text/csv", "application/json", "application/octet-stream"],
      description: "The file, in the format named by `format` (the content type is not read).",
      example: GENERIC_CSV,
    },
    errors: ["PAYLOAD_TOO_LARGE"],
    example: { query: { format: "csv", dryRun: "true", environment: "production" } },
    response: {
      data: "ImportResult (lib/domain/registry/import/import-report.ts): { dryRun, committed, counts, items, skipped, warnings, importRunId }",
      example: {
        dryRun: true,
        committed: false,
        counts: { create: 1, update: 0, unchanged: 0, reject: 0, skipped: 0, gone: 0 },
        items: [{ row: 2, action: "create", name: "deploy-bot", key: "aws:arn:aws:iam::123456789012:user/deploy-bot" }],
        skipped: [],
        warnings: [],
        importRunId: null,
      },
    },
  },

  // ---- audit ----------------------------------------------------------------------------------------
  {
    method: "GET",
    path: "/api/audit/export",
    operationId: "exportAuditEvents",
    tag: "Audit",
    summary: "The audit log under the page's filters, as CSV",
    description:
      "Streams every matching event with its hash, so the chain can be checked outside the console. The export itself is recorded first.",
    auth: "audit.export",
    input: { schema: auditFilterSchema, in: "query" },
    example: { query: { outcome: "denied", from: "2026-06-01T00:00" } },
    response: { file: { contentTypes: ["text/csv"], description: "The CSV file (`audit-log-<time>.csv`)." } },
  },

  // ---- users ----------------------------------------------------------------------------------------
  {
    method: "GET",
    path: "/api/admin/users",
    operationId: "listUsers",
    tag: users,
    summary: "People with access to the console, paginated",
    auth: "user.list",
    input: { schema: listUsersSchema, in: "query" },
    example: { query: { role: "admin", status: "active" } },
    response: {
      data: "UserPage (lib/domain/users/list-users.ts): { users: UserDto[], total, page, pageSize }",
      example: { users: [user], total: 1, page: 1, pageSize: 50 },
    },
  },
  {
    method: "POST",
    path: "/api/admin/users",
    operationId: "createLocalUser",
    tag: users,
    summary: "Add a local account (email and password)",
    auth: "user.create",
    input: { schema: createLocalUserSchema, in: "body" },
    errors: ["CONFLICT"],
    example: { body: { email: "grace@example.com", name: "Grace Hopper", roles: ["member"], password: "correct horse battery staple" } },
    response: {
      data: "UserDto (lib/domain/users/user-dto.ts): the account as created",
      example: { ...user, email: "grace@example.com", name: "Grace Hopper", lastSignInAt: null },
    },
  },
  {
    method: "POST",
    path: "/api/admin/users/{id}/roles",
    operationId: "setUserRoles",
    tag: users,
    summary: "Replace a person's roles",
    description:
      "Send `expectedRoles` (the roles you saw) to be refused (409) if someone changed them since. The last active admin cannot be demoted. Ends the person's sessions.",
    auth: "user.setRoles",
    input: { schema: setUserRolesSchema, in: "body", path: { id: "userId" } },
    errors: ["CONFLICT"],
    example: { path: { id: OWNER.id }, body: { roles: ["approver", "member"], expectedRoles: ["member"] } },
    response: {
      data: "UserDto (lib/domain/users/user-dto.ts): the person as changed",
      example: { ...user, roles: ["approver", "member"] },
    },
  },
  {
    method: "POST",
    path: "/api/admin/users/{id}/team",
    operationId: "setUserTeam",
    tag: users,
    summary: "Put a person in a team, or in none",
    description:
      '`team` is at most 100 characters; null or "" for none. A break-glass policy row that names an approver team leaves its requests to the approvers of that team (and admins): they decide and review them and are told of them. Read at each request, like the roles: the person\'s sessions are not ended.',
    auth: "user.setTeam",
    input: { schema: setUserTeamSchema, in: "body", path: { id: "userId" } },
    example: { path: { id: OWNER.id }, body: { team: "payments" } },
    response: {
      data: "UserDto (lib/domain/users/user-dto.ts): the person as changed",
      example: { ...user, team: "payments" },
    },
  },
  {
    method: "POST",
    path: "/api/admin/users/{id}/status",
    operationId: "setUserStatus",
    tag: users,
    summary: "Deactivate or reactivate a person",
    description:
      "Deactivation ends their sessions; with `transferToUserId` what they own or back up moves to that person in the same transaction (`moved` counts it). Nobody can deactivate themselves or the last active admin.",
    auth: "user.deactivate",
    input: { schema: userStatusSchema, in: "body", path: { id: "userId" } },
    example: { path: { id: OWNER.id }, body: { status: "deactivated", transferToUserId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d" } },
    response: {
      data: "UserStatusResult (lib/domain/users/set-user-status.ts): UserDto and, for a deactivation that handed identities on, `moved: { owner, backupOwner }`",
      example: { ...user, status: "deactivated", moved: { owner: 2, backupOwner: 1 } },
    },
  },

  // ---- webhooks -------------------------------------------------------------------------------------
  {
    method: "GET",
    path: "/api/admin/webhooks",
    operationId: "listWebhookEndpoints",
    tag: webhooks,
    summary: "The webhook endpoints, each with its health",
    auth: "webhook.read",
    response: {
      data: "{ endpoints: WebhookEndpointWithHealth[] } (lib/domain/webhooks/list-endpoints.ts): each endpoint (never its secret, only the last four characters) and its latest delivery, what waits and the failures of the last 24 hours",
      example: { endpoints: [{ ...endpoint, health }] },
    },
  },
  {
    method: "POST",
    path: "/api/admin/webhooks",
    operationId: "createWebhookEndpoint",
    tag: webhooks,
    summary: "Add a webhook endpoint; the answer carries its signing secret, shown this once",
    description: `Event types: ${WEBHOOK_EVENT_TYPES.join(", ")}. In production only https:// receivers are accepted (plain http:// only on this machine). Each delivery is signed: the \`${SIGNATURE_HEADER}\` header holds an HMAC-SHA256 over the timestamp and the body, with the secret returned here (README: webhooks).`,
    auth: "webhook.manage",
    input: { schema: createEndpointSchema(true), in: "body" },
    example: {
      body: {
        name: "SOC alerts",
        url: "https://hooks.example.com/nhi",
        eventTypes: ["breakglass.requested", "webhook.disabled"],
        format: "json",
      },
    },
    response: {
      data: "CreatedEndpoint (lib/domain/webhooks/create-endpoint.ts): { endpoint: WebhookEndpointDto, secret }",
      example: { endpoint, secret: "whsec_3f9a0c5d7e1b2a4c6d8e0f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c" },
    },
  },
  {
    method: "GET",
    path: "/api/admin/webhooks/{id}/deliveries",
    operationId: "getWebhookEndpoint",
    tag: webhooks,
    summary: "One endpoint, its health and a page of its delivery log, newest first",
    auth: "webhook.read",
    input: { schema: getEndpointSchema, in: "query", path: { id: "id" } },
    example: { path: { id: WEBHOOK_ID }, query: { status: "failed", page: "1" } },
    response: {
      data: "{ endpoint: WebhookEndpointWithHealth, log: DeliveryPage } (lib/domain/webhooks/get-endpoint.ts)",
      example: { endpoint: { ...endpoint, health }, log: { deliveries: [delivery], status: "failed", total: 1, page: 1, pageSize: 25 } },
    },
  },
  {
    method: "POST",
    path: "/api/admin/webhooks/{id}/test",
    operationId: "sendWebhookTestEvent",
    tag: webhooks,
    summary: "Send a test event to this endpoint only (delivered by the delivery job within seconds)",
    description: "Refused (409) while the endpoint is disabled.",
    auth: "webhook.manage",
    input: { schema: endpointIdSchema, in: "path", path: { id: "id" } },
    errors: ["CONFLICT"],
    example: { path: { id: WEBHOOK_ID } },
    response: {
      data: "WebhookDeliveryDto (lib/domain/webhooks/webhook-dto.ts): the queued delivery",
      example: {
        ...delivery,
        eventType: "webhook.test",
        status: "pending",
        attempts: 0,
        lastAttemptAt: null,
        responseStatus: null,
        error: null,
        durationMs: null,
      },
    },
  },

  // ---- API tokens -----------------------------------------------------------------------------------
  {
    method: "GET",
    path: "/api/tokens",
    operationId: "listTokens",
    tag: "API tokens",
    summary: "API tokens, newest first: one's own (those one answers for or made); admins may ask for everyone's (owner=all)",
    auth: "token.list",
    input: { schema: listTokensSchema, in: "query" },
    example: { query: { status: "active", page: "1" } },
    response: {
      data: "TokenPage (lib/domain/tokens/list-tokens.ts): { tokens: TokenDto[], total, page, pageSize, allOwners }; never a token's secret or hash",
      example: { tokens: [apiToken], total: 1, page: 1, pageSize: 50, allOwners: false },
    },
  },
  {
    method: "POST",
    path: "/api/tokens",
    operationId: "createPersonalToken",
    tag: "API tokens",
    summary: "Make a personal token; the answer carries it (data.secret), shown this once",
    description:
      "Scopes are policy actions, none beyond what the caller may do now; expiresInDays defaults to 30, at most API_TOKEN_MAX_DAYS (365 at most). Needs a person signed in: every API token is refused. Service and AI-agent tokens are made by admins on the console's page.",
    auth: "token.createPersonal",
    input: { schema: createPersonalTokenSchema(90), in: "body" },
    example: {
      body: { name: "laptop scripts", purpose: "Lists my identities from a shell script", scopes: ["registry.read"], expiresInDays: 30 },
    },
    response: {
      data: "CreatedToken (lib/domain/tokens/create-token.ts): { token: TokenDto, secret }",
      example: {
        token: { ...apiToken, lastUsedAt: null, lastUsedIp: null },
        secret: "nhic_Ab12Cd34_" + "x".repeat(43),
      },
    },
  },
  {
    method: "DELETE",
    path: "/api/tokens/{id}",
    operationId: "revokeToken",
    tag: "API tokens",
    summary: "Revoke a token at once (its owner or an admin); a service token's registry entry is decommissioned",
    auth: "token.revoke",
    input: { schema: tokenIdSchema, in: "path", path: { id: "id" } },
    errors: ["CONFLICT"],
    example: { path: { id: TOKEN_ID } },
    response: {
      data: "TokenDto (lib/domain/tokens/token-dto.ts): the token, now revoked",
      example: { ...apiToken, status: "revoked", revokedAt: "2026-06-01T11:00:00.000Z" },
    },
  },

  // ---- sessions -------------------------------------------------------------------------------------
  {
    method: "POST",
    path: "/api/auth/sign-out-everywhere",
    operationId: "signOutEverywhere",
    tag: "Sessions",
    summary: "End every session of the signed-in person, this one too",
    auth: "session.signOutEverywhere",
    response: { data: "{ ended }: how many sessions were ended", example: { ended: 2 } },
  },

  // ---- the console itself ---------------------------------------------------------------------------
  {
    method: "GET",
    path: "/api/health",
    operationId: "health",
    tag: "Console",
    summary: "Whether the console can serve: database reachable, migrations current",
    description: "For load balancers and orchestrators: 200 when healthy, 503 otherwise. Details stay in the server's log.",
    auth: "public",
    response: {
      raw: {
        description: "The state (200 healthy, 503 not).",
        schema: z.object({
          ok: z.boolean(),
          database: z.enum(["reachable", "unreachable"]),
          migrations: z.enum(["current", "pending", "inconsistent", "unknown"]),
        }),
        example: { ok: true, database: "reachable", migrations: "current" },
        statuses: [200, 503],
      },
    },
  },
  {
    method: "GET",
    path: "/api/openapi.json",
    operationId: "openApiDocument",
    tag: "Console",
    summary: "This document",
    description:
      "Readable without signing in: it describes shapes and rules that are in the console's source anyway, and holds nothing about this installation (no data, no settings, no addresses). A client generator needs it before it has a token.",
    auth: "public",
    response: {
      raw: {
        description: "The OpenAPI 3.1 document.",
        schema: z.object({
          openapi: z.string(),
          info: z.object({ title: z.string(), version: z.string() }),
          paths: z.record(z.string(), z.unknown()),
        }),
        example: { openapi: "3.1.1", info: { title: "NHI Console API", version: "0.1.0" }, paths: {} },
      },
    },
  },
  ...REVIEW_CAMPAIGNS_ROUTES,
  ...REVIEW_DECIDE_ROUTES,
  ...REVIEW_REMEDIATION_ROUTES,
  ...BREAKGLASS_ROUTES,
  ...BREAKGLASS_ENFORCEMENT_ROUTES,
  ...POSTURE_ROUTES,
];
