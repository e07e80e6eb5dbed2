// npm run bench:posture: the posture evaluation at scale, beside its raw-SQL floor. Seeds N identities in SQL (the
// review bench's estate), then times a full evaluation of every check over all of them (findings written, the
// identities' posture bits and the day's summary), a second full evaluation of the now quiet estate, and the
// incremental evaluation after one change (the database marks the identity; the job re-evaluates it). Never fails
// on time.
//   PostgreSQL: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:posture
//   PGlite:     npm run bench:posture          (50,000 identities by default there; BENCH_COUNT to change N)
import { applyMigrations } from "@/lib/db/migrate";
import { systemActor } from "@/lib/domain/authz/actor";
import { CHECKS, type CheckContext } from "@/lib/domain/posture/checks";
import type { UserActor } from "@/lib/domain/authz/actor";
import { getDashboard } from "@/lib/domain/posture/dashboard";
import { exportEvidencePack } from "@/lib/domain/posture/evidence/export-pack";
import { listFindings } from "@/lib/domain/posture/list-findings";
import { getMyWork } from "@/lib/domain/notifications/my-work";
import { readThresholds } from "@/lib/domain/posture/evaluate";
import { drainChanged, evaluateAll } from "@/lib/domain/posture/run-evaluation";
import { systemClock } from "@/lib/domain/shared/clock";
import { freshBenchDatabase } from "./bench-database";
import { ESTATE_SQL } from "./bench-estate";
import { percentile } from "./bench-http";

const url = process.env.BENCH_DATABASE_URL;
const count = Number(process.env.BENCH_COUNT ?? (url ? 500_000 : 50_000));
const CHANGES = 30;

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ms = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

async function main() {
  const { database, drop } = await freshBenchDatabase(url, "posture");
  const db = database.prisma;
  const raw = database.raw;
  const actor = systemActor("system:bench:posture");
  try {
    await applyMigrations(raw, database.kind);
    const [, seedMs] = await timed(() => raw.query(ESTATE_SQL(count, Math.min(5_000, Math.floor(count / 10)))));
    // The checks read credentials as records: one per identity, as its summary columns describe it.
    await raw.query(`INSERT INTO "Credential" (id, "identityId", handle, type, status, "issuedAt", "expiresAt", "lastUsedAt", usage, "updatedAt")
      SELECT gen_random_uuid(), id, 'primary', "credentialType", 'active', "credentialIssuedAt", "credentialExpiresAt", "lastUsedAt", usage, now()
      FROM "Identity"`);
    await raw.query(`DELETE FROM "PostureDirty"`);
    await raw.query("VACUUM ANALYZE");
    console.log(`\nPosture benchmark on ${database.kind}, ${count.toLocaleString()} identities (seeded in SQL in ${secs(seedMs)})\n`);

    // The floor: every check's predicate counted over the estate, nothing written.
    const ctx: CheckContext = { now: systemClock.now(), policy: await db.$transaction((tx) => readThresholds(tx)) };
    const [, floorMs] = await timed(async () => {
      for (const check of CHECKS) await db.$queryRaw`SELECT count(*) FROM "Identity" i WHERE i.status = 'active' AND ${check.where(ctx)}`;
    });

    const [first, firstMs] = await timed(() => evaluateAll(db, systemClock, actor));
    const findings = await db.finding.count();
    const [, quietMs] = await timed(() => evaluateAll(db, systemClock, actor));
    await raw.query("ANALYZE");

    // One change at a time: the identity loses its owner (a trigger marks it), the job re-evaluates it.
    const sample = await db.identity.findMany({ where: { ownerId: { not: null } }, take: CHANGES, select: { id: true } });
    const incremental: number[] = [];
    const floorOne: number[] = [];
    for (const { id } of sample) {
      await db.identity.update({ where: { id }, data: { ownerId: null } });
      const [outcome, elapsed] = await timed(() => drainChanged(db, systemClock));
      if (outcome.identities !== 1) throw new Error(`expected one identity re-evaluated, got ${outcome.identities}`);
      incremental.push(elapsed);
      const [, one] = await timed(async () => {
        for (const check of CHECKS)
          await db.$queryRaw`SELECT i.id FROM "Identity" i WHERE i.id = ${id}::uuid AND i.status = 'active' AND ${check.where(ctx)}`;
      });
      floorOne.push(one);
    }
    // The dashboard, as an auditor opens it (SP 800-53, then filtered to production), beside the one counting query.
    const auditorRow = await db.user.create({ data: { email: "auditor@bench.local", name: "Bench Auditor", roles: ["auditor"] } });
    const auditor: UserActor = {
      type: "user",
      userId: auditorRow.id,
      email: auditorRow.email,
      name: auditorRow.name,
      roles: ["auditor"],
      request: { ip: null, userAgent: "bench", requestId: null },
    };
    // The dashboard as auditors open it: the whole estate, one environment, a team on a platform, one heavy owner.
    const heavyOwner = await db.user.findUniqueOrThrow({ where: { email: "owner0@bench.local" } });
    const views = [
      { label: "SP 800-53, whole estate", input: { framework: "nist-800-53" } },
      { label: "SP 800-53, production only", input: { framework: "nist-800-53", environment: "production" } },
      { label: "OWASP, one team on one platform", input: { framework: "owasp-nhi", team: "team-3", platform: "aws" } },
      {
        label: `OWASP, one owner of ${(await db.identity.count({ where: { ownerId: heavyOwner.id } })).toLocaleString()}`,
        input: { framework: "owasp-nhi", owner: heavyOwner.id },
      },
    ];
    const dashboard = views.map(() => [] as number[]);
    const dashFloor: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      for (const [k, view] of views.entries())
        dashboard[k]!.push((await timed(() => getDashboard({ actor: auditor, db, clock: systemClock, input: view.input })))[1]);
      // The floor: the one query that sums the stored counts (what every control's figure comes from).
      dashFloor.push((await timed(() => raw.query(`SELECT "openChecks", sum(identities) FROM "PostureCell" GROUP BY 1`)))[1]);
    }
    // The findings list (a page of 50) as auditors and owners open it, and My work of the heavy owner.
    const heavy: UserActor = { ...auditor, userId: heavyOwner.id, email: heavyOwner.email, name: heavyOwner.name };
    const lists = [
      { label: "findings list, open, whole estate", actor: auditor, input: {} },
      { label: "findings list, open, page 40", actor: auditor, input: { page: 40 } },
      { label: "findings list, one team, high", actor: auditor, input: { team: "team-3", severity: "high" } },
      { label: "findings list, the heavy owner's (owner=me)", actor: heavy, input: { owner: "me" } },
      { label: "findings list, any status, whole estate", actor: auditor, input: { status: "all" } },
    ];
    const listTimes = lists.map(() => [] as number[]);
    const myWork: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      for (const [k, view] of lists.entries())
        listTimes[k]!.push((await timed(() => listFindings({ actor: view.actor, db, clock: systemClock, input: view.input })))[1]);
      myWork.push((await timed(() => getMyWork({ actor: heavy, db, clock: systemClock, input: {} })))[1]);
    }
    // The evidence pack: every finding of the estate, written as read (bounded memory), then its hash recorded.
    const packs: { format: string; ms: number; bytes: number; rssMb: number }[] = [];
    for (const format of ["pdf", "zip"]) {
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
      const [pack, packMs] = await timed(() => exportEvidencePack({ actor: auditor, db, clock: systemClock, input: { format } }));
      clearInterval(sampler);
      packs.push({ format, ms: packMs, bytes: pack.size, rssMb: Math.round(peak / 1e6) });
      await pack.read();
    }
    const p = (xs: number[], q: number) => percentile(xs, q);
    console.log(`                                                          time   raw-SQL floor   ratio   budget`);
    console.log(
      `  full evaluation, ${CHECKS.length} checks, ${count.toLocaleString()} identities`.padEnd(54) +
        `${secs(firstMs).padStart(8)}  ${secs(floorMs).padStart(12)}  ${(firstMs / floorMs).toFixed(1).padStart(5)}x   < 60 s`,
    );
    console.log(`    (${first.opened.toLocaleString()} findings opened; ${findings.toLocaleString()} in all)`);
    console.log(`  full evaluation again, nothing changed`.padEnd(54) + `${secs(quietMs).padStart(8)}`);
    console.log(
      `  incremental after one change (p50 / p95 of ${CHANGES})`.padEnd(54) +
        `${ms(p(incremental, 50)).padStart(8)} / ${ms(p(incremental, 95))}   floor p95 ${ms(p(floorOne, 95))}   < 100 ms`,
    );
    for (const [k, view] of views.entries())
      console.log(
        `  dashboard, ${view.label} (p50 / p95 of 20)`.padEnd(54) +
          `${ms(p(dashboard[k]!, 50)).padStart(8)} / ${ms(p(dashboard[k]!, 95))}` +
          (k === 0 ? `   floor p95 ${ms(p(dashFloor, 95))}   < 500 ms` : ""),
      );
    for (const [k, view] of lists.entries())
      console.log(`  ${view.label} (p50 / p95)`.padEnd(54) + `${ms(p(listTimes[k]!, 50)).padStart(8)} / ${ms(p(listTimes[k]!, 95))}`);
    console.log(`  My work, the heavy owner (p50 / p95)`.padEnd(54) + `${ms(p(myWork, 50)).padStart(8)} / ${ms(p(myWork, 95))}`);
    for (const pack of packs)
      console.log(
        `  evidence pack, ${pack.format.toUpperCase()}${pack.format === "zip" ? `, all ${findings.toLocaleString()} findings` : ""}`.padEnd(
          54,
        ) + `${secs(pack.ms).padStart(8)}   ${(pack.bytes / 1e6).toFixed(pack.bytes < 1e6 ? 3 : 1)} MB, process peak ${pack.rssMb} MB`,
      );
    console.log(
      "\n  Floor: each check's predicate counted over the estate (or, for one identity, selected), nothing written: the" +
        "\n  evaluation adds the findings' upserts, the resolutions, the identities' posture bits and the day's summary. The\n" +
        "  dashboard's floor is its one query over the stored counts (PostureCell); the page adds the charts' queries.\n",
    );
  } finally {
    await drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
