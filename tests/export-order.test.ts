import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { exportIdentities } from "@/lib/domain/registry/export-identities";
import { listIdentities } from "@/lib/domain/registry/list-identities";
import type { Clock } from "@/lib/domain/shared/clock";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const clock: Clock = { now: () => new Date("2026-06-01T12:00:00.000Z") };
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;

// More rows than one export batch (1,000), so the keyset crosses batch boundaries; many rows share a sort
// value (ties broken by id) and a fifth have no expiry or no last use (nulls come last in either direction).
const SIZE = 2_300;
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  await db.identity.createMany({
    data: Array.from({ length: SIZE }, (_, i) => ({
      // Names collide in groups of three, so the name sort has ties too.
      name: `svc-${String((i * 7919) % 800).padStart(4, "0")}`,
      kind: "service_account" as const,
      platform: "aws",
      externalId: `order-${i}`,
      environment: i % 2 ? ("production" as const) : ("staging" as const),
      purpose: "Export order",
      ownerId: admin.userId,
      credentialExpiresAt: i % 5 === 0 ? null : day((i * 31) % 97),
      lastUsedAt: i % 5 === 1 ? null : day((i * 17) % 53),
    })),
  });
});
afterAll(() => database.close());

async function exportedIds(input: Record<string, string>): Promise<string[]> {
  const { chunks } = await exportIdentities({ actor: admin, db, clock, input: { format: "json", ...input } });
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return (JSON.parse(text) as { externalId: string }[]).map((row) => row.externalId);
}

/** The list's order, read page by page through the list itself: what the person sees. */
async function listedIds(input: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const result = await listIdentities({ actor: admin, db, clock, input: { ...input, page: String(page), pageSize: "200" } });
    ids.push(...result.identities.map((i) => i.externalId));
    if (page * 200 >= result.total) return ids;
  }
}

describe("the export follows the list's sort", () => {
  const orders = [
    { sort: "credentialExpiresAt", dir: "asc" },
    { sort: "credentialExpiresAt", dir: "desc" },
    { sort: "lastUsedAt", dir: "desc" },
    { sort: "name", dir: "asc" },
    { sort: "name", dir: "desc" },
    { sort: "createdAt", dir: "desc" },
  ];
  for (const order of orders)
    it(`by ${order.sort} ${order.dir}: every row once, in the list's order`, async () => {
      const exported = await exportedIds(order);
      expect(exported).toHaveLength(SIZE);
      expect(exported).toEqual(await listedIds(order));
    });

  it("by expiry: the earliest first and the identities without expiry last", async () => {
    const exported = await exportedIds({ sort: "credentialExpiresAt", dir: "asc" });
    const rows = await db.identity.findMany({ select: { externalId: true, credentialExpiresAt: true } });
    const expiry = new Map(rows.map((r) => [r.externalId, r.credentialExpiresAt?.getTime() ?? Infinity]));
    const times = exported.map((id) => expiry.get(id)!);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)).toBe(Infinity);
  });

  it("keeps the filter together with the sort", async () => {
    const exported = await exportedIds({ environment: "production", sort: "credentialExpiresAt", dir: "desc" });
    expect(exported).toHaveLength(SIZE / 2);
    expect(exported).toEqual(await listedIds({ environment: "production", sort: "credentialExpiresAt", dir: "desc" }));
  });
});
