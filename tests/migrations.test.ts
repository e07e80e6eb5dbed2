import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, migrationStatus, readMigrations } from "@/lib/db/migrate";
import { createEmptyDatabase, type TestDatabase } from "./helpers/test-database";

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

describe("migration runner", () => {
  it("applies every migration once, records it like Prisma does, and applies nothing on restart", async () => {
    database = await createEmptyDatabase();
    const migrations = readMigrations();
    expect(await applyMigrations(database.raw, database.kind)).toEqual(migrations.map((m) => m.name));
    const rows = await database.raw.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(migrations.map((m) => [m.name, m.checksum]));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);

    expect(await applyMigrations(database.raw, database.kind)).toEqual([]);
    expect(await migrationStatus(database.raw)).toEqual({ pending: [], problems: [] });
    const count = await database.raw.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(count[0]?.n).toBe(migrations.length);
  });

  it("reports pending migrations before they are applied", async () => {
    database = await createEmptyDatabase();
    const status = await migrationStatus(database.raw);
    expect(status.pending).toEqual(readMigrations().map((m) => m.name));
  });

  it("refuses to start when an applied migration's file has changed", async () => {
    database = await createEmptyDatabase();
    const migrations = readMigrations();
    await applyMigrations(database.raw, database.kind, migrations);
    const tampered = migrations.map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    await expect(applyMigrations(database.raw, database.kind, tampered)).rejects.toThrow(/was changed after it was applied/);
    expect((await migrationStatus(database.raw, tampered)).problems[0]).toMatch(migrations[0]!.name);
  });

  it("rolls back a failing migration completely and records nothing for it", async () => {
    database = await createEmptyDatabase();
    const broken = [
      ...readMigrations(),
      { name: "99999999999999_broken", sql: `CREATE TABLE "Half" (id int); SELECT * FROM "NoSuchTable";`, checksum: "x".repeat(64) },
    ];
    await expect(applyMigrations(database.raw, database.kind, broken)).rejects.toThrow(/99999999999999_broken failed and was rolled back/);
    expect((await database.raw.query(`SELECT to_regclass('"Half"') IS NULL AS gone`))[0]?.gone).toBe(true);
    expect((await migrationStatus(database.raw, broken)).pending).toEqual(["99999999999999_broken"]);
  });
});
