import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client";
import { lockDataDir } from "./pglite-lock";
import type { RawSql } from "./raw-sql";

export type DatabaseKind = "pglite" | "postgres";

/** An open database: the Prisma client the domain uses, and raw SQL for migrations and health checks. */
export type Database = {
  kind: DatabaseKind;
  prisma: PrismaClient;
  raw: RawSql;
  close(): Promise<void>;
};

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/**
 * Opens PostgreSQL when `url` is a postgres URL; otherwise embedded PGlite in the folder `url` names
 * (".data/pglite" when unset), or in memory for "memory://".
 */
export async function openDatabase(url: string | undefined): Promise<Database> {
  return isPostgresUrl(url) ? openPostgres(url) : openPglite(url);
}

async function openPostgres(connectionString: string): Promise<Database> {
  // One pool serves Prisma and raw SQL, so closing it closes every connection this process opened.
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection the server drops (restart, failover) must not crash the process; the pool reconnects.
  pool.on("error", (error) => console.error(`[nhi] database connection lost: ${error.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const raw: RawSql = {
    async query(sql, params = []) {
      return rowsOf(await pool.query(sql, params as unknown[]));
    },
    async withSession(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          query: async (sql, params = []) => rowsOf(await client.query(sql, params as unknown[])),
        });
      } finally {
        client.release();
      }
    },
  };
  return {
    kind: "postgres",
    prisma,
    raw,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

// A multi-statement query answers with one result per statement; callers want the last one's rows.
function rowsOf(result: pg.QueryResult | pg.QueryResult[]): Record<string, unknown>[] {
  return (Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows) as Record<string, unknown>[];
}

async function openPglite(url: string | undefined): Promise<Database> {
  const dataDir = url === "memory://" ? undefined : path.resolve(/* turbopackIgnore: true */ url ?? path.join(".data", "pglite"));
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  // pg_trgm backs the registry's substring search, as it does on PostgreSQL.
  // (The options-only form: PGlite ignores options passed after an undefined data folder.)
  const pglite = new PGlite({ dataDir, extensions: { pg_trgm } });
  await pglite.waitReady;
  // pglite-prisma-adapter 0.6 is typed against an older @prisma/driver-adapter-utils; the runtime
  // interface is the same (verified on Prisma 6.19), only the declarations differ.
  const adapter = new PrismaPGlite(pglite) as unknown as PrismaPg;
  // One connection: a transaction waits for the one before it (a large import holds it for its whole
  // run), so it may queue for a minute rather than Prisma's default two seconds.
  const prisma = new PrismaClient({ adapter, transactionOptions: { maxWait: 60_000 } });
  const session = {
    query: async (sql: string, params: readonly unknown[] = []): Promise<Record<string, unknown>[]> =>
      params.length === 0 && sql.includes(";")
        ? ((await pglite.exec(sql)).at(-1)?.rows ?? [])
        : (await pglite.query<Record<string, unknown>>(sql, params as unknown[])).rows,
  };
  return {
    kind: "pglite",
    prisma,
    // PGlite serves a single connection, so a "session" is the database itself.
    raw: { query: session.query, withSession: (fn) => fn(session) },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      unlock();
    },
  };
}
