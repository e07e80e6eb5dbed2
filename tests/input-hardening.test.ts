import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleApiRequest } from "@/lib/auth/api-route";
import { POST as createIdentityRoute } from "@/app/api/registry/identities/route";
import { guardRequest } from "@/lib/http/guard-request";
import { listAuditEvents } from "@/lib/domain/audit/list-audit-events";
import type { UserActor } from "@/lib/domain/authz/actor";
import { changeEntitlement } from "@/lib/domain/registry/change-entitlement";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import { listIdentities } from "@/lib/domain/registry/list-identities";
import { recordRotation } from "@/lib/domain/registry/record-rotation";
import { setIdentityStatus } from "@/lib/domain/registry/set-identity-status";
import { transferOwnership } from "@/lib/domain/registry/transfer-ownership";
import { updateIdentity } from "@/lib/domain/registry/update-identity";
import type { Clock } from "@/lib/domain/shared/clock";
import { DomainError, toFailure } from "@/lib/domain/shared/errors";
import { parseIsoDate } from "@/lib/domain/shared/input";
import { createLocalUser } from "@/lib/domain/users/create-local-user";
import { setUserStatus } from "@/lib/domain/users/set-user-status";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// Findings 7 to 10 of the attacker's pass, each pinned: refusals come before validation and are recorded,
// a backup owner cannot take ownership, input is strict, and a caller's mistake is never a 5xx.

const clock: Clock = { now: () => new Date("2026-06-01T12:00:00.000Z") };
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let owner: UserActor;
let backup: UserActor;
let auditor: UserActor;
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  owner = await makeUser(db, ["member"]);
  backup = await makeUser(db, ["member"]);
  auditor = await makeUser(db, ["auditor"]);
});
afterAll(() => database.close());

const fields = (extra: Record<string, unknown> = {}) => ({
  name: `svc-${++counter}`,
  kind: "service_account",
  platform: "gcp",
  externalId: `svc-${counter}@proj.iam.gserviceaccount.com`,
  environment: "production",
  purpose: "Reads billing exports",
  ownerId: owner.userId,
  backupOwnerId: backup.userId,
  tags: "",
  ...extra,
});
const create = (extra: Record<string, unknown> = {}) => createIdentity({ actor: owner, db, clock, input: fields(extra) });

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return toFailure(error);
  }
  throw new Error("expected a failure");
}

const deniedEvents = (actor: UserActor, action: string) =>
  db.auditEvent.count({ where: { actorId: actor.userId, action, outcome: "denied" } });

describe("refusals come before validation (finding 8)", () => {
  it("answers an auditor's malformed write with a recorded refusal, not a validation hint", async () => {
    const before = await deniedEvents(auditor, "identity.update");
    const result = await failure(updateIdentity({ actor: auditor, db, clock, input: { id: "not-an-id", name: 42 } }));
    expect(result.code).toBe("FORBIDDEN");
    expect(await deniedEvents(auditor, "identity.update")).toBe(before + 1);
  });

  it("does not tell a caller without the role whether a scope id exists", async () => {
    const missing = await failure(
      changeEntitlement({ actor: auditor, db, clock, input: { entitlementId: crypto.randomUUID(), level: null } }),
    );
    expect(missing.code).toBe("FORBIDDEN");
  });

  it("records the id a refused caller named only when it is an id (never arbitrary text)", async () => {
    await failure(
      setIdentityStatus({ actor: auditor, db, clock, input: { id: "x\u0000'; drop table", status: "suspended", reason: "r" } }),
    );
    const last = await db.auditEvent.findFirstOrThrow({
      where: { actorId: auditor.userId, action: "identity.setStatus" },
      orderBy: { seq: "desc" },
    });
    expect(last).toMatchObject({ outcome: "denied", targetType: "identity", targetId: null });
  });
});

describe("ownership transfer (finding 9)", () => {
  it("refuses a backup owner who tries to take ownership, and records it", async () => {
    const identity = await create();
    const result = await failure(
      transferOwnership({ actor: backup, db, clock, input: { id: identity.id, ownerId: backup.userId, backupOwnerId: null } }),
    );
    expect(result).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/backup owner may not transfer/) });
    expect(await db.identity.findUniqueOrThrow({ where: { id: identity.id } })).toMatchObject({
      ownerId: owner.userId,
      backupOwnerId: backup.userId,
    });
    expect(await deniedEvents(backup, "identity.transfer")).toBe(1);
  });

  it("still lets the backup owner act on the identity, and the owner hand it on", async () => {
    const identity = await create();
    await setIdentityStatus({ actor: backup, db, clock, input: { id: identity.id, status: "suspended", reason: "paused for audit" } });
    const moved = await transferOwnership({ actor: owner, db, clock, input: { id: identity.id, ownerId: backup.userId } });
    // The new owner was the backup: nobody backs up their own identity.
    expect(moved).toMatchObject({ owner: { id: backup.userId }, backupOwner: null });
  });
});

describe("strict input (finding 10)", () => {
  it.each([
    "12",
    "2026-02-30",
    "2026-13-01",
    "2026-1-5",
    "31/01/2026",
    "2026-02-28T25:00:00Z",
    "+275760-09-13T00:00:00Z",
    "0001-01-01",
    "9999-12-31T23:59:59-23:59",
    "9999-12-31T23:59:59.999-00:01",
    "1900-01-01T00:00:00+23:59",
  ])("refuses %s as a date", (value) => expect(parseIsoDate(value)).toBeNull());

  it.each([
    ["2026-02-28", "2026-02-28T00:00:00.000Z"],
    ["2028-02-29", "2028-02-29T00:00:00.000Z"],
    ["2026-02-28T09:30", "2026-02-28T09:30:00.000Z"],
    ["2026-02-28T09:30:15.123Z", "2026-02-28T09:30:15.123Z"],
    ["2026-02-28T09:30:00+02:00", "2026-02-28T07:30:00.000Z"],
  ])("reads %s as %s", (value, iso) => expect(parseIsoDate(value)?.toISOString()).toBe(iso));

  it("refuses a lenient date in a use-case, naming the field, and saves nothing", async () => {
    const identity = await create();
    const result = await failure(recordRotation({ actor: owner, db, clock, input: { id: identity.id, rotatedAt: "12" } }));
    expect(result).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { rotatedAt: [expect.stringMatching(/rotatedAt must be a date .* ISO 8601, that exists on the calendar/)] },
    });
    const result2 = await failure(create({ credentialExpiresAt: "2026-02-30" }));
    expect(result2.fieldErrors).toHaveProperty("credentialExpiresAt");
    expect(await db.identity.findUniqueOrThrow({ where: { id: identity.id } })).toMatchObject({ credentialRotatedAt: null, version: 1 });
  });

  it("refuses a bogus or missing user status instead of deactivating", async () => {
    const person = await makeUser(db, ["member"]);
    for (const input of [
      { userId: person.userId },
      { userId: person.userId, status: "disabled" },
      { userId: person.userId, status: null },
    ]) {
      const result = await failure(setUserStatus({ actor: admin, db, clock, input }));
      expect(result).toMatchObject({ code: "VALIDATION", fieldErrors: { status: [expect.stringMatching(/active, deactivated/)] } });
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: person.userId } })).toMatchObject({ status: "active" });
    await setUserStatus({ actor: admin, db, clock, input: { userId: person.userId, status: "deactivated" } });
    expect(await db.user.findUniqueOrThrow({ where: { id: person.userId } })).toMatchObject({ status: "deactivated" });
  });

  it("treats % and _ in a search as the characters themselves", async () => {
    const percent = await create({ name: "quota-100%-reporter" });
    await create({ name: "quota-1000-reporter" });
    const found = await listIdentities({ actor: owner, db, clock, input: { q: "100%" } });
    expect(found.identities.map((i) => i.id)).toEqual([percent.id]);
    const underscore = await listIdentities({ actor: owner, db, clock, input: { q: "quota_1" } });
    expect(underscore.total).toBe(0);
  });
});

describe("a caller's mistake is never a 5xx (finding 7)", () => {
  const badText = ["nul\u0000byte", "lone \ud800 surrogate", "\udc00"];

  it.each(badText)("refuses text the database cannot store (%j) in a change and in a filter", async (text) => {
    const created = await failure(create({ purpose: text }));
    expect(created).toMatchObject({ code: "VALIDATION", fieldErrors: { purpose: [expect.any(String)] } });
    const listed = await failure(listIdentities({ actor: owner, db, clock, input: { q: text } }));
    expect(listed.code).toBe("VALIDATION");
    const audit = await failure(listAuditEvents({ actor: auditor, db, clock, input: { actor: text } }));
    expect(audit.code).toBe("VALIDATION");
  });

  it("refuses dates out of the database's range and an oversized audit cursor", async () => {
    for (const to of ["+275760-09-13T00:00:00.000Z", "-000001-01-01T00:00:00Z", "99999-01-01"]) {
      expect((await failure(listAuditEvents({ actor: auditor, db, clock, input: { to } }))).code).toBe("VALIDATION");
    }
    const cursor = await failure(listAuditEvents({ actor: auditor, db, clock, input: { before: "9".repeat(40) } }));
    expect(cursor).toMatchObject({ code: "VALIDATION", fieldErrors: { before: [expect.any(String)] } });
  });

  it("answers a non-object input with a validation error", async () => {
    for (const input of ["text", 42, null, [1, 2], undefined]) {
      expect((await failure(createIdentity({ actor: owner, db, clock, input }))).code).toBe("VALIDATION");
    }
  });

  it("turns two concurrent creations of the same user into one success and one CONFLICT", async () => {
    const input = { email: `race-${Date.now()}@example.com`, name: "Race", roles: ["member"], password: "correct horse battery" };
    const results = await Promise.allSettled([1, 2, 3].map(() => createLocalUser({ actor: admin, db, clock, input })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(r.reason).toBeInstanceOf(DomainError);
      expect((r.reason as DomainError).code).toBe("CONFLICT");
    }
    expect(await db.user.count({ where: { email: input.email } })).toBe(1);
  });
});

describe("cross-origin writes (finding 7 and 8)", () => {
  const call = (origin: string | null) =>
    handleApiRequest(
      async () => ({ changed: true }),
      {
        actor: owner,
        db,
        clock,
        params: {},
        request: new Request("http://console.test/api/registry/identities", {
          method: "POST",
          headers: { host: "console.test", ...(origin === null ? {} : { origin }) },
          body: "{}",
        }),
      },
      "http://console.test",
    );

  it.each(["https://evil.example", "not a url", "null", "http://console.test.evil.example"])(
    "refuses Origin %j with 403 and records it",
    async (origin) => {
      const before = await deniedEvents(owner, "request.crossOrigin");
      const response = await call(origin);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await deniedEvents(owner, "request.crossOrigin")).toBe(before + 1);
    },
  );

  it("lets the console's own origin and scripts without an Origin through", async () => {
    expect((await call("http://console.test")).status).toBe(200);
    expect((await call(null)).status).toBe(200);
  });
});

describe("malformed writes through the routes still meet the role check first (finding 8)", () => {
  it.each(["[]", "{bad", "null", '"text"'])("records an auditor's write with body %s as denied, then answers 403", async (body) => {
    const before = await deniedEvents(auditor, "identity.create");
    const request = new Request("http://console.test/api/registry/identities", { method: "POST", body, headers: { host: "console.test" } });
    const response = await handleApiRequest(
      createIdentityRoute.handler,
      { actor: auditor, db, clock, params: {}, request },
      "http://console.test",
    );
    expect(response.status).toBe(403);
    expect(await deniedEvents(auditor, "identity.create")).toBe(before + 1);
  });

  it("answers an allowed caller's malformed body with a 400 naming the input", async () => {
    const request = new Request("http://console.test/api/registry/identities", {
      method: "POST",
      body: "{bad",
      headers: { host: "console.test" },
    });
    const response = await handleApiRequest(
      createIdentityRoute.handler,
      { actor: owner, db, clock, params: {}, request },
      "http://console.test",
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "VALIDATION", fieldErrors: { input: [expect.any(String)] } });
  });

  it("treats the same host over another scheme as another origin", async () => {
    const request = new Request("http://console.test/api/registry/identities", {
      method: "POST",
      body: "{}",
      headers: { host: "console.test", origin: "https://console.test" },
    });
    const response = await handleApiRequest(
      createIdentityRoute.handler,
      { actor: owner, db, clock, params: {}, request },
      "http://other.test",
    );
    expect(response.status).toBe(403);
  });
});

describe("requests Next.js would answer with a 500 are answered by the proxy (finding 7)", () => {
  const page = (path: string, init: RequestInit & { headers?: Record<string, string> }) =>
    Object.assign(
      new Request(`http://console.test${path}`, { method: "POST", ...init, headers: { host: "console.test", ...init.headers } }),
      {
        nextUrl: new URL(`http://console.test${path}`),
      },
    );

  it("sends a page POST from another origin, with or without a Next-Action header, to the recorded refusal", async () => {
    const variants: Record<string, string>[] = [
      { origin: "https://evil.example", "next-action": "abc" },
      { origin: "https://evil.example" },
      { origin: "not a url" },
    ];
    for (const headers of variants) {
      const response = await guardRequest(page("/admin/users", { headers, body: "x" }));
      expect(response?.headers.get("x-middleware-rewrite")).toMatch(/\/api\/refused\/cross-origin$/);
    }
  });

  it("refuses a server action whose arguments are not a JSON array, and a malformed path", async () => {
    for (const body of ["", "null", "{", '{"a":1}']) {
      const response = await guardRequest(
        page("/registry", { headers: { "next-action": "abc", "content-type": "text/plain;charset=UTF-8" }, body }),
      );
      expect(response?.status, body).toBe(400);
    }
    expect((await guardRequest(page("/registry/%E0%A4%A", { method: "GET" })))?.status).toBe(400);
  });

  it("lets the console's own requests through", async () => {
    const ok = page("/registry", {
      headers: { origin: "http://console.test", "next-action": "abc", "content-type": "text/plain;charset=UTF-8" },
      body: "[{}]",
    });
    expect(await guardRequest(ok)).toBeNull();
  });
});
