import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { enforce } from "../authz/enforce";
import type { UseCase } from "../shared/use-case";
import { validate } from "../shared/validate";
import { CHECKS } from "./checks";
import { CONTROL_MASKS } from "./control-masks";
import { FRAMEWORK_IDS, FRAMEWORKS, type FrameworkId } from "./frameworks";

const blank = (v: unknown) => (v === "" ? undefined : v);
const text = (field: string) => z.preprocess(blank, z.string().trim().max(200, `${field} must be at most 200 characters`).optional());

export const dashboardFilterSchema = z.object({
  framework: z.preprocess(
    blank,
    z.enum(FRAMEWORK_IDS, { error: `framework must be one of ${FRAMEWORK_IDS.join(", ")}` }).default("owasp-nhi"),
  ),
  team: text("team"),
  platform: text("platform"),
  environment: text("environment"),
  owner: z.preprocess(blank, z.uuid("owner must be a person's id").optional()),
});
export type DashboardFilter = z.output<typeof dashboardFilterSchema>;

export type ControlStatus = {
  id: string;
  title: string;
  url: string | null;
  unconfirmed: boolean;
  checkIds: string[];
  /** Active identities (within the filters) failing at least one of the control's checks. */
  failing: number;
  passingPct: number;
  /** Failing identities per day (oldest first) from the daily summaries, without filters. */
  trend: number[];
};

export type Dashboard = {
  asOf: string;
  framework: { id: FrameworkId; name: string; short: string; url: string; version: string };
  active: number;
  failing: number;
  controls: ControlStatus[];
  bySeverity: Record<string, number>;
  /** Credentials expiring per week, the next eight weeks. */
  expiringPerWeek: { week: string; count: number }[];
  reviews: { run: string; runId: string; decided: number; total: number }[];
  activeElevations: number;
  topRisky: { id: string; name: string; environment: string; score: number; openChecks: string[] }[];
  /** The daily summaries' days, oldest first (the trend's x axis), with the failing identities of each. */
  days: { day: string; failing: number }[];
  /** What the filters offer (the estate's teams and platforms). */
  options: { team: string[]; platform: string[] };
};

/** The filters as SQL over "Identity" i. */
export function filterSql(f: Pick<DashboardFilter, "team" | "platform" | "environment" | "owner">): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`i.status = 'active'`];
  if (f.team) parts.push(Prisma.sql`i.team = ${f.team}`);
  if (f.platform) parts.push(Prisma.sql`i.platform = ${f.platform}`);
  if (f.environment) parts.push(Prisma.sql`i.environment = ${f.environment}`);
  if (f.owner) parts.push(Prisma.sql`i."ownerId" = ${f.owner}::uuid`);
  return Prisma.join(parts, " AND ");
}

const bitsToChecks = (mask: bigint) => CHECKS.filter((_, bit) => (mask & (1n << BigInt(bit))) !== 0n).map((c) => c.id);

/**
 * The posture of one framework: each control with its failing identities (one pass over IdentityPosture, the
 * bits the evaluation keeps), the trend from the daily summaries, and the charts' figures. Everyone reads it.
 */
export const getDashboard: UseCase<z.input<typeof dashboardFilterSchema>, Dashboard> = async ({ actor, db, clock, input: raw }) => {
  await enforce(db, clock, actor, "posture.read");
  const f = await validate(dashboardFilterSchema, raw);
  const now = clock.now();
  const framework = FRAMEWORKS[f.framework];
  const masks = CONTROL_MASKS.filter((c) => c.framework === f.framework);
  const where = filterSql(f);
  const counters = masks.length
    ? Prisma.join(
        masks.map(
          (c, k) => Prisma.sql`count(*) FILTER (WHERE p."openChecks" & ${c.mask.toString()}::bigint <> 0)::int AS ${Prisma.raw(`"c${k}"`)}`,
        ),
        ", ",
      )
    : Prisma.sql`0 AS c0`;
  const [[failingRow], [activeRow], severity, expiring, reviews, [elevations], risky, days, teams, platforms] = await Promise.all([
    db.$queryRaw<Record<string, number>[]>`
      SELECT ${counters}, count(*)::int AS failing FROM "IdentityPosture" p JOIN "Identity" i ON i.id = p."identityId"
      WHERE p."openChecks" <> 0 AND ${where}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Identity" i WHERE ${where}`,
    db.$queryRaw<{ severity: string; n: number }[]>`
      SELECT f.severity, count(*)::int AS n FROM "Finding" f JOIN "Identity" i ON i.id = f."identityId"
      WHERE (f.status = 'open' OR (f.status IN ('accepted', 'postponed') AND f.until <= ${now})) AND ${where}
      GROUP BY f.severity`,
    db.$queryRaw<{ week: Date; n: number }[]>`
      SELECT date_trunc('week', i."credentialExpiresAt") AS week, count(*)::int AS n FROM "Identity" i
      WHERE i."credentialExpiresAt" >= ${now} AND i."credentialExpiresAt" < ${now}::timestamptz + interval '56 days' AND ${where}
      GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ runId: string; name: string; number: number; decided: number; total: number }[]>`
      SELECT r.id::text AS "runId", r.settings->>'campaignName' AS name, r.number,
        (SELECT count(*)::int FROM "ReviewItem" it WHERE it."runId" = r.id AND it."decidedAt" IS NOT NULL) AS decided, r."itemCount" AS total
      FROM "ReviewRun" r WHERE r.status IN ('open', 'closing') ORDER BY r."dueAt" LIMIT 8`,
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "BreakGlassRequest" r
      WHERE r.status = 'approved' AND r."activeFrom" <= ${now} AND r."expiresAt" > ${now}`,
    db.$queryRaw<{ id: string; name: string; environment: string; score: number; openChecks: bigint }[]>`
      SELECT i.id::text, i.name, i.environment, p.score, p."openChecks" FROM "IdentityPosture" p JOIN "Identity" i ON i.id = p."identityId"
      WHERE p.score > 0 AND ${where} ORDER BY p.score DESC, i.name LIMIT 10`,
    db.postureDay.findMany({ orderBy: { day: "desc" }, take: 30 }),
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT team AS v FROM "Identity" WHERE team IS NOT NULL ORDER BY 1 LIMIT 200`,
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT platform AS v FROM "Identity" ORDER BY 1 LIMIT 200`,
  ]);
  const active = activeRow?.n ?? 0;
  const history = [...days].reverse();
  return {
    asOf: now.toISOString(),
    framework: { id: framework.id, name: framework.name, short: framework.short, url: framework.url, version: framework.version },
    active,
    failing: failingRow?.failing ?? 0,
    controls: masks.map((c, k) => {
      const control = framework.controls.find((x) => x.id === c.controlId)!;
      const failing = failingRow?.[`c${k}`] ?? 0;
      return {
        id: c.controlId,
        title: control.title,
        url: control.url ?? null,
        unconfirmed: !!control.unconfirmed,
        checkIds: c.checkIds,
        failing,
        passingPct: active === 0 ? 100 : Math.round(((active - failing) / active) * 1000) / 10,
        trend: history.map(
          (d) => ((d.summary as { controls?: Record<string, number> }).controls ?? {})[`${c.framework}:${c.controlId}`] ?? 0,
        ),
      };
    }),
    bySeverity: Object.fromEntries(severity.map((s) => [s.severity, s.n])),
    expiringPerWeek: expiring.map((e) => ({ week: e.week.toISOString().slice(0, 10), count: e.n })),
    reviews: reviews.map((r) => ({ run: `${r.name} #${r.number}`, runId: r.runId, decided: r.decided, total: r.total })),
    activeElevations: elevations?.n ?? 0,
    topRisky: risky.map((r) => ({
      id: r.id,
      name: r.name,
      environment: r.environment,
      score: r.score,
      openChecks: bitsToChecks(BigInt(r.openChecks)),
    })),
    days: history.map((d) => ({ day: d.day.toISOString().slice(0, 10), failing: (d.summary as { failing?: number }).failing ?? 0 })),
    options: { team: teams.map((t) => t.v), platform: platforms.map((p) => p.v) },
  };
};
