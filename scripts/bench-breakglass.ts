// npm run bench:breakglass: the break-glass check (GET /api/breakglass/check's use-case) with 100,000 grants in
// the history, beside its raw-SQL floor. Seeds the requests straight in SQL over 10,000 identities: most ended,
// denied, expired or revoked, one in 50 active now; one "busy" identity carries 2,000 of them (its history is
// what the index must skip). Then times checkGrant for active and inactive answers (p50, p95), and the approve path:
// approveRequest on 200 pending requests filed (with requestElevation) on identities of that history, each approved
// once by an approver who is not the requester: production write (one approval, which activates it) beside its
// raw-SQL floor, and production admin (two distinct approvers; the second activates and opens an after-action
// review). Never fails on time.
//   PostgreSQL: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:breakglass
//   PGlite:     npm run bench:breakglass
//   BENCH_COUNT to change the number of requests (default 100,000).
import { freshBenchDatabase } from "./bench-database";
import { applyMigrations } from "@/lib/db/migrate";
import type { Database } from "@/lib/db/open-database";
import type { UserActor } from "@/lib/domain/authz/actor";
import { approveRequest } from "@/lib/domain/breakglass/approve-request";
import { checkGrant } from "@/lib/domain/breakglass/check-grant";
import { requestElevation } from "@/lib/domain/breakglass/request-elevation";
import { systemClock } from "@/lib/domain/shared/clock";
import { percentile, timeRuns } from "./bench-http";

const url = process.env.BENCH_DATABASE_URL;
const count = Number(process.env.BENCH_COUNT ?? 100_000);
const IDENTITIES = 10_000;
const BUSY = Math.min(2_000, Math.floor(count / 10));
/** Approvals timed per figure: each on a request of its own, on an identity of its own (3 x 201 identities). */
const APPROVALS = 200;

/**
 * The history, in SQL. Identity k = g % IDENTITIES, except the first BUSY requests, all on identity 0. Each
 * request holds one scope (db-<g % 50>, a level by g % 3, production); g % 50 = 0 is active now (approved,
 * started an hour ago, ends in an hour), the rest ended in the past or never became active.
 */
const SEED_SQL = (n: number) => `
INSERT INTO "User" (id, email, name, roles, status, "updatedAt")
VALUES (gen_random_uuid(), 'requester@bench.local', 'Requester', ARRAY['member'], 'active', now());
INSERT INTO "Identity" (id, name, kind, platform, "externalId", environment, purpose, "ownerId", tags, "updatedAt")
SELECT gen_random_uuid(), 'svc-' || g, 'service_account', 'aws', 'bench/' || g, 'production', 'Bench',
  (SELECT id FROM "User" WHERE email = 'requester@bench.local'), ARRAY[]::text[], now()
FROM generate_series(0, ${IDENTITIES - 1}) g;
WITH ids AS (SELECT id, row_number() OVER (ORDER BY "externalId") - 1 AS k FROM "Identity"),
req AS (SELECT id FROM "User" WHERE email = 'requester@bench.local')
INSERT INTO "BreakGlassRequest" (id, "identityId", "requesterId", scopes, policy, reason, "durationMinutes", status,
  "requestedAt", "pendingUntil", "startAt", "approvalsRequired", "approvedAt", "activeFrom", "expiresAt")
SELECT gen_random_uuid(), ids.id, req.id,
  jsonb_build_array(jsonb_build_object('resource', 'db-' || (g % 50), 'action', 'write', 'level', (ARRAY['read','write','admin'])[1 + g % 3], 'environment', 'production')),
  '{"environment":"production","level":"write"}'::jsonb, 'bench', 120,
  CASE WHEN g % 50 = 0 THEN 'approved' ELSE (ARRAY['ended','denied','expired','revoked','ended','ended'])[1 + g % 6] END,
  t, t + interval '1 day', t, 1,
  CASE WHEN g % 50 = 0 OR g % 6 IN (0, 3, 4, 5) THEN t END,
  CASE WHEN g % 50 = 0 OR g % 6 IN (0, 3, 4, 5) THEN t END,
  CASE WHEN g % 50 = 0 OR g % 6 IN (0, 3, 4, 5) THEN t + interval '2 hours' END
FROM generate_series(0, ${n - 1}) g
  JOIN ids ON ids.k = CASE WHEN g < ${BUSY} THEN 0 ELSE g % ${IDENTITIES} END
  CROSS JOIN req,
  LATERAL (SELECT CASE WHEN g % 50 = 0 THEN now() - interval '1 hour' ELSE now() - (1 + g % 700) * interval '1 day' END AS t) x;
`;

async function main() {
  const { database, drop } = await freshBenchDatabase(url, "breakglass");
  const db = database.prisma;
  const raw = database.raw;
  try {
    await applyMigrations(raw, database.kind);
    const seeded = performance.now();
    await raw.query(SEED_SQL(count));
    await raw.query("VACUUM ANALYZE");
    const total = await db.breakGlassRequest.count();
    console.log(
      `\nbreak-glass check (${database.kind}): ${total.toLocaleString("en-US")} requests in the history, seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s\n`,
    );
    const requester = await db.user.findFirstOrThrow({ where: { email: "requester@bench.local" } });
    const actor: UserActor = {
      type: "user",
      userId: requester.id,
      email: requester.email,
      name: requester.name,
      roles: ["member"],
      request: { ip: null, userAgent: "bench", requestId: null },
    };
    const busy = await db.identity.findFirstOrThrow({ where: { externalId: "bench/0" } });
    // Identity 0 holds the busy history; its request g = 0 (db-0, read) is active now.
    const asks = {
      active: { identityId: busy.id, resource: "db-0", action: "write", level: "read", environment: "production" },
      inactive: { identityId: busy.id, resource: "db-1", action: "write", level: "admin", environment: "production" },
    };
    const floorSql = `SELECT r.id FROM "BreakGlassRequest" r
      WHERE r."identityId" = $1::uuid AND r.status = 'approved' AND r."expiresAt" > now() AND r."activeFrom" <= now()
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(r.scopes) s WHERE s->>'resource' = $2 AND s->>'action' = $3
          AND s->>'environment' = $4 AND s->>'level' = ANY ($5::text[]))
      ORDER BY r."expiresAt" DESC LIMIT 1`;
    console.log(`  ${"".padEnd(44)} ${"p50".padStart(8)} ${"p95".padStart(8)}   ${"raw-SQL floor p95".padStart(17)}   budget`);
    for (const [label, input] of Object.entries(asks)) {
      const answer = await checkGrant({ actor, db, clock: systemClock, input });
      const runs = await timeRuns(() => checkGrant({ actor, db, clock: systemClock, input }), 200);
      const floor = await timeRuns(
        () =>
          raw.query(floorSql, [
            input.identityId,
            input.resource,
            input.action,
            input.environment,
            input.level === "read" ? ["read", "write", "admin"] : [input.level],
          ]),
        200,
      );
      const f = (ms: number) => `${ms.toFixed(2)} ms`;
      console.log(
        `  ${`checkGrant, ${label} (answer: ${answer.active ? "active" : "not active"})`.padEnd(44)} ${f(percentile(runs, 50)).padStart(8)} ${f(percentile(runs, 95)).padStart(8)}   ${f(percentile(floor, 95)).padStart(17)}   p95 < 10 ms`,
      );
    }
    const plan = await raw.query(
      `EXPLAIN ${floorSql.replace("$1::uuid", `'${busy.id}'::uuid`).replace("$2", "'db-0'").replace("$3", "'write'").replace("$4", "'production'").replace("$5::text[]", "ARRAY['read']")}`,
    );
    console.log(`\n  plan:\n${plan.map((row) => `    ${String(Object.values(row)[0])}`).join("\n")}`);
    console.log("\n  (floor: the same statement through the driver, without the policy check or validation)\n");
    await benchApprovals(database, actor);
  } finally {
    await database.close();
    await drop();
  }
}

/**
 * The approve path. Every request is filed first (a production-admin activation opens an after-action review,
 * which would refuse the next request on its identity), each on its own identity of the history (bench/1, …),
 * scopes no live grant holds; then each is approved once, one after the other, and each approval is timed.
 */
async function benchApprovals(database: Database, requester: UserActor) {
  const db = database.prisma;
  const person = async (email: string): Promise<UserActor> => {
    const row = await db.user.create({ data: { email, name: email.split("@")[0]!, roles: ["approver"] } });
    return { type: "user", userId: row.id, email, name: row.name, roles: ["approver"], request: requester.request };
  };
  const [first, second] = [await person("approver-a@bench.local"), await person("approver-b@bench.local")];
  const identities = await db.identity.findMany({
    where: { externalId: { in: Array.from({ length: 3 * (APPROVALS + 1) }, (_, i) => `bench/${1 + i}`) } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  let next = 0;
  // One request per identity; the first of each list is the warm-up, not timed.
  const file = async (level: "write" | "admin", n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const identityId = identities[next++]!.id;
      const scopes = [{ resource: `approve-${next}`, action: level, level, environment: "production" }];
      const input = { identityId, scopes, reason: "Bench: restore the ledger", durationMinutes: 60 };
      ids.push((await requestElevation({ actor: requester, db, clock: systemClock, input })).id);
    }
    return ids;
  };
  const writes = await file("write", APPROVALS + 1);
  const floorIds = await file("write", APPROVALS + 1);
  const admins = await file("admin", APPROVALS + 1);

  const approveEach = async (ids: string[], approver: UserActor) => {
    const samples: number[] = [];
    const statuses = new Map<string, number>();
    for (const [i, id] of ids.entries()) {
      const start = performance.now();
      const answer = await approveRequest({ actor: approver, db, clock: systemClock, input: { id } });
      if (i > 0) samples.push(performance.now() - start);
      const key = answer.active ? "active" : answer.status;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    return { samples, answers: [...statuses].map(([k, v]) => `${v} ${k}`).join(", ") };
  };
  const write = await approveEach(writes, first);
  const floor = await approveFloor(database, floorIds, first);
  const adminFirst = await approveEach(admins, first);
  const adminSecond = await approveEach(admins, second);
  const reviews = await db.afterActionReview.count({ where: { requestId: { in: admins } } });

  const f = (ms: number) => `${ms.toFixed(2)} ms`;
  console.log(
    `  ${`approveRequest, ${APPROVALS} pending requests each`.padEnd(52)} ${"p50".padStart(8)} ${"p95".padStart(8)}   ${"raw-SQL floor p95".padStart(17)}`,
  );
  const line = (label: string, runs: number[], floorRuns?: number[]) =>
    console.log(
      `  ${label.padEnd(52)} ${f(percentile(runs, 50)).padStart(8)} ${f(percentile(runs, 95)).padStart(8)}   ${floorRuns ? f(percentile(floorRuns, 95)).padStart(17) : ""}`.trimEnd(),
    );
  line(`production write, 1 of 1: activates (${write.answers})`, write.samples, floor);
  line(`production admin, 1st of 2: waits (${adminFirst.answers})`, adminFirst.samples);
  line(`production admin, 2nd of 2: activates (${adminSecond.answers})`, adminSecond.samples);
  console.log(
    `\n  (${reviews} after-action reviews opened by the production-admin activations. Floor: the writes an activating approval\n` +
      "   cannot do without, as plain SQL in one transaction: the approval row, the request made approved and active, one\n" +
      "   audit row on the chain's head, the grant.activated outbox row; no lock, no policy check, no notice, no hashing)\n",
  );
}

/** The floor of an activating approval: its writes as plain SQL in one transaction, one request after another. */
async function approveFloor(database: Database, ids: string[], approver: UserActor): Promise<number[]> {
  const samples: number[] = [];
  for (const [i, id] of ids.entries()) {
    const start = performance.now();
    await database.raw.withSession(async (sql) => {
      await sql.query("BEGIN");
      await sql.query(
        `INSERT INTO "BreakGlassApproval" (id, "requestId", "approverId", decision, at) VALUES (gen_random_uuid(), $1, $2, 'approve', now())`,
        [id, approver.userId],
      );
      await sql.query(
        `UPDATE "BreakGlassRequest" SET status = 'approved', "approvedAt" = now(), "activeFrom" = now(),
           "expiresAt" = now() + "durationMinutes" * interval '1 minute', version = version + 1
         WHERE id = $1 AND status = 'pending'`,
        [id],
      );
      await sql.query(
        `INSERT INTO "AuditEvent" (at, "actorType", "actorId", "actorLabel", action, "targetType", "targetId", outcome, "prevHash", hash)
         SELECT now(), 'user', $1, $2, 'breakglass.approve', 'breakglass-request', $3::text, 'allowed',
           coalesce((SELECT hash FROM "AuditEvent" ORDER BY seq DESC LIMIT 1), ''), md5($3::text)`,
        [approver.userId, approver.email, id],
      );
      await sql.query(`INSERT INTO "OutboxEvent" (type, at, payload) VALUES ('grant.activated', now(), $1::jsonb)`, [
        JSON.stringify({ requestId: id }),
      ]);
      await sql.query("COMMIT");
    });
    if (i > 0) samples.push(performance.now() - start);
  }
  return samples;
}

void main();
