// Prints the plan PostgreSQL chooses (EXPLAIN ANALYZE) for the list's own queries, as Prisma sends them, for
// one filter: a tool for checking that each filter is served by an index at scale.
//   BENCH_DATABASE_URL=postgres://…/<kept bench database> npx tsx scripts/bench-explain.ts 'noOwner=1&sort=name'
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/client";
import type { UserActor } from "@/lib/domain/authz/actor";
import { listIdentities } from "@/lib/domain/registry/list-identities";
import { systemClock } from "@/lib/domain/shared/clock";

async function main() {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error("BENCH_DATABASE_URL must name a seeded database");
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const queries: { query: string; params: string }[] = [];
  const db = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
  db.$on("query", (e) => queries.push({ query: e.query, params: e.params }));
  const admin = await db.user.findFirstOrThrow({ where: { roles: { has: "admin" } } });
  const actor: UserActor = {
    type: "user",
    userId: admin.id,
    email: admin.email,
    name: admin.name,
    roles: ["admin"],
    request: { ip: null, userAgent: "explain", requestId: null },
  };
  const input = Object.fromEntries(new URLSearchParams(process.argv[2] ?? ""));
  const page = await listIdentities({ actor, db, clock: systemClock, input });
  console.log(`total ${page.total} estimated ${page.estimated} page ${page.page}`);
  for (const { query, params } of queries) {
    if (!/"Identity"/.test(query) || /^EXPLAIN/.test(query)) continue;
    const values = JSON.parse(params) as unknown[];
    const plan = await pool.query(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${query}`,
      values.map((v) => (Array.isArray(v) ? v : v)),
    );
    console.log(`\n${query.slice(0, 600)}\n${JSON.stringify(values).slice(0, 200)}`);
    console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
  }
  await db.$disconnect();
  await pool.end();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
