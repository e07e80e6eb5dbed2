// npm run bench: registry figures at scale. Seeds N identities through the import path (then sets the warning
// columns and scopes in SQL, in realistic proportions), then measures every list filter and the common
// combinations, and the identity page, in the domain (what a request pays on the server) against the same
// queries in raw SQL (the floor); then the registry and an identity page over HTTP from a production build
// (next build, next start on port 3200, signed in as an admin), beside the domain figures. Prints figures;
// never fails on time.
//   PostgreSQL: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench  (default 500,000)
//   PGlite:     npm run bench                                                        (default 50,000; no HTTP)
//   BENCH_COUNT=100000 to change N. Then a streamed import of BENCH_IMPORT_ROWS (default 1,000,000; 0 to skip)
//   more rows, generated as CSV on the fly, on top of the N already there: rows/s and the process's peak memory.
//   BENCH_HTTP=0 skips HTTP; BENCH_BUILD=0 serves the existing build instead of running next build;
//   BENCH_PORT (default 3200). BENCH_KEEP_DB=1 keeps the PostgreSQL database and prints its name;
//   BENCH_REUSE_DB=<name> measures a kept one again without seeding (migrations are applied first).
// Heavy: run it alone (flock /tmp/e2e.lock npm run bench).
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { Prisma } from "@/lib/db/generated/client";
import { applyMigrations } from "@/lib/db/migrate";
import { type Database, openDatabase } from "@/lib/db/open-database";
import type { UserActor } from "@/lib/domain/authz/actor";
import { getIdentity } from "@/lib/domain/registry/get-identity";
import {
  departedUsers,
  identityFilterSchema,
  identitySqlOrder,
  identitySqlWhere,
  orderSource,
  ownersMatching,
} from "@/lib/domain/registry/identity-filter";
import { importIdentities } from "@/lib/domain/registry/import/import-identities";
import { EXACT_COUNT_UP_TO, FILTER_FIRST_BELOW, TAG_WALK_LIMIT, WALK_FROM, listIdentities } from "@/lib/domain/registry/list-identities";
import { systemClock } from "@/lib/domain/shared/clock";
import { hashPassword } from "@/lib/domain/users/password";
import { measureHttp, percentile, timeRuns } from "./bench-http";

const url = process.env.BENCH_DATABASE_URL;
const onPostgres = !!url;
const count = Number(process.env.BENCH_COUNT ?? (onPostgres ? 500_000 : 50_000));
const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const keep = process.env.BENCH_KEEP_DB === "1";
const reuse = process.env.BENCH_REUSE_DB;
const RUNS = 30;
/** BENCH_EXACT_UP_TO: the exact-count limit to measure with (the console's own by default). */
const exactCountUpTo = Number(process.env.BENCH_EXACT_UP_TO ?? EXACT_COUNT_UP_TO);
const BENCH_ADMIN = "bench-admin@bench.local";
const BENCH_PASSWORD = "bench-password-not-secret";

async function freshDatabase(): Promise<{ database: Database & { url?: string }; drop: () => Promise<void> }> {
  if (!url) {
    // On disk, as the console runs it: an in-memory database would count the whole estate as the import's memory.
    const dir = await mkdtemp(join(tmpdir(), "nhi-bench-"));
    return { database: await openDatabase(dir), drop: () => rm(dir, { recursive: true, force: true }) };
  }
  if (reuse && !/^nhi_bench_[0-9a-f]{8}$/.test(reuse)) throw new Error("BENCH_REUSE_DB must name a database a previous run kept");
  const name = reuse ?? `nhi_bench_${randomBytes(4).toString("hex")}`;
  if (!reuse) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    database: Object.assign(await openDatabase(target.toString()), { url: target.toString() }),
    drop: async () => {
      if (keep || reuse) {
        console.log(`  database kept: ${name} (BENCH_REUSE_DB=${name} to measure it again)`);
        return;
      }
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
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

const WARNINGS_SQL = `
-- The warning columns, as imports of real sources would set them, in proportions seen in real estates.
-- i is the row's number in the generated file (bench/<service>/<i>).
WITH n AS (SELECT id, split_part("externalId", '/', 3)::int AS i FROM "Identity")
UPDATE "Identity" t SET
  "neverExpires" = (n.i % 17 = 0 AND t."credentialType" IN ('static_secret', 'oauth_client')),
  "credentialExpiresAt" = CASE WHEN n.i % 17 = 0 AND t."credentialType" IN ('static_secret', 'oauth_client') THEN NULL ELSE t."credentialExpiresAt" END,
  "activeCredentials" = CASE WHEN t."credentialType" IS NULL THEN 0 WHEN n.i % 50 = 0 THEN 2 ELSE 1 END,
  "oldestCredentialAt" = COALESCE(t."credentialRotatedAt", t."credentialIssuedAt"),
  "usage" = CASE WHEN n.i % 23 = 0 THEN 'never' WHEN n.i % 11 = 0 THEN 'unknown' ELSE 'known' END,
  "lastUsedAt" = CASE WHEN n.i % 23 = 0 OR n.i % 11 = 0 THEN NULL ELSE t."lastUsedAt" END,
  "humanUse" = (n.i % 200 = 0),
  "flags" = CASE WHEN n.i % 1009 = 0 THEN ARRAY['root-account'] WHEN n.i % 97 = 0 THEN ARRAY['default-service-account'] ELSE ARRAY[]::text[] END,
  "goneFromSourceAt" = CASE WHEN n.i % 150 = 0 THEN now() - interval '3 days' END,
  "backupOwnerId" = CASE WHEN n.i % 7 = 0 THEN (SELECT id FROM "User" WHERE email = 'owner' || (n.i % 199) || '@bench.local') END
FROM n WHERE n.id = t.id;
-- Scopes: a read scope each, a write scope for a third, admin on everything for 1 in 10 production identities,
-- a wildcard action on a write scope for 1 in 60 others.
INSERT INTO "Entitlement" (id, "identityId", resource, action, level, environment)
SELECT gen_random_uuid(), id, split_part("externalId", '/', 2) || '-db', 'read', 'read', environment FROM "Identity";
INSERT INTO "Entitlement" (id, "identityId", resource, action, level, environment)
SELECT gen_random_uuid(), id, split_part("externalId", '/', 2) || '-bucket', CASE WHEN split_part("externalId", '/', 3)::int % 60 = 3 THEN 's3:*' ELSE 'write' END, 'write', environment
FROM "Identity" WHERE split_part("externalId", '/', 3)::int % 3 = 0;
INSERT INTO "Entitlement" (id, "identityId", resource, action, level, environment)
SELECT gen_random_uuid(), id, '*', '*', 'admin', environment FROM "Identity" WHERE split_part("externalId", '/', 3)::int % 40 = 0;
-- A second, small import changed 1 identity in 500; two owners of 200 have left.
INSERT INTO "ImportRun" SELECT (jsonb_populate_record(NULL::"ImportRun", to_jsonb(r) || jsonb_build_object('id', '00000000-0000-4000-8000-000000000500'))).* FROM "ImportRun" r LIMIT 1;
UPDATE "Identity" SET "lastImportId" = '00000000-0000-4000-8000-000000000500' WHERE split_part("externalId", '/', 3)::int % 500 = 0;
UPDATE "User" SET status = 'deactivated', "deactivatedAt" = now() WHERE email IN ('owner3@bench.local', 'owner150@bench.local');
`;
const SECOND_IMPORT = "00000000-0000-4000-8000-000000000500";

type Scenario = [label: string, filter: Record<string, string>];

async function main() {
  const { database, drop } = await freshDatabase();
  const db = database.prisma;
  try {
    await applyMigrations(database.raw, database.kind);
    if (!reuse) {
      await db.user.create({
        data: { email: BENCH_ADMIN, name: "Bench Admin", roles: ["admin"], passwordHash: await hashPassword(BENCH_PASSWORD) },
      });
      await db.user.createMany({
        data: Array.from({ length: 200 }, (_, i) => ({ email: `owner${i}@bench.local`, name: `Owner ${i}`, roles: ["member"] })),
      });
    }
    const admin = await db.user.findUniqueOrThrow({ where: { email: BENCH_ADMIN } });
    const owners = Array.from({ length: 200 }, (_, i) => `owner${i}@bench.local`);
    const actor: UserActor = {
      type: "user",
      userId: admin.id,
      email: admin.email,
      name: admin.name,
      roles: ["admin"],
      request: { ip: null, userAgent: "bench", requestId: null },
    };

    const size = reuse ? await db.identity.count() : count;
    console.log(`\nRegistry benchmark on ${database.kind}, ${size.toLocaleString()} identities (one streamed CSV import)\n`);
    if (!reuse) {
      const importStart = performance.now();
      const seeded = await importIdentities({
        actor,
        db,
        clock: systemClock,
        input: { format: "csv", content: csv(0, count, owners), dryRun: false },
      });
      const importSeconds = (performance.now() - importStart) / 1000;
      console.log(
        `  import total: ${importSeconds.toFixed(1)} s, ${Math.round(seeded.counts.create / importSeconds).toLocaleString()} rows/s (identities, scopes and one audit event per identity)`,
      );
      const warningsStart = performance.now();
      await database.raw.query(WARNINGS_SQL);
      console.log(`  warnings and scopes set in SQL: ${((performance.now() - warningsStart) / 1000).toFixed(1)} s\n`);
    }
    await database.raw.query("VACUUM ANALYZE");

    const owner = (await db.user.findFirstOrThrow({ where: { email: "owner7@bench.local" } })).id;
    const scenarios: Scenario[] = [
      ["all, by name", {}],
      ["all, by name, page 2", { page: "2" }],
      ["all, last changed first", { sort: "updatedAt", dir: "desc" }],
      ["all, by expiry", { sort: "credentialExpiresAt" }],
      ["all, last used first", { sort: "lastUsedAt", dir: "desc" }],
      ["production + active, by expiry", { environment: "production", status: "active", sort: "credentialExpiresAt" }],
      ["search 'ledger-bot-41'", { q: "ledger-bot-41" }],
      ["kind ai_agent", { kind: "ai_agent" }],
      ["platform aws", { platform: "aws" }],
      ["team payments", { team: "payments" }],
      ["credential static secret", { credentialType: "static_secret" }],
      ["tag shard-3", { tag: "shard-3" }],
      ["status suspended (none)", { status: "suspended" }],
      ["expiring within 30 days, by expiry", { expiringWithinDays: "30", sort: "credentialExpiresAt" }],
      ["expired", { expired: "1" }],
      ["one owner, last used first", { owner, sort: "lastUsedAt", dir: "desc" }],
      ["no owner", { noOwner: "1" }],
      ["no owner, by expiry", { noOwner: "1", sort: "credentialExpiresAt" }],
      ["no owner + production", { noOwner: "1", environment: "production" }],
      ["no expiry", { noExpiry: "1" }],
      ["credential older than 365 days", { olderThanDays: "365" }],
      ["unused for 90 days", { unusedForDays: "90" }],
      ["several active credentials", { severalActive: "1" }],
      ["human use", { humanUse: "1" }],
      ["privileged in production", { privilegedInProduction: "1" }],
      ["wildcard scope", { wildcardScope: "1" }],
      ["departed owner", { departedOwner: "1" }],
      ["gone from source", { goneFromSource: "1" }],
      ["flag default-service-account", { flag: "default-service-account" }],
      ["flag root-account", { flag: "root-account" }],
      ["usage never", { usage: "never" }],
      ["usage unknown", { usage: "unknown" }],
      ["what an import changed", { importId: SECOND_IMPORT }],
      ["privileged in prod + no expiry", { privilegedInProduction: "1", noExpiry: "1" }],
      ["wildcard + production, last used first", { wildcardScope: "1", environment: "production", sort: "lastUsedAt", dir: "desc" }],
      ["unused 90 days + production, by expiry", { unusedForDays: "90", environment: "production", sort: "credentialExpiresAt" }],
      ["departed owner + production", { departedOwner: "1", environment: "production" }],
      ["older than 365 + static secret", { olderThanDays: "365", credentialType: "static_secret" }],
      ["several active + older than 90", { severalActive: "1", olderThanDays: "90" }],
      ["no owner + wildcard scope", { noOwner: "1", wildcardScope: "1" }],
      ["gone from source + privileged", { goneFromSource: "1", privilegedInProduction: "1" }],
      ["team + expiring within 30 days", { team: "payments", expiringWithinDays: "30", sort: "credentialExpiresAt" }],
      ["search + production", { q: "payments", environment: "production" }],
    ];
    console.log(
      "  list page (50 rows + total)                 p50 ms   p95 ms   total shown      read          raw SQL p50   ratio   exact count(*) p50",
    );
    console.log(
      "  (read: in the list's order (a tag's walked from IdentityTag), with a count bounded at the exact-count limit unless the\n   estimate is 5 times that; or filter-first, counted as read. raw: the same statements in SQL, the floor. Last column:\n   what an exact count alone costs)",
    );
    // Unmeasured calls first, so that the first view does not pay for the process's warm-up (the JIT, the
    // connection pool) on top of its own.
    for (let i = 0; i < 20; i += 1) await listIdentities({ actor, db, clock: systemClock, input: { page: String(1 + (i % 3)) } });
    const domainFigures = new Map<string, number[]>();
    // BENCH_SCENARIOS=<regular expression>: only the list views whose label matches (the HTTP views still run).
    const only = process.env.BENCH_SCENARIOS ? new RegExp(process.env.BENCH_SCENARIOS) : undefined;
    for (const [label, filter] of scenarios.filter(([label]) => !only || only.test(label))) {
      let shown = "";
      const domain = await timeRuns(async () => {
        const page = await listIdentities({ actor, db, clock: systemClock, input: filter }, { exactCountUpTo });
        shown = page.estimated ? `about ${page.total.toLocaleString()}` : page.total.toLocaleString();
      });
      domainFigures.set(JSON.stringify(filter), domain);
      const { rows, bounded, exact, read } = await floorQueries(db, filter);
      const raw = await timeRuns(() =>
        Promise.all([database.raw.query(rows.text, rows.values), database.raw.query(bounded.text, bounded.values)]),
      );
      const exactCount = await timeRuns(() => database.raw.query(exact.text, exact.values), 10);
      console.log(
        `  ${label.padEnd(44)} ${fmt(percentile(domain, 50), 6)}   ${fmt(percentile(domain, 95), 6)}   ${shown.padEnd(16)} ${read.padEnd(12)} ${fmt(percentile(raw, 50), 11)}   ${(percentile(domain, 50) / percentile(raw, 50)).toFixed(1).padStart(5)}x   ${fmt(percentile(exactCount, 50), 18)}`,
      );
    }
    const ids = (await db.identity.findMany({ take: RUNS + 1, skip: Math.floor(size / 2), select: { id: true } })).map((r) => r.id);
    let i = 0;
    const page = await timeRuns(() => getIdentity({ actor, db, clock: systemClock, input: { id: ids[i++ % ids.length] } }));
    const rawPage = await timeRuns(() =>
      database.raw.query(`SELECT * FROM "Identity" i LEFT JOIN "Entitlement" e ON e."identityId" = i.id WHERE i.id = $1`, [ids[0]]),
    );
    console.log(
      `  ${"identity page (with scopes and history)".padEnd(44)} ${fmt(percentile(page, 50), 6)}   ${fmt(percentile(page, 95), 6)}   ${"".padEnd(29)} ${fmt(percentile(rawPage, 50), 11)}   ${(percentile(page, 50) / percentile(rawPage, 50)).toFixed(1).padStart(5)}x\n`,
    );
    if (process.env.BENCH_HTTP !== "0") {
      if (!onPostgres) console.log("  over HTTP: skipped on PGlite (the server and the bench cannot share an embedded database)\n");
      else
        await measureHttp({
          databaseUrl: database.url!,
          email: BENCH_ADMIN,
          password: BENCH_PASSWORD,
          views: [
            ["/registry (all)", {}],
            ["/registry production + active, by expiry", { environment: "production", status: "active", sort: "credentialExpiresAt" }],
            ["/registry no owner", { noOwner: "1" }],
            ["/registry search", { q: "ledger-bot-41" }],
            ["/registry privileged in prod + no expiry", { privilegedInProduction: "1", noExpiry: "1" }],
            ["/registry unused 90 days + production", { unusedForDays: "90", environment: "production", sort: "credentialExpiresAt" }],
            ["/registry no owner + production", { noOwner: "1", environment: "production" }],
            ["/registry tag shard-3", { tag: "shard-3" }],
            ["/registry wildcard scope", { wildcardScope: "1" }],
            [
              "/registry wildcard + production, last used first",
              { wildcardScope: "1", environment: "production", sort: "lastUsedAt", dir: "desc" },
            ],
            ["/registry search + production", { q: "payments", environment: "production" }],
          ].map(([label, filter]) => ({
            label: label as string,
            path: `/registry?${new URLSearchParams(filter as Record<string, string>)}`,
            domain: domainFigures.get(JSON.stringify(filter)),
          })),
          identity: { path: `/registry/${ids[0]}`, domain: page },
        });
    }
    // Owners who have left (the seed's departed owners) cannot be given new identities: the import refuses them.
    const active = new Set((await db.user.findMany({ where: { status: "active" }, select: { email: true } })).map((u) => u.email));
    if (importRows > 0)
      await importMillion(
        db,
        actor,
        owners.filter((email) => active.has(email)),
      );
  } finally {
    await database.close();
    await drop();
  }
}

const fmt = (ms: number, width: number) => ms.toFixed(1).padStart(width);

/** The floor: the page's rows and the bounded count as raw SQL, and what an exact count(*) alone costs. */
async function floorQueries(db: Database["prisma"], input: Record<string, string>) {
  const { page: _page, ...rest } = input;
  const filter = await identityFilterSchema.parseAsync(rest);
  const now = new Date();
  const where = identitySqlWhere(filter, now, await ownersMatching(db, filter.q), await departedUsers(db, filter));
  const offset = (Number(input.page ?? 1) - 1) * 50;
  // The read the console chooses: in the list's order (a tag's from IdentityTag), or filter-first (fenced, then
  // sorted). Each reads ids, then that page's rows.
  const [plan] = await db.$queryRaw<
    { "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]
  >`EXPLAIN (FORMAT JSON) SELECT 1 FROM "Identity" i WHERE ${where}`;
  const estimate = plan!["QUERY PLAN"][0].Plan["Plan Rows"];
  const source = orderSource(filter);
  const filterFirst = source === "none" ? estimate < FILTER_FIRST_BELOW : source !== "index" && estimate < WALK_FROM;
  const read: Read = filterFirst ? "filter-first" : source === "tag" ? "tag walk" : "in order";
  const sortKey = Prisma.raw(`i."${filter.sort}"`);
  const tagOrder = Prisma.raw(`t.name ${filter.dir === "asc" ? "ASC" : "DESC"}, t."identityId" ASC`);
  const ids =
    read === "filter-first"
      ? // Filter-first counts as it reads: no count of its own.
        Prisma.sql`SELECT s.id, count(*) OVER () AS total FROM (SELECT i.id, ${sortKey} FROM "Identity" i WHERE ${where} OFFSET 0) s ORDER BY ${identitySqlOrder(filter, false, "s")} OFFSET ${offset} LIMIT 50`
      : read === "tag walk"
        ? Prisma.sql`SELECT t."identityId" AS id FROM (SELECT t."identityId", t.name FROM "IdentityTag" t WHERE t.tag = ${filter.tag} ${filter.environment ? Prisma.sql`AND t.environment = ${filter.environment}` : Prisma.empty} ORDER BY ${tagOrder} LIMIT ${offset + 51 + TAG_WALK_LIMIT}) t JOIN "Identity" i ON i.id = t."identityId" WHERE ${where} ORDER BY ${tagOrder} OFFSET ${offset} LIMIT 51`
        : Prisma.sql`SELECT i.id FROM "Identity" i WHERE ${where} ORDER BY ${identitySqlOrder(filter)} OFFSET ${offset} LIMIT 51`;
  return {
    read,
    rows: Prisma.sql`SELECT i.* FROM "Identity" i JOIN (${ids}) p ON p.id = i.id`,
    bounded:
      filterFirst || estimate >= 5 * exactCountUpTo
        ? Prisma.sql`SELECT 1`
        : Prisma.sql`SELECT count(*) FROM (SELECT 1 FROM "Identity" i WHERE ${where} LIMIT ${exactCountUpTo + 1}) c`,
    exact: Prisma.sql`SELECT count(*) FROM "Identity" i WHERE ${where}`,
  };
}

type Read = "filter-first" | "tag walk" | "in order";

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
