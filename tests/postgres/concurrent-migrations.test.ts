import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/open-database";
import { createEmptyDatabase, type TestDatabase } from "../helpers/test-database";

// PostgreSQL only (vitest.config.ts includes this folder when TEST_DATABASE_URL is set).

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

describe("migration runner on PostgreSQL", () => {
  it("applies each migration once when two instances start together on PostgreSQL", async () => {
    database = await createEmptyDatabase();
    const second = await openDatabase(database.url);
    try {
      const [a, b] = await Promise.all([applyMigrations(database.raw, database.kind), applyMigrations(second.raw, second.kind)]);
      expect([...a, ...b].sort()).toEqual(
        readMigrations()
          .map((m) => m.name)
          .sort(),
      );
      const rows = await database.raw.query(`SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1`);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await second.close();
    }
  });
});
