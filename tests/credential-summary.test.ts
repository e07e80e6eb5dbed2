import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshCredentialSummary, summarizeCredentials } from "@/lib/domain/registry/credentials/credential-summary";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// An import writes a new identity's credential summary computed in memory; every other write recomputes it
// in SQL. Both must give the same answer for every shape of credential set.

let database: TestDatabase;
let db: TestDatabase["prisma"];
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
});
afterAll(() => database.close());

const d = (iso: string) => new Date(iso);
type C = Parameters<typeof summarizeCredentials>[0][number];

const CASES: Record<string, C[]> = {
  none: [],
  "one static secret, never rotated, no expiry": [{ handle: "k1", type: "static_secret", issuedAt: d("2024-01-01"), usage: "unknown" }],
  "two active keys: the older one names the identity": [
    { handle: "access key 1", type: "static_secret", issuedAt: d("2026-11-19"), usage: "never" },
    {
      handle: "access key 2",
      type: "static_secret",
      issuedAt: d("2024-11-20"),
      lastUsedAt: d("2026-11-22T17:30:00Z"),
      usage: "known",
      expiresAt: d("2027-01-01"),
    },
  ],
  "only inactive credentials": [
    { handle: "old", type: "static_secret", status: "inactive", issuedAt: d("2018-01-02"), usage: "never" },
    { handle: "older", type: "certificate", status: "inactive", issuedAt: d("2017-01-02"), expiresAt: d("2019-01-01"), usage: "never" },
  ],
  "a federated binding beside its token, same age": [
    { handle: "projected token", type: "short_lived_token", issuedAt: d("2025-05-05"), usage: "unknown" },
    { handle: "workload identity", type: "federated", issuedAt: d("2025-05-05"), usage: "unknown" },
  ],
  "rotated and expiring, one without dates": [
    {
      handle: "a",
      type: "oauth_client",
      issuedAt: d("2023-01-01"),
      rotatedAt: d("2026-01-01"),
      expiresAt: d("2026-12-01"),
      usage: "known",
      lastUsedAt: d("2026-11-01"),
    },
    { handle: "b", type: "certificate", usage: "unknown" },
  ],
};

describe("the credential summary in memory and in SQL", () => {
  for (const [name, credentials] of Object.entries(CASES)) {
    it(`agree: ${name}`, async () => {
      const identity = await db.identity.create({
        data: { name, kind: "service_account", platform: "test", externalId: name, environment: "test", purpose: "Summary" },
      });
      if (credentials.length)
        await db.credential.createMany({ data: credentials.map((c) => ({ ...c, identityId: identity.id, status: c.status ?? "active" })) });
      await refreshCredentialSummary(db as never, [identity.id]);
      const stored = await db.identity.findUniqueOrThrow({ where: { id: identity.id } });
      const fromSql = Object.fromEntries(Object.keys(summarizeCredentials([])).map((k) => [k, stored[k as keyof typeof stored]]));
      expect(summarizeCredentials(credentials)).toEqual(fromSql);
    });
  }
});
