import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { type Database, openDatabase } from "@/lib/db/open-database";

export type TestDatabase = Database & { url: string };

/** Refuses anything but a local server: these tests create and drop databases. */
function localAdminUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return undefined;
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
    throw new Error(`TEST_DATABASE_URL must point at a local PostgreSQL (got host ${host})`);
  }
  return url;
}

/** A fresh, empty database (not migrated): PGlite in memory, or a new PostgreSQL database when TEST_DATABASE_URL is set. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const admin = localAdminUrl();
  if (!admin) return Object.assign(await openDatabase("memory://"), { url: "memory://" });
  const name = `nhi_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(admin, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = await openDatabase(url.toString());
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      await withAdmin(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A fresh database with every migration applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const database = await createEmptyDatabase();
  await applyMigrations(database.raw, database.kind);
  return database;
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const onPostgres = () => !!process.env.TEST_DATABASE_URL;
