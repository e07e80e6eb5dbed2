import { Prisma } from "@/lib/db/generated/client";
import type { Db, Tx } from "@/lib/db/types";
import { CHECKS, type CheckContext, type CheckDefinition, type PostureThresholds } from "./checks";
import { lockCells, rebuildCells } from "./posture-cells";

// The evaluation: each check's predicate run by the database over the identities (all of them, or the few that
// changed), set-based. A failing identity gets an open finding (a resolved one re-opens, counted); a finding whose
// condition cleared is resolved by the system, whatever its status (an accepted risk that went away is gone too).
// Unchanged findings are not written, so a full evaluation of a quiet estate writes almost nothing.
// Afterwards IdentityPosture (which checks each identity fails now, and its score) is recomputed for what moved,
// and with it the dashboard's counts (PostureCell).

export type EvaluationOutcome = {
  /** Findings that appeared for the first time. */
  opened: number;
  /** Findings that had been resolved and came back. */
  reopened: number;
  /** Findings the system resolved because their condition cleared. */
  resolved: number;
  /** Identities whose findings changed (the owners to tell, the posture rows to recompute). */
  changedIdentityIds: string[];
  /** Newly opened or re-opened findings per identity (for the owners' notice). */
  newFindings: { identityId: string; checkId: string }[];
};

export async function readThresholds(tx: Tx): Promise<PostureThresholds> {
  const row = await tx.posturePolicy.findUnique({ where: { id: "current" } });
  return {
    rotationMaxDays: row?.rotationMaxDays ?? 90,
    unusedMaxDays: row?.unusedMaxDays ?? 90,
    lifetimeMaxDays: row?.lifetimeMaxDays ?? 366,
    expiringWithinDays: row?.expiringWithinDays ?? 30,
    reviewMaxDays: row?.reviewMaxDays ?? 365,
    newIdentityGraceDays: row?.newIdentityGraceDays ?? 30,
  };
}

/** Only these identities (an incremental evaluation), or every one (a full evaluation) when null. */
const among = (alias: string, ids: string[] | null) => (ids ? Prisma.sql`AND ${Prisma.raw(alias)} = ANY(${ids}::uuid[])` : Prisma.empty);

async function evaluateCheck(tx: Tx, check: CheckDefinition, ctx: CheckContext, ids: string[] | null) {
  const { now } = ctx;
  const upserted = await tx.$queryRaw<{ identityId: string; inserted: boolean; reopened: boolean }[]>`
    WITH failing AS (
      SELECT i.id, ${check.evidence(ctx)} AS evidence FROM "Identity" i
      WHERE i.status = 'active' AND ${check.where(ctx)} ${among("i.id", ids)})
    INSERT INTO "Finding" (id, "identityId", "checkId", status, severity, evidence, "firstSeenAt", "lastSeenAt", "updatedAt")
    SELECT gen_random_uuid(), f.id, ${check.id}, 'open', ${check.severity}, f.evidence, ${now}, ${now}, ${now} FROM failing f
    ON CONFLICT ("identityId", "checkId") DO UPDATE SET
      status = CASE WHEN "Finding".status = 'resolved' THEN 'open' ELSE "Finding".status END,
      "firstSeenAt" = CASE WHEN "Finding".status = 'resolved' THEN EXCLUDED."firstSeenAt" ELSE "Finding"."firstSeenAt" END,
      "resolvedAt" = NULL,
      "reopenedCount" = "Finding"."reopenedCount" + CASE WHEN "Finding".status = 'resolved' THEN 1 ELSE 0 END,
      "decidedById" = CASE WHEN "Finding".status = 'resolved' THEN NULL ELSE "Finding"."decidedById" END,
      "decisionReason" = CASE WHEN "Finding".status = 'resolved' THEN NULL ELSE "Finding"."decisionReason" END,
      until = CASE WHEN "Finding".status = 'resolved' THEN NULL ELSE "Finding".until END,
      evidence = EXCLUDED.evidence, "lastSeenAt" = EXCLUDED."lastSeenAt", "updatedAt" = EXCLUDED."updatedAt"
    WHERE "Finding".status = 'resolved' OR "Finding".evidence IS DISTINCT FROM EXCLUDED.evidence
    RETURNING "identityId"::text AS "identityId", (xmax = 0) AS inserted, ("reopenedCount" > 0 AND "firstSeenAt" = ${now}) AS reopened`;
  const resolved = await tx.$queryRaw<{ identityId: string }[]>`
    UPDATE "Finding" f SET status = 'resolved', "resolvedAt" = ${now}, "updatedAt" = ${now}
    WHERE f."checkId" = ${check.id} AND f.status <> 'resolved' ${among('f."identityId"', ids)}
      AND NOT EXISTS (SELECT 1 FROM "Identity" i WHERE i.id = f."identityId" AND i.status = 'active' AND ${check.where(ctx)})
    RETURNING f."identityId"::text AS "identityId"`;
  return { upserted, resolved };
}

/**
 * Which checks each identity fails now, as bits in CHECKS order, and its risk score; for these identities (or all).
 * The dashboard's cells follow in the same statement: each identity whose row moved leaves the cell it was counted
 * in (its row as it was, which the statement still sees) and joins its new one. A full run recounts every cell.
 */
export async function refreshIdentityPosture(tx: Tx, now: Date, ids: string[] | null): Promise<void> {
  const checks = Prisma.join(
    CHECKS.map((c, bit) => Prisma.sql`(${c.id}, ${bit}::int, ${SEVERITY_WEIGHT[c.severity]}::int)`),
    ", ",
  );
  await lockCells(tx);
  // Score: each open finding's severity weight, doubled in production, plus 10 for an admin scope (explained
  // beside the score on the dashboard). Accepted and postponed findings count again once their date has passed.
  const source = Prisma.sql`
    WITH checks(id, bit, weight) AS (VALUES ${checks}),
    target AS (
      SELECT i.id, i."environment", COALESCE(i.team, '') AS team, i.platform, i.status = 'active' AS counted
      FROM "Identity" i WHERE true ${among("i.id", ids)}),
    open AS (
      SELECT t.id, bit_or(1::bigint << c.bit) AS mask, sum(c.weight) AS weight
      FROM target t JOIN "Finding" f ON f."identityId" = t.id JOIN checks c ON c.id = f."checkId"
      WHERE f.status = 'open' OR (f.status IN ('accepted', 'postponed') AND f.until <= ${now})
      GROUP BY t.id)`;
  const upsert = Prisma.sql`
    INSERT INTO "IdentityPosture" ("identityId", "openChecks", score, team, platform, environment, counted, "updatedAt")
    SELECT t.id, COALESCE(o.mask, 0),
      COALESCE(o.weight, 0) * CASE WHEN t."environment" = 'production' THEN 2 ELSE 1 END
        + CASE WHEN o.mask IS NOT NULL AND EXISTS (SELECT 1 FROM "Entitlement" e WHERE e."identityId" = t.id AND e."level" = 'admin')
          THEN 10 ELSE 0 END,
      t.team, t.platform, t.environment, t.counted, ${now}
    FROM target t LEFT JOIN open o ON o.id = t.id
    ON CONFLICT ("identityId") DO UPDATE SET "openChecks" = EXCLUDED."openChecks", score = EXCLUDED.score, team = EXCLUDED.team,
      platform = EXCLUDED.platform, environment = EXCLUDED.environment, counted = EXCLUDED.counted, "updatedAt" = EXCLUDED."updatedAt"
    WHERE ("IdentityPosture"."openChecks", "IdentityPosture".score, "IdentityPosture".team, "IdentityPosture".platform,
        "IdentityPosture".environment, "IdentityPosture".counted)
      IS DISTINCT FROM (EXCLUDED."openChecks", EXCLUDED.score, EXCLUDED.team, EXCLUDED.platform, EXCLUDED.environment, EXCLUDED.counted)`;
  if (!ids) {
    // Every row at once: the cells are recounted from scratch after.
    await tx.$executeRaw`${source} ${upsert}`;
    await rebuildCells(tx);
    return;
  }
  await tx.$executeRaw`${source},
    moved AS (${upsert} RETURNING "identityId", "openChecks", team, platform, environment, counted),
    delta AS (
      SELECT p.team, p.platform, p.environment, p."openChecks", -1 AS n
      FROM "IdentityPosture" p JOIN moved m ON m."identityId" = p."identityId" WHERE p.counted AND p."identityId" = ANY(${ids}::uuid[])
      UNION ALL
      SELECT team, platform, environment, "openChecks", 1 FROM moved WHERE counted)
    INSERT INTO "PostureCell" (team, platform, environment, "openChecks", identities)
    SELECT team, platform, environment, "openChecks", sum(n)::int FROM delta GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
    ON CONFLICT (team, platform, environment, "openChecks") DO UPDATE SET identities = "PostureCell".identities + EXCLUDED.identities`;
}

export const SEVERITY_WEIGHT = { critical: 40, high: 20, medium: 10, low: 5 } as const;

/**
 * Runs every check over the given identities (incremental) or all of them (full), in the caller's transaction,
 * then recomputes IdentityPosture for the identities whose findings changed (all of them on a full run).
 */
export async function evaluate(tx: Tx, now: Date, ids: string[] | null): Promise<EvaluationOutcome> {
  const ctx: CheckContext = { now, policy: await readThresholds(tx) };
  const tally = new Tally();
  for (const check of CHECKS) tally.add(check.id, await evaluateCheck(tx, check, ctx, ids));
  await refreshIdentityPosture(tx, now, ids);
  return tally.outcome();
}

const STEP_TIMEOUT_MS = 5 * 60_000;

/**
 * The full evaluation, one transaction per check and one for the posture bits: each step is consistent on its
 * own (a check's findings against the identities as they are), and no step holds the database for the whole
 * run, which on the embedded database (one connection) would keep every other job waiting.
 */
export async function evaluateEverything(db: Db, now: Date): Promise<EvaluationOutcome> {
  const ctx: CheckContext = { now, policy: await db.$transaction((tx) => readThresholds(tx)) };
  const tally = new Tally();
  for (const check of CHECKS)
    tally.add(check.id, await db.$transaction((tx) => evaluateCheck(tx, check, ctx, null), { timeout: STEP_TIMEOUT_MS }));
  await db.$transaction((tx) => refreshIdentityPosture(tx, now, null), { timeout: STEP_TIMEOUT_MS });
  return tally.outcome();
}

/** Adds up what each check's step opened, re-opened and resolved. */
class Tally {
  private readonly result: EvaluationOutcome = { opened: 0, reopened: 0, resolved: 0, changedIdentityIds: [], newFindings: [] };
  private readonly changed = new Set<string>();

  add(checkId: string, { upserted, resolved }: Awaited<ReturnType<typeof evaluateCheck>>) {
    for (const row of upserted) {
      this.changed.add(row.identityId);
      if (row.inserted) this.result.opened += 1;
      else if (row.reopened) this.result.reopened += 1;
      if (row.inserted || row.reopened) this.result.newFindings.push({ identityId: row.identityId, checkId });
    }
    for (const row of resolved) this.changed.add(row.identityId);
    this.result.resolved += resolved.length;
  }

  outcome(): EvaluationOutcome {
    return { ...this.result, changedIdentityIds: [...this.changed] };
  }
}
