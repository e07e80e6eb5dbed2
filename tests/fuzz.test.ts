import { readdirSync, statSync } from "node:fs";
import { BREAKGLASS_USE_CASES } from "./fuzz-cases/breakglass";
import { BREAKGLASS_ENFORCEMENT_USE_CASES } from "./fuzz-cases/breakglass-enforcement";
import { POSTURE_USE_CASES } from "./fuzz-cases/posture";
import { REVIEW_CAMPAIGNS_USE_CASES } from "./fuzz-cases/reviews-campaigns";
import { REVIEW_DECIDE_USE_CASES } from "./fuzz-cases/reviews-decide";
import { REVIEW_REMEDIATION_USE_CASES } from "./fuzz-cases/reviews-remediation";
import { join, relative } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiContext, handleApiRequest } from "@/lib/auth/api-route";
import type { UserActor } from "@/lib/domain/authz/actor";
import type { Clock } from "@/lib/domain/shared/clock";
import { toFailure } from "@/lib/domain/shared/errors";
import type { UseCase } from "@/lib/domain/shared/use-case";
import { exportAuditEvents } from "@/lib/domain/audit/export-audit-events";
import { listAuditEvents } from "@/lib/domain/audit/list-audit-events";
import { addEntitlement } from "@/lib/domain/registry/add-entitlement";
import { bulkChangeIdentities } from "@/lib/domain/registry/bulk-change-identities";
import { claimIdentity, undoClaim } from "@/lib/domain/registry/claim-identity";
import { changeEntitlement } from "@/lib/domain/registry/change-entitlement";
import { addCredential } from "@/lib/domain/registry/credentials/add-credential";
import { changeCredential } from "@/lib/domain/registry/credentials/change-credential";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import { exportIdentities } from "@/lib/domain/registry/export-identities";
import { getIdentity } from "@/lib/domain/registry/get-identity";
import { listClaims } from "@/lib/domain/registry/list-claims";
import { listInbox, unreadCount } from "@/lib/domain/notifications/list-inbox";
import { markRead } from "@/lib/domain/notifications/mark-read";
import { getMyWork } from "@/lib/domain/notifications/my-work";
import { getNotificationSettings, updateNotificationSettings } from "@/lib/domain/notifications/settings";
import { listIdentities } from "@/lib/domain/registry/list-identities";
import { recordRotation } from "@/lib/domain/registry/record-rotation";
import { setIdentityStatus } from "@/lib/domain/registry/set-identity-status";
import { transferOwnedIdentities } from "@/lib/domain/registry/transfer-owned-identities";
import { transferOwnership } from "@/lib/domain/registry/transfer-ownership";
import { updateIdentity } from "@/lib/domain/registry/update-identity";
import { createLocalUser } from "@/lib/domain/users/create-local-user";
import { listUsers } from "@/lib/domain/users/list-users";
import { setUserRoles } from "@/lib/domain/users/set-user-roles";
import { setUserStatus } from "@/lib/domain/users/set-user-status";
import { setUserTeam } from "@/lib/domain/users/set-user-team";
import { createWebhookEndpoint } from "@/lib/domain/webhooks/create-endpoint";
import { deleteWebhookEndpoint } from "@/lib/domain/webhooks/delete-endpoint";
import { getWebhookEndpoint } from "@/lib/domain/webhooks/get-endpoint";
import { listWebhookEndpoints } from "@/lib/domain/webhooks/list-endpoints";
import { rotateWebhookSecret } from "@/lib/domain/webhooks/rotate-secret";
import { webhookSealingKey } from "@/lib/domain/webhooks/secrets";
import { sendWebhookTestEvent } from "@/lib/domain/webhooks/send-test-event";
import { updateWebhookEndpoint } from "@/lib/domain/webhooks/update-endpoint";
import { createPersonalToken, createServiceToken } from "@/lib/domain/tokens/create-token";
import { listTokens } from "@/lib/domain/tokens/list-tokens";
import { getJob, listJobs } from "@/lib/domain/jobs/list-jobs";
import { runJobNow } from "@/lib/domain/jobs/run-now";
import { revokeToken } from "@/lib/domain/tokens/revoke-token";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// Property: whatever arrives (any shape, any text, any date, any role), every use-case and every API route
// answers with a result or a typed 4xx failure, never an unexpected error (a 5xx), and when it answers
// with an error nothing in the registry or the user table changed. Inputs mix the field names the console
// uses with hostile values: NUL bytes, broken surrogates, out-of-range dates, huge numbers, wrong types.

const clock: Clock = { now: () => new Date("2026-06-01T12:00:00.000Z") };
let database: TestDatabase;
let db: TestDatabase["prisma"];
let actors: UserActor[];
const known = { identityIds: [] as string[], scopeIds: [] as string[], userIds: [] as string[] };

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  actors = [
    await makeUser(db, ["admin"]),
    await makeUser(db, ["member"]),
    await makeUser(db, ["auditor"]),
    await makeUser(db, ["approver"]),
  ];
  const [admin, owner] = actors as [UserActor, UserActor];
  known.userIds = actors.map((a) => a.userId);
  for (let i = 0; i < 3; i += 1) {
    const identity = await createIdentity({
      actor: admin,
      db,
      clock,
      input: {
        name: `fuzz-${i}`,
        kind: "api_key",
        platform: "stripe",
        externalId: `key-${i}`,
        environment: "production",
        purpose: "Charges cards",
        ownerId: owner.userId,
        tags: "",
      },
    });
    known.identityIds.push(identity.id);
    const scope = await addEntitlement({
      actor: admin,
      db,
      clock,
      input: { identityId: identity.id, resource: "charges", action: "write", level: "write" },
    });
    known.scopeIds.push(scope.id);
  }
});
afterAll(() => database.close());

const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "x\udc00y", "%", "_", "%_%", '\'; drop table "User"; --', "=cmd|' /C calc'!A0", " ", ""),
  fc.constantFrom("ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", "AKIAIOSFODNN7EXAMPLE", "-----BEGIN PRIVATE KEY-----"),
  fc.string({ minLength: 5_000, maxLength: 20_000 }),
);
const hostileDate = fc.constantFrom(
  "12",
  "2026-02-30",
  "+275760-09-13T00:00:00.000Z",
  "-000001-01-01",
  "99999-12-31",
  "2026-01-01",
  "2026-01-01T10:00:00Z",
  "9999-12-31T23:59:59Z",
  "1899-12-31",
);
const knownId = () =>
  fc.constantFrom(
    ...known.identityIds,
    ...known.scopeIds,
    ...known.userIds,
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "%E0%A4%A",
  );
const enumish = fc.constantFrom(
  "admin",
  "member",
  "auditor",
  "approver",
  "read",
  "write",
  "production",
  "staging",
  "api_key",
  "service_account",
  "active",
  "deactivated",
  "suspended",
  "csv",
  "json",
  "asc",
  "desc",
  "name",
  "true",
  "false",
  "assignTeam",
  "suspend",
  "addTags",
  "assignOwner",
  "registry.read",
  "service",
  "agent",
  "personal",
);
const value = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    hostileText,
    hostileDate,
    knownId(),
    enumish,
    fc.integer(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 1e308, Number.NaN, 2 ** 31),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(enumish, hostileText, fc.constant(null)), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  );
const FIELDS = [
  "id",
  "identityId",
  "entitlementId",
  "userId",
  "name",
  "kind",
  "platform",
  "externalId",
  "environment",
  "purpose",
  "ownerId",
  "backupOwnerId",
  "team",
  "vendor",
  "tags",
  "credentialType",
  "credentialIssuedAt",
  "credentialRotatedAt",
  "credentialExpiresAt",
  "lastUsedAt",
  "status",
  "reason",
  "level",
  "resource",
  "action",
  "roles",
  "expectedRoles",
  "email",
  "password",
  "q",
  "page",
  "pageSize",
  "before",
  "from",
  "to",
  "outcome",
  "actor",
  "target",
  "format",
  "dryRun",
  "fromUserId",
  "toUserId",
  "expectedVersion",
  "rotatedAt",
  "expiresAt",
  "sort",
  "dir",
  "expired",
  "noOwner",
  "tag",
  "owner",
  "expiringWithinDays",
  "original",
  "ids",
  "filter",
  "op",
  "claimSeq",
  "transferToUserId",
  "url",
  "eventTypes",
  "enabled",
  "all",
  "digest",
  "mutedEvents",
  "unread",
  "scopes",
  "expiresInDays",
];
const input = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), value(), { maxKeys: 12 }) },
  { weight: 1, arbitrary: fc.anything() },
);

/** A fingerprint of everything a failed call must leave as it was (the audit log may gain its refusals). */
async function fingerprint(): Promise<string> {
  const rows = await db.$queryRawUnsafe<{ h: string }[]>(
    `SELECT md5(coalesce((SELECT string_agg(t::text, '|' ORDER BY t.id) FROM "Identity" t), '') ||
                coalesce((SELECT string_agg(t::text, '|' ORDER BY t.id) FROM "Entitlement" t), '') ||
                coalesce((SELECT string_agg(t::text, '|' ORDER BY t.id) FROM "Credential" t), '') ||
                coalesce((SELECT string_agg(t.id::text || t.status::text || array_to_string(t.roles, ',') || t.email || coalesce(t.team, ''), '|' ORDER BY t.id) FROM "User" t), '')) AS h`,
  );
  return rows[0]!.h;
}

async function drain(result: unknown): Promise<void> {
  const stream = (result as { chunks?: AsyncIterable<string> })?.chunks ?? result;
  if (stream && typeof stream === "object" && Symbol.asyncIterator in stream)
    for await (const chunk of stream as AsyncIterable<string>) void chunk;
}

const webhookFuzzDeps = { sealingKey: webhookSealingKey("fuzz-root-secret-fuzz-root-secret"), requireHttps: true };

const USE_CASES: Record<string, UseCase<unknown, unknown>> = {
  ...REVIEW_CAMPAIGNS_USE_CASES,
  ...REVIEW_DECIDE_USE_CASES,
  ...REVIEW_REMEDIATION_USE_CASES,
  ...BREAKGLASS_USE_CASES,
  ...BREAKGLASS_ENFORCEMENT_USE_CASES,
  ...POSTURE_USE_CASES,
  createIdentity,
  updateIdentity,
  setIdentityStatus,
  recordRotation,
  transferOwnership,
  addEntitlement,
  changeEntitlement,
  addCredential,
  changeCredential,
  transferOwnedIdentities,
  claimIdentity,
  undoClaim,
  bulkChangeIdentities,
  createLocalUser,
  setUserRoles,
  setUserStatus,
  setUserTeam,
  listIdentities,
  getIdentity,
  exportIdentities,
  listUsers,
  listAuditEvents,
  exportAuditEvents,
  listClaims,
  listInbox,
  unreadCount,
  markRead,
  getMyWork,
  getNotificationSettings,
  updateNotificationSettings,
  createWebhookEndpoint: createWebhookEndpoint(webhookFuzzDeps),
  updateWebhookEndpoint: updateWebhookEndpoint(webhookFuzzDeps),
  rotateWebhookSecret: rotateWebhookSecret(webhookFuzzDeps),
  deleteWebhookEndpoint,
  sendWebhookTestEvent: sendWebhookTestEvent(webhookFuzzDeps),
  listWebhookEndpoints,
  getWebhookEndpoint,
  createPersonalToken: createPersonalToken({ maxDays: 90 }),
  createServiceToken: createServiceToken({ maxDays: 90 }),
  revokeToken,
  listTokens,
  listJobs,
  getJob,
  runJobNow,
};

describe("every use-case under hostile input", () => {
  for (const [name, useCase] of Object.entries(USE_CASES)) {
    it(`${name}: a result or a typed failure, and nothing changed on failure`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(3), input, async (who, raw) => {
          const before = await fingerprint();
          try {
            await drain(await useCase({ actor: actors[who]!, db, clock, input: raw }));
          } catch (error) {
            const failure = toFailure(error); // throws on anything that is not a typed failure
            expect(failure.code).toMatch(/^[A-Z_]+$/);
            expect(await fingerprint()).toBe(before);
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});

type RouteModule = Record<string, ((...args: never[]) => unknown) & { handler?: Parameters<typeof handleApiRequest>[0] }>;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? routeFiles(path) : entry === "route.ts" ? [path] : [];
  });
}

/** Routes that are not wrapped by apiRoute, each for a reason: they have no input of a signed-in caller to fuzz. */
// Not behind apiRoute on purpose: next-auth's own, the health probe, the cross-origin refusal, the public API description.
const UNWRAPPED = [
  "app/api/auth/[...nextauth]/route.ts",
  "app/api/health/route.ts",
  "app/api/refused/cross-origin/route.ts",
  "app/api/openapi.json/route.ts",
];

describe("every API route under hostile requests", () => {
  const files = routeFiles("app/api").map((f) => relative(".", f));

  it("knows every route: each is wrapped by apiRoute or listed with its reason", async () => {
    for (const file of files) {
      const mod = (await import(/* @vite-ignore */ `@/${file}`)) as RouteModule;
      const wrapped = Object.values(mod).some((fn) => typeof fn === "function" && fn.handler);
      expect(wrapped || UNWRAPPED.includes(file), file).toBe(true);
    }
  });

  for (const file of files.filter((f) => !UNWRAPPED.includes(f))) {
    it(`${file}: never a 5xx, nothing changed on an error`, async () => {
      const mod = (await import(/* @vite-ignore */ `@/${file}`)) as RouteModule;
      const params = [...file.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
      for (const [method, route] of Object.entries(mod)) {
        if (!route.handler) continue;
        await fc.assert(
          fc.asyncProperty(
            fc.nat(3),
            fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(hostileText, hostileDate, enumish, knownId()).map(String), { maxKeys: 6 }),
            fc.oneof(
              input.map((v) => JSON.stringify(v) ?? "null"),
              hostileText,
            ),
            fc.array(knownId(), { minLength: params.length, maxLength: params.length }),
            async (who, query, body, ids) => {
              const url = new URL(`http://console.test/${file.replace(/^app\//, "").replace(/\/route\.ts$/, "")}`);
              for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
              const request = new Request(url, { method, ...(method === "GET" ? {} : { body }), headers: { host: "console.test" } });
              const ctx: ApiContext<Record<string, string>> = {
                actor: actors[who]!,
                db,
                clock,
                request,
                params: Object.fromEntries(params.map((p, i) => [p, ids[i]!])),
              };
              const before = await fingerprint();
              const response = await handleApiRequest(route.handler!, ctx, "http://console.test");
              expect(response.status).toBeLessThan(500);
              if (response.body) await response.arrayBuffer();
              if (response.status >= 400) expect(await fingerprint()).toBe(before);
            },
          ),
          { numRuns: 30 },
        );
      }
    });
  }
});
