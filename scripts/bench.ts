// npm run bench: registry figures at scale. Seeds N identities through the import path, then measures
// list-page and identity-page latency in the domain (what a request pays on the server) against the same
// queries in raw SQL (the floor). Prints figures; never fails on time.
//   PostgreSQL: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench  (default 500,000)
//   PGlite:     npm run bench                                                        (default 50,000)
//   BENCH_COUNT=100000 to change N. Then a streamed import of BENCH_IMPORT_ROWS (default 1,000,000) more rows,
//   generated as CSV on the fly, on top of the N already there: rows/s and the process's peak memory.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { type Database, openDatabase } from "@/lib/db/open-database";
import type { UserActor } from "@/lib/domain/authz/actor";
import { getIdentity } from "@/lib/domain/registry/get-identity";
import { importIdentities } from "@/lib/domain/registry/import/import-identities";
import { listIdentities } from "@/lib/domain/registry/list-identities";
import { systemClock } from "@/lib/domain/shared/clock";

const url = process.env.BENCH_DATABASE_URL;
const onPostgres = !!url;
const count = Number(process.env.BENCH_COUNT ?? (onPostgres ? 500_000 : 50_000));
const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const RUNS = 30;

async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!url) {
    // On disk, as the console runs it: an in-memory database would count the whole estate as the import's memory.
    const dir = await mkdtemp(join(tmpdir(), "nhi-bench-"));
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

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
async function time(fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

const KINDS = ["service_account", "api_key", "oauth_app", "workload_identity", "cicd_token", "bot", "ai_agent", "certificate"];
const ENVS = ["production", "staging", "test", "development"];
const SERVICES = ["payments", "ledger", "billing", "search", "checkout", "identity", "catalog", "shipping", "analytics", "fraud"];

const CSV_HEADER =
  "name,kind,platform,externalId,environment,purpose,ownerEmail,team,tags,credentialType,credentialIssuedAt,credentialExpiresAt,lastUsedAt\n";

/** Rows `from`..`to` of a console CSV, generated as they are read: the file never exists whole. */
async function* csv(from: number, to: number, owners: string[], progress?: (rows: number) => void): AsyncGenerator<string> {
  const day = 86_400_000;
  const now = Date.now();
  yield CSV_HEADER;
  let lines: string[] = [];
  for (let i = from; i < to; i += 1) {
    const service = SERVICES[i % SERVICES.length]!;
    const kind = KINDS[i % KINDS.length]!;
    lines.push(
      [
        `${service}-${kind}-${i}`,
        kind,
        ["aws", "gcp", "azure", "kubernetes", "github"][i % 5],
        `bench/${service}/${i}`,
        ENVS[i % ENVS.length],
        `"Runs the ${service} jobs, shard ${i % 97}"`,
        i % 13 === 0 ? "" : owners[i % owners.length],
        service,
        `${service};shard-${i % 20}`,
        ["static_secret", "short_lived_token", "federated", "certificate", "oauth_client"][i % 5],
        new Date(now - ((i * 7) % 1000) * day).toISOString(),
        new Date(now + (((i * 13) % 500) - 100) * day).toISOString(),
        new Date(now - ((i * 3) % 300) * day).toISOString(),
      ].join(","),
    );
    if (lines.length === 1_000) {
      yield `${lines.join("\n")}\n`;
      lines = [];
      if ((i + 1 - from) % 100_000 === 0) progress?.(i + 1 - from);
    }
  }
  if (lines.length) yield `${lines.join("\n")}\n`;
}

const mib = (bytes: number) => `${Math.round(bytes / 1_048_576).toLocaleString()} MiB`;

async function main() {
  const { database, drop } = await freshDatabase();
  const db = database.prisma;
  try {
    await applyMigrations(database.raw, database.kind);
    const admin = await db.user.create({ data: { email: "bench-admin@bench.local", name: "Bench Admin", roles: ["admin"] } });
    await db.user.createMany({
      data: Array.from({ length: 200 }, (_, i) => ({ email: `owner${i}@bench.local`, name: `Owner ${i}`, roles: ["member"] })),
    });
    const owners = Array.from({ length: 200 }, (_, i) => `owner${i}@bench.local`);
    const actor: UserActor = {
      type: "user",
      userId: admin.id,
      email: admin.email,
      name: admin.name,
      roles: ["admin"],
      request: { ip: null, userAgent: "bench", requestId: null },
    };

    console.log(`\nRegistry benchmark on ${database.kind}, ${count.toLocaleString()} identities (one streamed CSV import)\n`);
    const importStart = performance.now();
    const seeded = await importIdentities({
      actor,
      db,
      clock: systemClock,
      input: { format: "csv", content: csv(0, count, owners), dryRun: false },
    });
    const importSeconds = (performance.now() - importStart) / 1000;
    console.log(
      `  import total: ${importSeconds.toFixed(1)} s, ${Math.round(seeded.counts.create / importSeconds).toLocaleString()} rows/s (identities, scopes and one audit event per identity)\n`,
    );
    await database.raw.query("ANALYZE");

    const owner = (await db.user.findFirstOrThrow({ where: { email: "owner7@bench.local" } })).id;
    const scenarios: [string, Record<string, string>, string, unknown[]][] = [
      ["all, sorted by name, page 1", {}, `SELECT * FROM "Identity" ORDER BY name, id LIMIT 50`, []],
      [
        "production + active, by expiry",
        { environment: "production", status: "active", sort: "credentialExpiresAt" },
        `SELECT * FROM "Identity" WHERE environment = 'production' AND status = 'active' ORDER BY "credentialExpiresAt" NULLS LAST, id LIMIT 50`,
        [],
      ],
      [
        "search 'ledger-ai_agent-4'",
        { q: "ledger-ai_agent-4" },
        `SELECT * FROM "Identity" WHERE search LIKE $1 ORDER BY name, id LIMIT 50`,
        ["%ledger-ai_agent-4%"],
      ],
      [
        "expiring within 30 days, by expiry",
        { expiringWithinDays: "30", sort: "credentialExpiresAt" },
        `SELECT * FROM "Identity" WHERE "credentialExpiresAt" BETWEEN now() AND now() + interval '30 days' ORDER BY "credentialExpiresAt", id LIMIT 50`,
        [],
      ],
      [
        "one owner, last used first",
        { owner, sort: "lastUsedAt", dir: "desc" },
        `SELECT * FROM "Identity" WHERE "ownerId" = $1 ORDER BY "lastUsedAt" DESC NULLS LAST, id LIMIT 50`,
        [owner],
      ],
    ];
    console.log(
      "  list page (50 rows + total count)           p50 ms   p95 ms   raw SQL p50   ratio   (raw: rows and count, run together)",
    );
    for (const [label, filter, sql, params] of scenarios) {
      const domain = await time(() => listIdentities({ actor, db, clock: systemClock, input: filter }));
      // The floor does the same work as the page: the rows and the total count under the same conditions.
      const countSql = `SELECT count(*) FROM "Identity"${sql.includes(" WHERE ") ? ` WHERE ${sql.split(" WHERE ")[1]!.split(" ORDER BY ")[0]}` : ""}`;
      const raw = await time(() => Promise.all([database.raw.query(sql, params), database.raw.query(countSql, params)]));
      console.log(
        `  ${label.padEnd(44)} ${percentile(domain, 50).toFixed(1).padStart(6)}   ${percentile(domain, 95).toFixed(1).padStart(6)}   ${percentile(raw, 50).toFixed(1).padStart(11)}   ${(percentile(domain, 50) / percentile(raw, 50)).toFixed(1).padStart(5)}x`,
      );
    }
    const ids = (await db.identity.findMany({ take: RUNS + 1, skip: Math.floor(count / 2), select: { id: true } })).map((r) => r.id);
    let i = 0;
    const page = await time(() => getIdentity({ actor, db, clock: systemClock, input: { id: ids[i++ % ids.length] } }));
    const rawPage = await time(() =>
      database.raw.query(`SELECT * FROM "Identity" i LEFT JOIN "Entitlement" e ON e."identityId" = i.id WHERE i.id = $1`, [ids[0]]),
    );
    console.log(
      `  ${"identity page (with scopes and history)".padEnd(44)} ${percentile(page, 50).toFixed(1).padStart(6)}   ${percentile(page, 95).toFixed(1).padStart(6)}   ${percentile(rawPage, 50).toFixed(1).padStart(11)}   ${(percentile(page, 50) / percentile(rawPage, 50)).toFixed(1).padStart(5)}x\n`,
    );
    await importMillion(db, actor, owners);
  } finally {
    await database.close();
    await drop();
  }
}

/** The streamed import at scale: a CSV of `importRows` rows on top of the registry, committed in one transaction. */
async function importMillion(db: Database["prisma"], actor: UserActor, owners: string[]) {
  const before = await db.identity.count();
  console.log(
    `  streamed import of ${importRows.toLocaleString()} rows (CSV generated on the fly) on top of ${before.toLocaleString()} identities`,
  );
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  // Sampled here too: PGlite runs in this thread and can starve the timer for seconds at a time.
  const progress = (rows: number) => {
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    console.log(`    ${rows.toLocaleString()} rows read, ${((performance.now() - start) / 1000).toFixed(0)} s, rss ${mib(rss)}`);
  };
  try {
    const result = await importIdentities({
      actor,
      db,
      clock: systemClock,
      input: { format: "csv", content: csv(count, count + importRows, owners, progress), dryRun: false },
    });
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(
      `  import of ${result.counts.create.toLocaleString()} rows: ${seconds.toFixed(1)} s, ${Math.round(result.counts.create / seconds).toLocaleString()} rows/s`,
    );
    // Wall time depends on what else the machine runs; the console process's own CPU time much less so.
    console.log(
      `  console process CPU: ${cpuSeconds.toFixed(0)} s (${Math.round(result.counts.create / cpuSeconds).toLocaleString()} rows per CPU-second)`,
    );
  } finally {
    clearInterval(sampler);
  }
  // maxRSS is in KiB; on PGlite the database runs in this process, so its memory counts too.
  console.log(
    `  peak RSS: ${mib(Math.max(peakRss, process.resourceUsage().maxRSS * 1024))} (sampled ${mib(peakRss)}); identities now ${(await db.identity.count()).toLocaleString()}\n`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
