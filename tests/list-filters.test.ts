import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/db/generated/client";
import type { UserActor } from "@/lib/domain/authz/actor";
import {
  departedUsers,
  identityFilterSchema,
  identitySqlWhere,
  identityWhere,
  ownersMatching,
} from "@/lib/domain/registry/identity-filter";
import { listIdentities } from "@/lib/domain/registry/list-identities";
import type { Clock } from "@/lib/domain/shared/clock";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const NOW = new Date("2026-06-01T12:00:00.000Z");
const clock: Clock = { now: () => NOW };
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const IMPORT_ID = "6f1c2a52-0c3e-4d7e-9a44-5b1d2f0e9c11";

let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;

type Scope = { resource?: string; action?: string; level?: string; environment?: string | null };

/** An identity that raises no warning, with what the case changes; `scopes` become Entitlement rows. */
async function identity(name: string, extra: Partial<Prisma.IdentityUncheckedCreateInput> = {}, scopes: Scope[] = []) {
  const created = await db.identity.create({
    data: {
      name,
      kind: "service_account",
      platform: "aws",
      externalId: name,
      environment: "development",
      purpose: "List filters",
      ownerId: admin.userId,
      credentialType: "short_lived_token",
      activeCredentials: 1,
      oldestCredentialAt: daysAgo(10),
      credentialIssuedAt: daysAgo(10),
      lastUsedAt: daysAgo(1),
      usage: "known",
      ...extra,
    },
  });
  for (const [i, s] of scopes.entries())
    await db.entitlement.create({
      data: {
        identityId: created.id,
        resource: s.resource ?? `bucket-${i}`,
        action: s.action ?? "read",
        level: s.level ?? "read",
        environment: s.environment ?? null,
      },
    });
  await db.credential.create({
    data: {
      identityId: created.id,
      handle: "primary",
      type: (extra.credentialType as string | undefined) ?? "short_lived_token",
      issuedAt: extra.oldestCredentialAt ?? daysAgo(10),
      lastUsedAt: extra.lastUsedAt === undefined ? daysAgo(1) : extra.lastUsedAt,
      usage: extra.usage ?? "known",
    },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  const departed = await makeUser(db, ["member"], { status: "deactivated" });
  const stillHere = await makeUser(db, ["member"]);
  await db.importRun.create({
    data: { id: IMPORT_ID, at: daysAgo(2), actorLabel: "test", format: "csv", fileSha256: "0".repeat(64), fileBytes: 10n, counts: {} },
  });

  await identity("a-plain", { environment: "production", tags: ["blue"] }, [{ level: "read" }]);
  await identity("b-never-expires", { credentialType: "static_secret", neverExpires: true });
  await identity("c-old-credential", { oldestCredentialAt: daysAgo(400), tags: ["blue", "red"] });
  await identity("d-last-used-100-days-ago", { lastUsedAt: daysAgo(100) });
  await identity("e-never-used-for-200-days", { usage: "never", lastUsedAt: null, oldestCredentialAt: daysAgo(200) });
  await identity("f-never-used-issued-5-days-ago", { usage: "never", lastUsedAt: null, oldestCredentialAt: daysAgo(5) });
  await identity("g-use-not-reported", { usage: "unknown", lastUsedAt: null, oldestCredentialAt: daysAgo(300) });
  await identity("h-two-active", { activeCredentials: 2 });
  await identity("i-human-use", { humanUse: true });
  await identity("j-production-admin", { environment: "production", tags: ["red"] }, [
    { level: "admin", resource: "billing-db", action: "admin" },
  ]);
  await identity("j2-production-write-in-production", { environment: "production" }, [{ level: "write", environment: "production" }]);
  await identity("k-production-write-in-staging", { environment: "production" }, [{ level: "write", environment: "staging" }]);
  await identity("l-staging-admin", { environment: "staging" }, [{ level: "admin" }]);
  await identity("m-production-read", { environment: "production", tags: ["blue"] }, [{ level: "read" }, { level: "read" }]);
  await identity("n-wildcard-resource", {}, [{ resource: "arn:aws:s3:::logs-*", action: "s3:GetObject" }]);
  await identity("o-wildcard-action", { tags: ["blue"] }, [{ resource: "queue", action: "sqs:*" }, { resource: "other" }]);
  await identity("p-departed-owner", { ownerId: departed.userId });
  await identity("q-departed-backup", { backupOwnerId: departed.userId });
  await identity("q2-backup-still-here", { backupOwnerId: stillHere.userId });
  await identity("r-gone-from-source", { source: "aws:123", goneFromSourceAt: daysAgo(3) });
  await identity("s-root-account", { flags: ["root-account"] });
  await identity("t-automount", { flags: ["automount-token", "default-service-account"] });
  await identity("u-changed-by-import", { lastImportId: IMPORT_ID });
});
afterAll(() => database.close());

const names = async (input: Record<string, string>) =>
  (await listIdentities({ actor: admin, db, clock, input: { pageSize: "200", ...input } })).identities.map((i) => i.name);

const CASES: [Record<string, string>, string[]][] = [
  [{ noExpiry: "1" }, ["b-never-expires"]],
  [{ olderThanDays: "365" }, ["c-old-credential"]],
  [{ olderThanDays: "250" }, ["c-old-credential", "g-use-not-reported"]],
  // Last use older than 90 days, or never used with a credential older than 90 days; not "unknown".
  [{ unusedForDays: "90" }, ["d-last-used-100-days-ago", "e-never-used-for-200-days"]],
  [{ unusedForDays: "3" }, ["d-last-used-100-days-ago", "e-never-used-for-200-days", "f-never-used-issued-5-days-ago"]],
  [{ severalActive: "1" }, ["h-two-active"]],
  [{ humanUse: "true" }, ["i-human-use"]],
  [{ privilegedInProduction: "1" }, ["j-production-admin", "j2-production-write-in-production"]],
  [{ wildcardScope: "1" }, ["n-wildcard-resource", "o-wildcard-action"]],
  [{ departedOwner: "1" }, ["p-departed-owner", "q-departed-backup"]],
  [{ goneFromSource: "1" }, ["r-gone-from-source"]],
  [{ flag: "root-account" }, ["s-root-account"]],
  [{ flag: "default-service-account" }, ["t-automount"]],
  [{ usage: "never" }, ["e-never-used-for-200-days", "f-never-used-issued-5-days-ago"]],
  [{ usage: "unknown" }, ["g-use-not-reported"]],
  [{ importId: IMPORT_ID }, ["u-changed-by-import"]],
  [{ unusedForDays: "90", usage: "never" }, ["e-never-used-for-200-days"]],
  [{ privilegedInProduction: "1", wildcardScope: "1" }, []],
  // A tag (walked from IdentityTag in name order) and a search (checked in the name indexes), with others.
  [{ tag: "blue" }, ["a-plain", "c-old-credential", "m-production-read", "o-wildcard-action"]],
  [{ tag: "blue", environment: "production" }, ["a-plain", "m-production-read"]],
  [{ tag: "red", olderThanDays: "365" }, ["c-old-credential"]],
  [{ tag: "blue", wildcardScope: "1" }, ["o-wildcard-action"]],
  [{ q: "WILDCARD" }, ["n-wildcard-resource", "o-wildcard-action"]],
  [
    { q: "production", environment: "production" },
    ["j-production-admin", "j2-production-write-in-production", "k-production-write-in-staging", "m-production-read"],
  ],
  [{ q: "production", noOwner: "1" }, []],
  [{ noExpiry: "0" }, []], // "0" is no filter: everything (checked below by count)
];

describe("warning filters", () => {
  for (const [input, expected] of CASES.filter(([input]) => input.noExpiry !== "0")) {
    it(`${new URLSearchParams(input)} lists exactly ${expected.join(", ") || "nothing"}`, async () => {
      expect(await names(input)).toEqual(expected);
    });
  }

  it("treats a false flag as no filter", async () => {
    const all = await db.identity.count();
    expect(await names({ noExpiry: "0", humanUse: "false" })).toHaveLength(all);
  });

  it("combines with the other filters and sorts", async () => {
    expect(await names({ olderThanDays: "150", sort: "name", dir: "desc" })).toEqual([
      "g-use-not-reported",
      "e-never-used-for-200-days",
      "c-old-credential",
    ]);
    expect(await names({ environment: "production", noOwner: "1" })).toEqual([]);
  });

  it("selects the same identities in its SQL form (the estimate's) and without the departed lookup", async () => {
    for (const [input, expected] of CASES) {
      const filter = await identityFilterSchema.parseAsync(input);
      const owners = await ownersMatching(db, filter.q);
      const sql = identitySqlWhere(filter, NOW, owners, await departedUsers(db, filter));
      const rows = await db.$queryRaw<{ name: string }[]>`SELECT name FROM "Identity" i WHERE ${sql} ORDER BY name, id`;
      const viaRelations = await db.identity.findMany({ where: identityWhere(filter, NOW, owners), orderBy: { name: "asc" } });
      const want = input.noExpiry === "0" ? (await db.identity.findMany({ orderBy: { name: "asc" } })).map((i) => i.name) : expected;
      expect(
        rows.map((r) => r.name),
        JSON.stringify(input),
      ).toEqual(want);
      expect(
        viaRelations.map((r) => r.name),
        JSON.stringify(input),
      ).toEqual(want);
    }
  });

  it("reads the same pages filter-first (fenced, then sorted) as in the list's order, and a tag's walk as both", async () => {
    const read = async (input: Record<string, string>, filterFirst: boolean, tagWalkLimit?: number) => {
      const page = await listIdentities({ actor: admin, db, clock, input }, { filterFirst, exactCountUpTo: 3, tagWalkLimit });
      return { ...page, identities: page.identities.map((i) => i.name) };
    };
    const sorts: Record<string, string>[] = [
      {},
      { sort: "name", dir: "desc" },
      { sort: "credentialExpiresAt" },
      { sort: "credentialExpiresAt", dir: "desc" },
      { sort: "lastUsedAt", dir: "desc" },
      { sort: "lastUsedAt" },
      { sort: "updatedAt", dir: "desc" },
    ];
    const filters = [...CASES.map(([input]) => input), { environment: "production" }, { olderThanDays: "150" }];
    let compared = 0;
    for (const filter of filters)
      for (const sort of sorts) {
        const all = await names({ ...filter, ...sort });
        for (const page of ["1", "2", "last", "99"]) {
          const input = { ...filter, ...sort, page, pageSize: "2" };
          const inOrder = await read(input, false);
          const filterFirst = await read(input, true);
          expect({ page: filterFirst.page, identities: filterFirst.identities }, JSON.stringify(input)).toEqual({
            page: inOrder.page,
            identities: inOrder.identities,
          });
          // A tag's walk cut short at once (no identity beyond the page): it falls back to filter-first.
          if (filter.tag) {
            const cut = await read(input, false, 0);
            expect({ page: cut.page, identities: cut.identities }, `${JSON.stringify(input)} cut`).toEqual({
              page: inOrder.page,
              identities: inOrder.identities,
            });
          }
          // Filter-first counts exactly as it reads, whatever the exact-count limit.
          expect({ total: filterFirst.total, estimated: filterFirst.estimated }, JSON.stringify(input)).toEqual({
            total: all.length,
            estimated: false,
          });
          compared += inOrder.identities.length;
        }
      }
    expect(compared).toBeGreaterThan(500);
  }, 120_000);

  it("finds no departed owner when nobody has left", async () => {
    const [departed] = await db.user.findMany({ where: { status: "deactivated" } });
    await db.user.update({ where: { id: departed!.id }, data: { status: "active" } });
    try {
      expect(await names({ departedOwner: "1" })).toEqual([]);
    } finally {
      await db.user.update({ where: { id: departed!.id }, data: { status: "deactivated" } });
    }
  });

  const BAD: [Record<string, string>, string][] = [
    [{ olderThanDays: "a year" }, "olderThanDays"],
    [{ olderThanDays: "1.5" }, "olderThanDays"],
    [{ unusedForDays: "-1" }, "unusedForDays"],
    [{ unusedForDays: "99999" }, "unusedForDays"],
    [{ noExpiry: "maybe" }, "noExpiry"],
    [{ severalActive: "2" }, "severalActive"],
    [{ humanUse: "yes" }, "humanUse"],
    [{ privilegedInProduction: "on" }, "privilegedInProduction"],
    [{ wildcardScope: "*" }, "wildcardScope"],
    [{ departedOwner: "x" }, "departedOwner"],
    [{ goneFromSource: "gone" }, "goneFromSource"],
    [{ flag: "not-a-flag" }, "flag"],
    [{ usage: "sometimes" }, "usage"],
    [{ importId: "last-tuesday" }, "importId"],
    [{ page: "first" }, "page"],
  ];
  for (const [input, field] of BAD) {
    it(`refuses ${new URLSearchParams(input)}, naming ${field}`, async () => {
      const refusal = listIdentities({ actor: admin, db, clock, input });
      await expect(refusal).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { [field]: [expect.stringContaining(field)] } });
    });
  }
});

describe("counts: exact for narrow lists, estimated for broad ones", () => {
  beforeAll(async () => {
    await db.identity.createMany({
      data: Array.from({ length: 23 }, (_, i) => ({
        name: `bulk-${String(i).padStart(2, "0")}`,
        kind: "bot",
        platform: "github",
        externalId: `bulk-${i}`,
        environment: "test",
        purpose: "Counting",
        tags: ["bulk"],
      })),
    });
  });
  // Read in the list's order (filter-first lists are counted exactly as they are read, below).
  const page = (input: Record<string, string>, exactCountUpTo?: number, filterFirst = false) =>
    listIdentities({ actor: admin, db, clock, input: { tag: "bulk", pageSize: "5", ...input } }, { exactCountUpTo, filterFirst });

  it("counts exactly below the limit", async () => {
    expect(await page({})).toMatchObject({ total: 23, estimated: false, page: 1 });
  });

  it("estimates above it, never below what it has seen", async () => {
    const result = await page({ page: "2" }, 3);
    expect(result).toMatchObject({ estimated: true, page: 2 });
    expect(result.total).toBeGreaterThanOrEqual(11); // two pages of 5 and a next one
    expect(result.identities.map((i) => i.name)).toEqual(["bulk-05", "bulk-06", "bulk-07", "bulk-08", "bulk-09"]);
  });

  it("knows the exact total on the last page of an estimated list", async () => {
    expect(await page({ page: "5" }, 3)).toMatchObject({ total: 23, estimated: false, page: 5 });
  });

  it("clamps a page past the end to the last page, counted exactly", async () => {
    const result = await page({ page: "99" }, 3);
    expect(result).toMatchObject({ total: 23, estimated: false, page: 5 });
    expect(result.identities.map((i) => i.name)).toEqual(["bulk-20", "bulk-21", "bulk-22"]);
  });

  it("serves page=last in the list's order, read from the end", async () => {
    for (const limit of [3, undefined]) {
      const result = await page({ page: "last", sort: "name", dir: "desc" }, limit);
      expect(result).toMatchObject({ total: 23, estimated: false, page: 5 });
      expect(result.identities.map((i) => i.name)).toEqual(["bulk-02", "bulk-01", "bulk-00"]);
    }
    expect(await page({ page: "last", q: "nothing-matches" }, 3)).toMatchObject({ total: 0, page: 1, identities: [] });
  });

  it("keeps nulls last in either direction when read from the end", async () => {
    await db.identity.updateMany({ where: { name: "bulk-21" }, data: { credentialExpiresAt: daysAgo(-30) } });
    await db.identity.updateMany({ where: { name: "bulk-22" }, data: { credentialExpiresAt: daysAgo(-40) } });
    const last = await page({ page: "last", sort: "credentialExpiresAt", dir: "asc" }, 3);
    const all = await page({ pageSize: "200", sort: "credentialExpiresAt", dir: "asc" });
    expect(all.identities.slice(0, 2).map((i) => i.name)).toEqual(["bulk-21", "bulk-22"]);
    expect(last.identities.map((i) => i.name)).toEqual(all.identities.slice(20).map((i) => i.name));
    const lastDesc = await page({ page: "last", sort: "credentialExpiresAt", dir: "desc" }, 3);
    const allDesc = await page({ pageSize: "200", sort: "credentialExpiresAt", dir: "desc" });
    expect(lastDesc.identities.map((i) => i.name)).toEqual(allDesc.identities.slice(20).map((i) => i.name));
  });

  it("reads a list the planner expects to be small filter-first, counted exactly whatever the limit", async () => {
    const result = await page({ page: "2" }, 3, true);
    expect(result).toMatchObject({ total: 23, estimated: false, page: 2 });
    expect(result.identities.map((i) => i.name)).toEqual(["bulk-05", "bulk-06", "bulk-07", "bulk-08", "bulk-09"]);
    expect(await page({ page: "99" }, 3, true)).toMatchObject({ total: 23, estimated: false, page: 5 });
    const last = await page({ page: "last", sort: "name", dir: "desc" }, 3, true);
    expect(last).toMatchObject({ total: 23, page: 5 });
    expect(last.identities.map((i) => i.name)).toEqual(["bulk-02", "bulk-01", "bulk-00"]);
    expect(await page({ page: "3", q: "nothing-matches" }, 3, true)).toMatchObject({ total: 0, page: 1, identities: [] });
  });

  it("chooses filter-first for a small list whose order no index gives, and only for that", async () => {
    const list = (input: Record<string, string>, options: { filterFirstBelow?: number; walkFrom?: number } = {}) =>
      listIdentities({ actor: admin, db, clock, input: { pageSize: "5", ...input } }, { exactCountUpTo: 3, ...options });
    // A tag: filter-first while expected to be small, so counted exactly although above the exact-count limit.
    expect(await list({ tag: "bulk" })).toMatchObject({ total: 23, estimated: false });
    // Expected at or above the walk threshold: walked in name order from IdentityTag, estimated.
    const walked = await list({ tag: "bulk", page: "2" }, { walkFrom: 1 });
    expect(walked).toMatchObject({ estimated: true, page: 2 });
    expect(walked.identities.map((i) => i.name)).toEqual(["bulk-05", "bulk-06", "bulk-07", "bulk-08", "bulk-09"]);
    // The same for a search in name order (checked in the name index).
    expect(await list({ q: "bulk-" })).toMatchObject({ total: 23, estimated: false });
    expect(await list({ q: "bulk-" }, { walkFrom: 1 })).toMatchObject({ estimated: true });
    // Under another sort neither has an index in the list's order: only above the filter-first threshold.
    expect(await list({ tag: "bulk", sort: "updatedAt" }, { walkFrom: 1 })).toMatchObject({ total: 23, estimated: false });
    expect(await list({ tag: "bulk", sort: "updatedAt" }, { filterFirstBelow: 1 })).toMatchObject({ estimated: true });
    // An environment (a composite index in name order): read in order, estimated above the limit.
    expect(await list({ environment: "test" })).toMatchObject({ estimated: true });
  });

  it("uses the planner's statistics for the unfiltered estimate", async () => {
    await database.raw.query(`ANALYZE "Identity"`);
    const all = await db.identity.count();
    const result = await listIdentities({ actor: admin, db, clock, input: { pageSize: "5" } }, { exactCountUpTo: 3, filterFirst: false });
    expect(result.estimated).toBe(true);
    expect(result.total).toBeGreaterThanOrEqual(all * 0.9);
    expect(result.total).toBeLessThanOrEqual(all * 1.1);
  });
});
