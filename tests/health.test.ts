import { describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import { checkHealth } from "@/lib/domain/system/check-health";
import { createEmptyDatabase } from "./helpers/test-database";

describe("health", () => {
  it("is unhealthy with pending migrations, healthy once applied, unreachable once closed", async () => {
    const database = await createEmptyDatabase();
    const before = await checkHealth(database.raw);
    expect(before).toMatchObject({ ok: false, database: "reachable", migrations: "pending" });
    await applyMigrations(database.raw, database.kind);
    expect(await checkHealth(database.raw)).toEqual({ ok: true, database: "reachable", migrations: "current" });
    await database.raw.query(
      `UPDATE "_prisma_migrations" SET checksum = 'changed' WHERE migration_name = (SELECT min(migration_name) FROM "_prisma_migrations")`,
    );
    expect(await checkHealth(database.raw)).toMatchObject({ ok: false, migrations: "inconsistent" });
    await database.close();
    expect(await checkHealth(database.raw)).toMatchObject({ ok: false, database: "unreachable" });
  });
});
