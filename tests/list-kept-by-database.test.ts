import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { addEntitlement } from "@/lib/domain/registry/add-entitlement";
import { bulkChangeIdentities } from "@/lib/domain/registry/bulk-change-identities";
import { changeEntitlement } from "@/lib/domain/registry/change-entitlement";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import { importIdentities } from "@/lib/domain/registry/import/import-identities";
import { listIdentities } from "@/lib/domain/registry/list-identities";
import { updateIdentity } from "@/lib/domain/registry/update-identity";
import type { Clock } from "@/lib/domain/shared/clock";
import { createServiceToken } from "@/lib/domain/tokens/create-token";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// What the list reads at scale and only the database writes (the list_broad_views migration): the identity's
// "holds a wildcard scope" column, kept by triggers on Entitlement, and IdentityTag (tag, name, identity,
// environment), kept by triggers on Identity. Each step below writes through the console's own paths (forms,
// scopes, imports, bulk changes, token creation) or plain SQL, and both must still equal what they summarize.

const clock: Clock = { now: () => new Date("2026-06-01T12:00:00.000Z") };
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let owner: UserActor;
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  owner = await makeUser(db, ["member"], { email: "kept-owner@test.local" });
});
afterAll(() => database.close());

const create = (extra: Record<string, unknown> = {}) =>
  createIdentity({
    actor: admin,
    db,
    clock,
    input: {
      name: `kept-${++counter}`,
      kind: "service_account",
      platform: "aws",
      externalId: `kept-${counter}`,
      environment: "production",
      purpose: "Kept by the database",
      ownerId: owner.userId,
      tags: "blue, green",
      ...extra,
    },
  });

const wildcard = async (id: string) => (await db.identity.findUniqueOrThrow({ where: { id } })).wildcardScope;

/** Every identity's column against EXISTS over its scopes, the definition it stands for. */
async function expectWildcardColumnTrue() {
  const wrong = await db.$queryRaw<{ name: string }[]>`
    SELECT i.name FROM "Identity" i
    WHERE i."wildcardScope" IS DISTINCT FROM EXISTS (
      SELECT 1 FROM "Entitlement" e WHERE e."identityId" = i.id AND (e.resource LIKE '%*%' OR e.action LIKE '%*%'))`;
  expect(wrong).toEqual([]);
}

/** IdentityTag against the identities' own tags and names. */
async function expectTagRowsTrue() {
  const kept = await db.$queryRaw<{ row: string }[]>`
    SELECT t.tag || '|' || t.name || '|' || t."identityId" || '|' || t.environment AS row FROM "IdentityTag" t ORDER BY 1`;
  const truth = await db.$queryRaw<{ row: string }[]>`
    SELECT DISTINCT g.tag || '|' || i.name || '|' || i.id || '|' || i.environment AS row
    FROM "Identity" i, unnest(i.tags) AS g(tag) ORDER BY 1`;
  expect(kept.map((r) => r.row)).toEqual(truth.map((r) => r.row));
}

describe("the wildcard scope column", () => {
  it("follows scopes added, changed and removed through the console", async () => {
    const dto = await create();
    expect(await wildcard(dto.id)).toBe(false);
    const read = await addEntitlement({
      actor: admin,
      db,
      clock,
      input: { identityId: dto.id, resource: "billing-db", action: "read", level: "read" },
    });
    expect(await wildcard(dto.id)).toBe(false);
    const first = await addEntitlement({
      actor: admin,
      db,
      clock,
      input: { identityId: dto.id, resource: "s3://logs", action: "s3:*", level: "write" },
    });
    expect(await wildcard(dto.id)).toBe(true);
    const second = await addEntitlement({
      actor: admin,
      db,
      clock,
      input: { identityId: dto.id, resource: "*", action: "*", level: "admin" },
    });
    await changeEntitlement({ actor: admin, db, clock, input: { entitlementId: second.id, level: "read" } });
    expect(await wildcard(dto.id)).toBe(true);
    await changeEntitlement({ actor: admin, db, clock, input: { entitlementId: first.id, level: null } });
    expect(await wildcard(dto.id)).toBe(true); // the other wildcard is still there
    await changeEntitlement({ actor: admin, db, clock, input: { entitlementId: second.id, level: null } });
    expect(await wildcard(dto.id)).toBe(false);
    await changeEntitlement({ actor: admin, db, clock, input: { entitlementId: read.id, level: null } });
    expect(await wildcard(dto.id)).toBe(false);
    await expectWildcardColumnTrue();
  });

  it("follows any SQL that writes scopes: a resource or action changed, a scope moved, many at once", async () => {
    const [a, b] = [await create(), await create()];
    await db.entitlement.createMany({
      data: [
        { identityId: a.id, resource: "queue", action: "sqs:SendMessage", level: "write" },
        { identityId: b.id, resource: "topic", action: "sns:Publish", level: "write" },
      ],
    });
    expect([await wildcard(a.id), await wildcard(b.id)]).toEqual([false, false]);
    await db.$executeRaw`UPDATE "Entitlement" SET action = 'sqs:*' WHERE "identityId" = ${a.id}::uuid`;
    expect(await wildcard(a.id)).toBe(true);
    // Moving the wildcard scope to the other identity.
    await db.$executeRaw`UPDATE "Entitlement" SET "identityId" = ${b.id}::uuid WHERE "identityId" = ${a.id}::uuid`;
    expect([await wildcard(a.id), await wildcard(b.id)]).toEqual([false, true]);
    // The wildcard moves from the action to the resource: still held.
    await db.$executeRaw`UPDATE "Entitlement" SET resource = 'arn:aws:sqs:*', action = 'sqs:SendMessage' WHERE resource = 'queue' AND "identityId" = ${b.id}::uuid`;
    expect(await wildcard(b.id)).toBe(true);
    await db.$executeRaw`UPDATE "Entitlement" SET resource = 'queue' WHERE resource = 'arn:aws:sqs:*' AND "identityId" = ${b.id}::uuid`;
    expect(await wildcard(b.id)).toBe(false);
    await db.$executeRaw`UPDATE "Entitlement" SET action = 'sns:*' WHERE "identityId" = ${b.id}::uuid`;
    expect(await wildcard(b.id)).toBe(true);
    await db.$executeRaw`DELETE FROM "Entitlement" WHERE "identityId" IN (${a.id}::uuid, ${b.id}::uuid)`;
    expect([await wildcard(a.id), await wildcard(b.id)]).toEqual([false, false]);
    await expectWildcardColumnTrue();
  });

  it("cannot be set by hand: a write of the column gets the truth", async () => {
    const dto = await create();
    await db.identity.update({ where: { id: dto.id }, data: { wildcardScope: true } });
    expect(await wildcard(dto.id)).toBe(false);
    const made = await db.identity.create({
      data: {
        name: "by-hand",
        kind: "bot",
        platform: "slack",
        externalId: "by-hand",
        environment: "test",
        purpose: "x",
        wildcardScope: true,
      },
    });
    expect(await wildcard(made.id)).toBe(false);
    await addEntitlement({ actor: admin, db, clock, input: { identityId: made.id, resource: "*", action: "read", level: "read" } });
    await db.identity.update({ where: { id: made.id }, data: { wildcardScope: false } });
    expect(await wildcard(made.id)).toBe(true);
    await expectWildcardColumnTrue();
  });

  it("follows imports: scopes created, and replaced by a re-import", async () => {
    const csv = (scopes: string) =>
      [
        "name,kind,platform,externalId,environment,purpose,ownerEmail,tags,scopes",
        `imported-a,service_account,aws,imp-a,production,Imported,${owner.email},red;blue,"${scopes}"`,
        `imported-b,service_account,aws,imp-b,staging,Imported,${owner.email},red,logs|read|read|`,
      ].join("\n");
    await importIdentities({
      actor: admin,
      db,
      clock,
      input: { format: "csv", content: csv("arn:aws:s3:::logs-*|s3:GetObject|read|"), dryRun: false },
    });
    const a = await db.identity.findFirstOrThrow({ where: { externalId: "imp-a" } });
    const b = await db.identity.findFirstOrThrow({ where: { externalId: "imp-b" } });
    expect([a.wildcardScope, b.wildcardScope]).toEqual([true, false]);
    await importIdentities({ actor: admin, db, clock, input: { format: "csv", content: csv("logs|s3:GetObject|read|"), dryRun: false } });
    expect(await wildcard(a.id)).toBe(false);
    await importIdentities({
      actor: admin,
      db,
      clock,
      input: { format: "csv", content: csv("logs|s3:GetObject|read|;jobs|*|admin|"), dryRun: false },
    });
    expect(await wildcard(a.id)).toBe(true);
    await expectWildcardColumnTrue();
    await expectTagRowsTrue();
  });

  it("is right for a token's registry entry, created with its scopes in one statement", async () => {
    const created = await createServiceToken({ maxDays: 90 })({
      actor: admin,
      db,
      clock,
      input: {
        name: "kept-bot",
        purpose: "Reads the registry",
        kind: "service",
        ownerId: admin.userId,
        scopes: ["registry.read", "registry.export"],
      },
    });
    const identity = await db.identity.findFirstOrThrow({ where: { apiToken: { id: created.token.id } } });
    expect(await db.entitlement.count({ where: { identityId: identity.id } })).toBe(2);
    expect(identity.wildcardScope).toBe(false);
    await addEntitlement({
      actor: admin,
      db,
      clock,
      input: { identityId: identity.id, resource: "nhi-console", action: "*", level: "admin" },
    });
    expect(await wildcard(identity.id)).toBe(true);
    await expectWildcardColumnTrue();
    await expectTagRowsTrue();
  });

  it("is what the list's wildcard filter reads", async () => {
    const listed = await listIdentities({ actor: admin, db, clock, input: { wildcardScope: "1", pageSize: "200" } });
    const holders = await db.identity.findMany({
      where: { entitlements: { some: { OR: [{ resource: { contains: "*" } }, { action: { contains: "*" } }] } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
    expect(listed.identities.map((i) => i.name)).toEqual(holders.map((i) => i.name));
    expect(holders.length).toBeGreaterThan(1);
  });
});

describe("IdentityTag", () => {
  it("follows identities created, renamed, retagged, moved, bulk-tagged and deleted", async () => {
    const dto = await create({ tags: "alpha, beta" });
    await expectTagRowsTrue();
    const renamed = await updateIdentity({ actor: admin, db, clock, input: { id: dto.id, expectedVersion: 1, name: "kept-renamed" } });
    await expectTagRowsTrue();
    const retagged = await updateIdentity({
      actor: admin,
      db,
      clock,
      input: { id: dto.id, expectedVersion: renamed.version, tags: "beta, gamma" },
    });
    await expectTagRowsTrue();
    await updateIdentity({ actor: admin, db, clock, input: { id: dto.id, expectedVersion: retagged.version, environment: "staging" } });
    await expectTagRowsTrue();
    const other = await create({ tags: "" });
    await bulkChangeIdentities({
      actor: admin,
      db,
      clock,
      input: { ids: [dto.id, other.id], op: "addTags", tags: "delta", reason: "tagging" },
    });
    await expectTagRowsTrue();
    await bulkChangeIdentities({ actor: admin, db, clock, input: { ids: [dto.id], op: "removeTags", tags: "beta", reason: "untagging" } });
    await expectTagRowsTrue();
    const rows = await db.$queryRaw<{ tag: string; name: string; environment: string }[]>`
      SELECT tag, name, environment FROM "IdentityTag" WHERE "identityId" = ${dto.id}::uuid ORDER BY tag`;
    expect(rows).toEqual([
      { tag: "delta", name: "kept-renamed", environment: "staging" },
      { tag: "gamma", name: "kept-renamed", environment: "staging" },
    ]);
    // Many rows in one statement, then deleted (an identity's scopes and credentials go with it).
    await db.$executeRaw`UPDATE "Identity" SET tags = array_append(tags, 'everyone')`;
    await expectTagRowsTrue();
    await db.$executeRaw`DELETE FROM "Identity" WHERE id IN (${dto.id}::uuid, ${other.id}::uuid)`;
    await expectTagRowsTrue();
    expect(await db.$queryRaw`SELECT 1 FROM "IdentityTag" WHERE "identityId" = ${dto.id}::uuid`).toEqual([]);
  });
});
