import { Prisma } from "@/lib/db/generated/client";
import type { Db, Tx } from "@/lib/db/types";
import { CHECKS } from "./checks";
import type { ControlMask } from "./control-masks";
import { SEVERITIES, type Severity } from "./frameworks";

// The dashboard's stored counts (PostureCell): active identities per team, platform, environment and set of
// failing checks. Every evaluation keeps them current as it rewrites IdentityPosture (evaluate.ts), so a page
// view sums a few thousand rows instead of counting 500,000 identities and a million findings.

/** Serialises the writers of PostureCell: each one's "before" (what a change subtracts) is then the committed one. */
export async function lockCells(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('posture-cells', 0))`;
}

/** Recounts every cell from IdentityPosture (the full evaluation does, so any drift heals within the hour). */
export async function rebuildCells(tx: Tx): Promise<void> {
  await tx.$executeRaw`DELETE FROM "PostureCell"`;
  await tx.$executeRaw`
    INSERT INTO "PostureCell" (team, platform, environment, "openChecks", identities)
    SELECT team, platform, environment, "openChecks", count(*)::int FROM "IdentityPosture" WHERE counted GROUP BY 1, 2, 3, 4`;
}

export type CellFilter = { team?: string; platform?: string; environment?: string; owner?: string };

/** Active identities per set of failing checks within the filters: from the cells, or for one owner from their identities. */
export async function countByMask(db: Db | Tx, f: CellFilter): Promise<MaskCount[]> {
  const parts: Prisma.Sql[] = [];
  if (f.team) parts.push(Prisma.sql`team = ${f.team}`);
  if (f.platform) parts.push(Prisma.sql`platform = ${f.platform}`);
  if (f.environment) parts.push(Prisma.sql`environment = ${f.environment}`);
  const where = parts.length ? Prisma.sql`AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
  // The owner is not a dimension of the cells (thousands of owners would multiply them): one owner's identities
  // are few and found by the index on "Identity"."ownerId".
  const rows = f.owner
    ? await db.$queryRaw<{ mask: bigint; n: number }[]>`
        SELECT p."openChecks" AS mask, count(*)::int AS n FROM "IdentityPosture" p
        WHERE p.counted AND p."identityId" IN (SELECT i.id FROM "Identity" i WHERE i."ownerId" = ${f.owner}::uuid) ${where}
        GROUP BY 1`
    : await db.$queryRaw<{ mask: bigint; n: number }[]>`
        SELECT "openChecks" AS mask, sum(identities)::int AS n FROM "PostureCell" WHERE identities > 0 ${where} GROUP BY 1`;
  return rows.map((r) => ({ mask: BigInt(r.mask), n: r.n }));
}

export type MaskCount = { mask: bigint; n: number };

const bitOf = new Map(CHECKS.map((c, bit) => [c.id, 1n << BigInt(bit)]));
const popcount = (mask: bigint) => {
  let n = 0;
  for (let m = mask; m !== 0n; m &= m - 1n) n += 1;
  return n;
};

/** What the dashboard and the day's summary show, summed from the mask counts. */
export function summarise(counts: MaskCount[], controls: readonly ControlMask[]) {
  const sum = (match: (mask: bigint) => boolean) => counts.reduce((n, c) => (match(c.mask) ? n + c.n : n), 0);
  const bySeverity: Partial<Record<Severity, number>> = {};
  for (const severity of SEVERITIES) {
    const findings = CHECKS.filter((c) => c.severity === severity).reduce((n, c) => n + sum((m) => (m & bitOf.get(c.id)!) !== 0n), 0);
    if (findings > 0) bySeverity[severity] = findings;
  }
  return {
    active: sum(() => true),
    failing: sum((m) => m !== 0n),
    /** Identities failing at least one of each control's checks, in the order given. */
    controls: controls.map((c) => sum((m) => (m & c.mask) !== 0n)),
    /** Open findings (one per identity and failing check) by the checks' severity. */
    bySeverity,
    /** Open findings per check. */
    checks: Object.fromEntries(CHECKS.map((c) => [c.id, sum((m) => (m & bitOf.get(c.id)!) !== 0n)])),
    /** Open findings in all. */
    findings: counts.reduce((n, c) => n + c.n * popcount(c.mask), 0),
  };
}
