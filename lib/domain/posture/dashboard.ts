import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { enforce } from "../authz/enforce";
import type { Db } from "@/lib/db/types";
import type { UseCase } from "../shared/use-case";
import { validate } from "../shared/validate";
import { CHECKS } from "./checks";
import { CONTROL_MASKS } from "./control-masks";
import { FRAMEWORK_IDS, FRAMEWORKS, type FrameworkId, type Severity } from "./frameworks";
import { countByMask, summarise } from "./posture-cells";

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
  /** Active identities (within the filters) failing at least one of the control's checks; null when no check evidences the control. */
  failing: number | null;
  passingPct: number | null;
  /** Failing identities per day (oldest first) from the daily summaries and, for today, live; the whole estate's. */
  trend: number[];
};

export type Dashboard = {
  asOf: string;
  framework: { id: FrameworkId; name: string; short: string; url: string; version: string };
  active: number;
  failing: number;
  controls: ControlStatus[];
  bySeverity: Partial<Record<Severity, number>>;
  /** Credentials expiring per week, the next eight weeks. */
  expiringPerWeek: { week: string; count: number }[];
  reviews: { run: string; runId: string; decided: number; total: number }[];
  activeElevations: number;
  topRisky: { id: string; name: string; environment: string; score: number; openChecks: string[] }[];
  /** The daily summaries' days, oldest first (the trend's x axis), with the failing identities of each; today's live. */
  days: { day: string; failing: number }[];
  /** Whether a filter narrows the figures (the trends stay the whole estate's). */
  filtered: boolean;
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
 * The posture of one framework: each control with its failing identities and the findings by severity, summed
 * from the stored counts the evaluation keeps (PostureCell; one owner's identities are counted directly), the
 * trend from the daily summaries, and the charts' figures, each one index range. Everyone reads it. Controls no
 * check evidences are listed as not evaluated, so the gap shows.
 */
export const getDashboard: UseCase<z.input<typeof dashboardFilterSchema>, Dashboard> = async ({ actor, db, clock, input: raw }) => {
  await enforce(db, clock, actor, "posture.read");
  const f = await validate(dashboardFilterSchema, raw);
  const now = clock.now();
  const framework = FRAMEWORKS[f.framework];
  const masks = CONTROL_MASKS.filter((c) => c.framework === f.framework);
  const where = filterSql(f);
  const filtered = !!(f.team || f.platform || f.environment || f.owner);
  const [counts, estate, expiring, reviews, [elevations], risky, days, options] = await Promise.all([
    countByMask(db, f),
    filtered ? countByMask(db, {}) : null,
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
    topRiskyIdentities(db, f),
    db.postureDay.findMany({ orderBy: { day: "desc" }, take: 30 }),
    db.$queryRaw<{ team: string; platform: string }[]>`
      SELECT DISTINCT team, platform FROM "PostureCell" WHERE identities > 0 ORDER BY 1, 2 LIMIT 2000`,
  ]);
  const totals = summarise(counts, masks);
  // The trend is the whole estate's: the daily summaries, today's point being the live figure (the day's summary
  // is written by the hourly run and would lag behind what the table shows).
  const today = summarise(estate ?? counts, masks);
  const todayKey = now.toISOString().slice(0, 10);
  const history = [...days].reverse().filter((d) => d.day.toISOString().slice(0, 10) !== todayKey);
  const evaluated = new Map(masks.map((c, k) => [c.controlId, { mask: c, failing: totals.controls[k] }]));
  return {
    asOf: now.toISOString(),
    framework: { id: framework.id, name: framework.name, short: framework.short, url: framework.url, version: framework.version },
    active: totals.active,
    failing: totals.failing,
    controls: framework.controls.map((control) => {
      const e = evaluated.get(control.id);
      const failing = e?.failing ?? null;
      return {
        id: control.id,
        title: control.title,
        url: control.url ?? null,
        unconfirmed: !!control.unconfirmed,
        checkIds: e?.mask.checkIds ?? [],
        failing,
        passingPct:
          failing === null ? null : totals.active === 0 ? 100 : Math.round(((totals.active - failing) / totals.active) * 1000) / 10,
        trend: e
          ? [
              ...history.map(
                (d) => ((d.summary as { controls?: Record<string, number> }).controls ?? {})[`${f.framework}:${control.id}`] ?? 0,
              ),
              today.controls[masks.indexOf(e.mask)] ?? 0,
            ]
          : [],
      };
    }),
    bySeverity: totals.bySeverity,
    expiringPerWeek: expiring.map((e) => ({ week: e.week.toISOString().slice(0, 10), count: e.n })),
    reviews: reviews.map((r) => ({ run: `${r.name} #${r.number}`, runId: r.runId, decided: r.decided, total: r.total })),
    activeElevations: elevations?.n ?? 0,
    topRisky: risky,
    days: [
      ...history.map((d) => ({ day: d.day.toISOString().slice(0, 10), failing: (d.summary as { failing?: number }).failing ?? 0 })),
      { day: todayKey, failing: today.failing },
    ],
    filtered,
    options: {
      team: [...new Set(options.map((o) => o.team).filter(Boolean))],
      platform: [...new Set(options.map((o) => o.platform))].sort(),
    },
  };
};

/**
 * The ten highest scores within the filters (the posture rows carry the filters' fields). One owner's identities
 * are read first by their index: walking the score index down until ten of theirs turn up can take the estate.
 */
async function topRiskyIdentities(db: Db, f: DashboardFilter): Promise<Dashboard["topRisky"]> {
  const parts: Prisma.Sql[] = [Prisma.sql`p.counted`, Prisma.sql`p.score > 0`];
  if (f.team) parts.push(Prisma.sql`p.team = ${f.team}`);
  if (f.platform) parts.push(Prisma.sql`p.platform = ${f.platform}`);
  if (f.environment) parts.push(Prisma.sql`p.environment = ${f.environment}`);
  const among = f.owner
    ? Prisma.sql`(SELECT id, name FROM "Identity" WHERE "ownerId" = ${f.owner}::uuid OFFSET 0)`
    : Prisma.sql`"Identity"`;
  const rows = await db.$queryRaw<{ id: string; name: string; environment: string; score: number; openChecks: bigint }[]>`
    SELECT i.id::text, i.name, p.environment, p.score, p."openChecks" FROM "IdentityPosture" p JOIN ${among} i ON i.id = p."identityId"
    WHERE ${Prisma.join(parts, " AND ")} ORDER BY p.score DESC, i.name LIMIT 10`;
  return rows.map((r) => ({ ...r, openChecks: bitsToChecks(BigInt(r.openChecks)) }));
}
