import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { DatabaseKind } from "./open-database";
import type { RawSql, SqlSession } from "./raw-sql";

// Prisma's CLI cannot apply migrations reliably offline (README: "Why Prisma 6.19"), so the app applies the
// committed migration folders itself. It records them in Prisma's own `_prisma_migrations` table, with the
// same columns and checksum, so Prisma's tooling elsewhere agrees with what it finds.

export type Migration = { name: string; sql: string; checksum: string };
export type MigrationStatus = { pending: string[]; problems: string[] };

export class MigrationError extends Error {}

/** Any fixed 64-bit number; it names the lock every instance takes before migrating. */
const MIGRATION_LOCK_KEY = 7_302_114_551;

export const defaultMigrationsDir = () => path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations");

export function readMigrations(dir = defaultMigrationsDir()): Migration[] {
  if (!existsSync(dir)) throw new MigrationError(`No migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type AppliedRow = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

async function readApplied(session: SqlSession): Promise<Map<string, AppliedRow>> {
  const rows = (await session.query(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"
     WHERE rolled_back_at IS NULL ORDER BY started_at`,
  )) as AppliedRow[];
  return new Map(rows.map((row) => [row.migration_name, row]));
}

function compare(migrations: Migration[], applied: Map<string, AppliedRow>): MigrationStatus {
  const known = new Set(migrations.map((m) => m.name));
  const problems: string[] = [];
  const pending: string[] = [];
  for (const m of migrations) {
    const row = applied.get(m.name);
    if (!row) pending.push(m.name);
    else if (!row.finished_at) problems.push(`migration ${m.name} failed earlier and must be resolved by hand`);
    else if (row.checksum !== m.checksum) problems.push(`migration ${m.name} was changed after it was applied (checksum differs)`);
  }
  for (const name of applied.keys()) {
    if (!known.has(name)) problems.push(`the database has migration ${name}, which this version does not know`);
  }
  return { pending, problems };
}

/** What is not yet applied, and anything that makes the database unsafe to use with this code. */
export async function migrationStatus(raw: RawSql, migrations = readMigrations()): Promise<MigrationStatus> {
  const exists = await raw.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
  if (!exists[0]?.present) return { pending: migrations.map((m) => m.name), problems: [] };
  return compare(migrations, await readApplied(raw));
}

/**
 * Applies pending migrations in order, each in its own transaction. On PostgreSQL a session-level advisory
 * lock makes instances that start together take turns, so each migration is applied exactly once.
 * Refuses to go on when an applied migration's file changed or the database is ahead of the code.
 */
export async function applyMigrations(raw: RawSql, kind: DatabaseKind, migrations = readMigrations()): Promise<string[]> {
  return raw.withSession(async (session) => {
    if (kind === "postgres") await session.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await session.query(CREATE_TABLE);
      const status = compare(migrations, await readApplied(session));
      if (status.problems.length > 0) {
        throw new MigrationError(`Refusing to start: ${status.problems.join("; ")}.`);
      }
      for (const name of status.pending) {
        await applyOne(
          session,
          migrations.find((m) => m.name === name)!,
        );
      }
      return status.pending;
    } finally {
      if (kind === "postgres") await session.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  });
}

async function applyOne(session: SqlSession, migration: Migration): Promise<void> {
  await session.query("BEGIN");
  try {
    await session.query(migration.sql);
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await session.query("COMMIT");
  } catch (error) {
    await session.query("ROLLBACK");
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
  }
}
