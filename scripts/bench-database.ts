import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Database, openDatabase } from "@/lib/db/open-database";

/**
 * A database of its own for one bench run, dropped afterwards: a fresh PostgreSQL database beside `url` when given,
 * otherwise an embedded one on disk (as the console runs it) under a temporary folder named after `label`.
 */
export async function freshBenchDatabase(
  url: string | undefined,
  label: string,
): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!url) {
    const dir = await mkdtemp(join(tmpdir(), `nhi-bench-${label}-`));
    return { database: await openDatabase(dir), drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `nhi_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    database: await openDatabase(target.toString()),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
