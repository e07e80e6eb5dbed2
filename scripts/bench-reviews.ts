// npm run bench:reviews (also the second half of npm run bench): access-review figures at scale, each beside its
// raw-SQL floor. Seeds N identities straight in SQL (the registry bench measures the import; here only the review
// matters): 200 owners, one of whom ("the heavy owner") holds 5,000; scopes in the registry bench's proportions.
// Then: the launch preview, a launch over every identity, the heavy owner's inbox (p95), a bulk decision of 1,000
// items, and the close that applies every outcome. Prints figures; never fails on time.
//   PostgreSQL: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:reviews  (default 500,000)
//   PGlite:     npm run bench:reviews                                                     (default 50,000)
//   BENCH_COUNT to change N. Heavy: run it alone (flock /tmp/e2e.lock npm run bench:reviews).
import { freshBenchDatabase } from "./bench-database";
import { ESTATE_SQL as SEED_SQL } from "./bench-estate";
import { applyMigrations } from "@/lib/db/migrate";
import type { UserActor } from "@/lib/domain/authz/actor";
import { bulkDecide } from "@/lib/domain/reviews/items/bulk-decide";
import { listMyItems } from "@/lib/domain/reviews/items/list-my-items";
import { closeRun } from "@/lib/domain/reviews/close/close-run";
import { createCampaign } from "@/lib/domain/reviews/campaigns/create-campaign";
import { launchCampaign } from "@/lib/domain/reviews/campaigns/launch-campaign";
import { previewCampaign } from "@/lib/domain/reviews/launch/preview-campaign";
import { systemClock } from "@/lib/domain/shared/clock";
import { percentile, timeRuns } from "./bench-http";

const url = process.env.BENCH_DATABASE_URL;
const count = Number(process.env.BENCH_COUNT ?? (url ? 500_000 : 50_000));
const HEAVY_ITEMS = Math.min(5_000, Math.floor(count / 10));

const fmt = (ms: number, width = 8) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`.padStart(width);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function once(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function main() {
  const { database, drop } = await freshBenchDatabase(url, "reviews");
  const db = database.prisma;
  const raw = database.raw;
  try {
    await applyMigrations(raw, database.kind);
    const adminRow = await db.user.create({ data: { email: "bench-admin@bench.local", name: "Bench Admin", roles: ["admin"] } });
    const seedStart = performance.now();
    await raw.query(SEED_SQL(count, HEAVY_ITEMS));
    await raw.query("VACUUM ANALYZE");
    console.log(
      `\nAccess-review benchmark on ${database.kind}, ${count.toLocaleString()} identities (seeded in SQL in ${secs(performance.now() - seedStart)})\n`,
    );
    const actorOf = (u: { id: string; email: string; name: string; roles: string[] }): UserActor => ({
      type: "user",
      userId: u.id,
      email: u.email,
      name: u.name,
      roles: u.roles as UserActor["roles"],
      request: { ip: null, userAgent: "bench", requestId: null },
    });
    const admin = actorOf(adminRow);
    const heavy = actorOf(await db.user.findFirstOrThrow({ where: { email: "owner0@bench.local" } }));
    const args = <I>(actor: UserActor, input: I) => ({ actor, db, clock: systemClock, input });

    const campaign = { name: "Every identity", scope: {}, durationDays: 30, reminderDays: [7], escalationDays: [1], graceDays: 7 };
    const previewMs = await once(() => previewCampaign(args(admin, { campaign })));
    const { id: campaignId } = await createCampaign(args(admin, campaign));
    let launched = { itemCount: 0, scopeCount: 0, runId: "" };
    const launchMs = await once(async () => (launched = await launchCampaign(args(admin, { campaignId }))));
    // The floor: copying the same identities and scopes into tables of the same shape, nothing judged.
    await raw.query(
      `CREATE TEMP TABLE floor_items (LIKE "ReviewItem" INCLUDING DEFAULTS); CREATE TEMP TABLE floor_scopes (LIKE "ReviewItemScope" INCLUDING DEFAULTS)`,
    );
    const launchFloorMs = await once(() =>
      raw.query(`
        INSERT INTO floor_items (id, "runId", "identityId", name, kind, platform, "externalId", environment, purpose, status,
          "ownerId", usage, "activeCredentials", "neverExpires", "humanUse", flags, risks, recommendation, "recommendationReason",
          "reviewerId", "reviewerRung")
        SELECT gen_random_uuid(), '${launched.runId}', i.id, i.name, i.kind, i.platform, i."externalId", i.environment, i.purpose,
          i.status, i."ownerId", i.usage, i."activeCredentials", i."neverExpires", i."humanUse", i.flags, '{}', 'keep', '', i."ownerId", 'owner'
        FROM "Identity" i;
        INSERT INTO floor_scopes (id, "itemId", "runId", "entitlementId", resource, action, level, environment, usage, risky)
        SELECT gen_random_uuid(), e."identityId", '${launched.runId}', e.id, e.resource, e.action, e.level, e.environment, e.usage, false
        FROM "Entitlement" e;`),
    );
    await raw.query("DROP TABLE floor_items; DROP TABLE floor_scopes; ANALYZE");

    console.log(`  ${"".padEnd(52)} ${"time".padStart(10)}   ${"raw-SQL floor".padStart(13)}   ratio   budget`);
    const line = (label: string, ms: number, floor: number | null, budget: string) =>
      console.log(
        `  ${label.padEnd(52)} ${ms >= 1000 ? secs(ms).padStart(10) : fmt(ms, 10)}   ${floor === null ? "".padStart(13) : (floor >= 1000 ? secs(floor) : fmt(floor)).padStart(13)}   ${floor ? `${(ms / floor).toFixed(1)}x`.padStart(5) : "".padStart(5)}   ${budget}`,
      );
    line(`launch preview (${count.toLocaleString()} identities)`, previewMs, null, "");
    line(
      `launch: ${launched.itemCount.toLocaleString()} items, ${launched.scopeCount.toLocaleString()} scopes`,
      launchMs,
      launchFloorMs,
      "< 30 s",
    );

    // The heavy owner's inbox: the first page of their items, undecided first.
    const inbox = await timeRuns(() => listMyItems(args(heavy, { page: 1 })));
    const inboxFloor = await timeRuns(() =>
      raw.query(`SELECT id FROM "ReviewItem" WHERE "reviewerId" = $1 AND "decidedAt" IS NULL ORDER BY name, id LIMIT 50`, [heavy.userId]),
    );
    line(
      `reviewer inbox, ${HEAVY_ITEMS.toLocaleString()} items, first page (p95)`,
      percentile(inbox, 95),
      percentile(inboxFloor, 95),
      "< 100 ms",
    );

    const thousand = (
      await db.reviewItem.findMany({
        where: { reviewerId: heavy.userId, decision: null },
        select: { id: true },
        take: 1_000,
        orderBy: { id: "asc" },
      })
    ).map((r) => r.id);
    const bulkMs = await once(() =>
      bulkDecide(args(heavy, { ids: thousand, decision: "certify", decisionReason: "Checked with the team: still needed" })),
    );
    const next = (
      await db.reviewItem.findMany({
        where: { reviewerId: heavy.userId, decision: null },
        select: { id: true },
        take: 1_000,
        orderBy: { id: "asc" },
      })
    ).map((r) => r.id);
    const bulkFloorMs = await once(() =>
      raw.query(`UPDATE "ReviewItem" SET decision = 'certify', "decidedAt" = now(), "decidedById" = $1 WHERE id = ANY ($2::uuid[])`, [
        heavy.userId,
        next,
      ]),
    );
    line("bulk decision of 1,000 items", bulkMs, bulkFloorMs, "< 2 s");

    const closeMs = await once(() => closeRun(args(admin, { runId: launched.runId })));
    const [counted] = await raw.query(`SELECT count(*)::int AS n FROM "ReviewItem" WHERE "runId" = $1 AND outcome IS NOT NULL`, [
      launched.runId,
    ]);
    const applied = Number(counted?.n ?? 0);
    line(`close: ${applied.toLocaleString()} outcomes applied`, closeMs, null, "< 60 s");
    console.log(
      "\n  (launch floor: the same rows copied into tables of the same shape, nothing judged; inbox floor: the page's ids in raw SQL;\n   bulk floor: one UPDATE of 1,000 decisions without the policy, the checks or the audit events)\n",
    );
  } finally {
    await database.close();
    await drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
