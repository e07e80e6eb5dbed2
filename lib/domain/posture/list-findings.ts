import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import { actingPerson } from "../authz/actor";
import { enforce } from "../authz/enforce";
import { DomainError } from "../shared/errors";
import { likeLiteral, storableText } from "../shared/input";
import { lastPage } from "../shared/pages";
import type { UseCase } from "../shared/use-case";
import { validate } from "../shared/validate";
import { CHECK_IDS, CHECKS, checkOf } from "./checks";
import { SEVERITIES } from "./frameworks";
import { countByMask, summarise } from "./posture-cells";

// Every posture finding of the estate as one list, paged on the server: by owner ("me" is the reader), check,
// severity, status, team, platform, environment and identity name; most severe first, then newest.

export { SEVERITIES };

/** open: as of now (an acceptance or postponement whose date passed reads open again); all: every status. */
export const FINDING_STATUSES = ["open", "accepted", "postponed", "resolved", "all"] as const;
export type FindingStatusFilter = (typeof FINDING_STATUSES)[number];
export const FINDING_STATUS_LABELS: Record<FindingStatusFilter, string> = {
  open: "Open",
  accepted: "Risk accepted",
  postponed: "Postponed",
  resolved: "Resolved",
  all: "Any status",
};

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const exact = (field: string) =>
  z.preprocess(blank, storableText(field).trim().max(200, `${field} must be at most 200 characters`).optional());

export const listFindingsSchema = z.object({
  /** A person's id, or "me": the person reading (a token's owner). */
  owner: z.preprocess(
    blank,
    z.union([z.literal("me"), z.uuid("owner must be a person's id or me")], { error: "owner must be a person's id or me" }).optional(),
  ),
  check: z.preprocess(
    blank,
    z.enum(CHECK_IDS as [string, ...string[]], { error: `check must be one of ${CHECK_IDS.join(", ")}` }).optional(),
  ),
  severity: z.preprocess(blank, z.enum(SEVERITIES, { error: `severity must be one of ${SEVERITIES.join(", ")}` }).optional()),
  status: z.preprocess(blank, z.enum(FINDING_STATUSES, { error: `status must be one of ${FINDING_STATUSES.join(", ")}` }).default("open")),
  team: exact("team"),
  platform: exact("platform"),
  environment: exact("environment"),
  /** Part of the identity's name, any case; `%` and `_` match themselves. */
  q: z.preprocess(blank, storableText("q").trim().max(200, "q must be at most 200 characters").optional()),
  page: z.preprocess(
    blank,
    z.coerce
      .number({ error: "page must be a number" })
      .int("page must be a whole number")
      .min(1, "page must be at least 1")
      .max(100_000, "page is too large")
      .default(1),
  ),
  pageSize: z.preprocess(
    blank,
    z.coerce
      .number({ error: "pageSize must be a number" })
      .int("pageSize must be a whole number")
      .min(1, "pageSize must be at least 1")
      .max(200, "pageSize must be at most 200")
      .default(50),
  ),
});

type ListFindingsInput = z.output<typeof listFindingsSchema>;

export type FindingListRow = {
  findingId: string;
  identityId: string;
  identityName: string;
  environment: string;
  /** The identity's owner's name; null when it has none. */
  ownerName: string | null;
  checkId: string;
  checkTitle: string;
  severity: string;
  /** As of now: an accepted or postponed finding whose date passed reads "open". */
  status: string;
  firstSeenAt: string;
  /** Until when it was accepted or postponed (kept when that date passed and it reads open again). */
  until: string | null;
};

export type FindingsPage = {
  asOf: string;
  items: FindingListRow[];
  total: number;
  /** The matches per severity (their sum is the total). */
  bySeverity: Record<string, number>;
  page: number;
  pageSize: number;
  /** The owner filtered on, "me" resolved to the reader's own id. */
  ownerId: string | null;
  /** What the team and platform filters offer: the registry's values (at most 200 of each). */
  options: { team: string[]; platform: string[] };
};

/**
 * The distinct values of an indexed column of Identity, one index probe per value (a loose index scan: the
 * (team, name, id) and (platform, name, id) indexes), so it costs the same for 500 identities or 500,000.
 */
function distinctValues(db: Db, column: "team" | "platform"): Promise<{ v: string }[]> {
  const c = Prisma.raw(`"${column}"`);
  return db.$queryRaw<{ v: string }[]>`
    WITH RECURSIVE d AS (
      (SELECT ${c} AS v FROM "Identity" WHERE ${c} IS NOT NULL ORDER BY ${c} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${c} FROM "Identity" WHERE ${c} > d.v ORDER BY ${c} LIMIT 1) FROM d WHERE d.v IS NOT NULL
    )
    SELECT v FROM d WHERE v IS NOT NULL LIMIT 200`;
}

/** A finding open as of `now`: open, or accepted or postponed until a date that has passed (over Finding `alias`). */
export function openFindingSql(now: Date, alias = "f"): Prisma.Sql {
  const f = Prisma.raw(`"${alias}"`);
  return Prisma.sql`(${f}.status = 'open' OR (${f}.status IN ('accepted', 'postponed') AND ${f}.until <= ${now}))`;
}

function statusSql(status: FindingStatusFilter, now: Date): Prisma.Sql {
  if (status === "open") return openFindingSql(now);
  // Still standing: an acceptance or postponement whose date has not come (one that has is listed as open).
  if (status === "accepted" || status === "postponed") return Prisma.sql`(f.status = ${status} AND (f.until IS NULL OR f.until > ${now}))`;
  if (status === "resolved") return Prisma.sql`f.status = 'resolved'`;
  return Prisma.sql`TRUE`;
}

/** Most severe first; the SQL twin of SEVERITIES' order. */
const SEVERITY_RANK = Prisma.sql`CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END`;

/**
 * Posture findings of active identities, filtered and paged on the server: most severe first, then the newest.
 * Read filter-first, as the control drill-down is: the matches come from the status indexes of Finding (or, with an
 * owner, the owner index of Identity), are counted per severity in one statement and sorted in another.
 */
export const listFindings: UseCase<z.input<typeof listFindingsSchema>, FindingsPage> = async ({ actor, db, clock, input: raw }) => {
  await enforce(db, clock, actor, "posture.read");
  const f = await validate(listFindingsSchema, raw);
  let ownerId: string | undefined = f.owner;
  if (f.owner === "me") {
    const person = actingPerson(actor);
    if (!person)
      throw new DomainError("VALIDATION", "owner: me needs a person signed in", { owner: ["owner me needs a person signed in"] });
    ownerId = person.userId;
  }
  const now = clock.now();
  const parts: Prisma.Sql[] = [Prisma.sql`i.status = 'active'`];
  if (ownerId) parts.push(Prisma.sql`i."ownerId" = ${ownerId}::uuid`);
  if (f.team) parts.push(Prisma.sql`i.team = ${f.team}`);
  if (f.platform) parts.push(Prisma.sql`i.platform = ${f.platform}`);
  if (f.environment) parts.push(Prisma.sql`i.environment = ${f.environment}`);
  if (f.check) parts.push(Prisma.sql`f."checkId" = ${f.check}`);
  if (f.severity) parts.push(Prisma.sql`f.severity = ${f.severity}`);
  if (f.q) {
    // The trigram index on the search text (lowercased name, external id and purpose) narrows; the name decides.
    const pattern = `%${likeLiteral(f.q.toLowerCase())}%`;
    parts.push(Prisma.sql`i.search LIKE ${pattern} AND lower(i.name) LIKE ${pattern}`);
  }
  const rest = Prisma.join(parts, " AND ");
  // Open findings are read in two parts, each in the list's order: those open by status (the partial index
  // "Finding_open_rank_idx" walks them most severe and newest first, so a page stops early), and the few accepted
  // or postponed whose date has passed.
  const sources =
    f.status === "open"
      ? [Prisma.sql`f.status = 'open'`, Prisma.sql`f.status IN ('accepted', 'postponed') AND f.until <= ${now}`]
      : [statusSql(f.status, now)];
  // One owner's identities are read first by their index (a few thousand at most), their findings then sorted:
  // walking the open findings in order until that owner's turn up could take the whole estate.
  const identities = ownerId ? Prisma.sql`(SELECT * FROM "Identity" WHERE "ownerId" = ${ownerId}::uuid OFFSET 0)` : Prisma.sql`"Identity"`;
  const read = (page: number) => {
    const upTo = page * f.pageSize;
    const branches = sources.map(
      (status) => Prisma.sql`(
        SELECT f.id, f."identityId", f."checkId", f.severity, f.status, f."firstSeenAt", f.until, ${SEVERITY_RANK} AS rank
        FROM "Finding" f JOIN ${identities} i ON i.id = f."identityId"
        WHERE ${status} AND ${rest}
        ORDER BY ${SEVERITY_RANK}, f."firstSeenAt" DESC, f.id LIMIT ${upTo})`,
    );
    return db.$queryRaw<
      {
        findingId: string;
        identityId: string;
        identityName: string;
        environment: string;
        ownerName: string | null;
        checkId: string;
        severity: string;
        status: string;
        firstSeenAt: Date;
        until: Date | null;
      }[]
    >`
      SELECT p.id::text AS "findingId", i.id::text AS "identityId", i.name AS "identityName", i.environment, u.name AS "ownerName",
        p."checkId", p.severity,
        CASE WHEN p.status IN ('accepted', 'postponed') AND p.until <= ${now} THEN 'open' ELSE p.status END AS status,
        p."firstSeenAt", p.until
      FROM (
        -- The page's findings first (a narrow top-N sort), then their identities and owners.
        SELECT * FROM (${Prisma.join(branches, " UNION ALL ")}) m
        ORDER BY m.rank, m."firstSeenAt" DESC, m.id
        LIMIT ${f.pageSize} OFFSET ${(page - 1) * f.pageSize}
      ) p JOIN "Identity" i ON i.id = p."identityId" LEFT JOIN "User" u ON u.id = i."ownerId"
      ORDER BY p.rank, p."firstSeenAt" DESC, p.id`;
  };
  const [counts, first, teams, platforms] = await Promise.all([
    f.status === "open" && !f.q
      ? countFromCells(db, f, ownerId)
      : db.$queryRaw<{ severity: string; n: number }[]>`
          SELECT f.severity, count(*)::int AS n FROM "Finding" f JOIN "Identity" i ON i.id = f."identityId"
          WHERE ${statusSql(f.status, now)} AND ${rest} GROUP BY f.severity`,
    read(f.page),
    distinctValues(db, "team"),
    distinctValues(db, "platform"),
  ]);
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  // A page past the end (a link kept while findings resolved) shows the last one.
  const page = first.length === 0 && f.page > 1 ? Math.min(f.page, lastPage(total, f.pageSize)) : f.page;
  const rows = page === f.page ? first : await read(page);
  return {
    asOf: now.toISOString(),
    items: rows.map((r) => ({
      ...r,
      checkTitle: checkOf(r.checkId).title,
      firstSeenAt: r.firstSeenAt.toISOString(),
      until: r.until?.toISOString() ?? null,
    })),
    total,
    bySeverity: Object.fromEntries([...counts].sort((a, b) => rank(a.severity) - rank(b.severity)).map((c) => [c.severity, c.n])),
    page,
    pageSize: f.pageSize,
    ownerId: ownerId ?? null,
    options: { team: teams.map((t) => t.v), platform: platforms.map((p) => p.v) },
  };
};

/**
 * The open findings per severity from the dashboard's stored counts (posture-cells.ts: each identity's failing
 * checks as of its last evaluation, seconds behind a change), instead of counting a million findings per view.
 */
async function countFromCells(db: Db, f: ListFindingsInput, ownerId: string | undefined): Promise<{ severity: string; n: number }[]> {
  const totals = summarise(await countByMask(db, { team: f.team, platform: f.platform, environment: f.environment, owner: ownerId }), []);
  const n = new Map<string, number>();
  for (const check of CHECKS) {
    if ((f.check && check.id !== f.check) || (f.severity && check.severity !== f.severity)) continue;
    n.set(check.severity, (n.get(check.severity) ?? 0) + (totals.checks[check.id] ?? 0));
  }
  return [...n].filter(([, count]) => count > 0).map(([severity, count]) => ({ severity, n: count }));
}

const rank = (severity: string) => {
  const at = (SEVERITIES as readonly string[]).indexOf(severity);
  return at === -1 ? SEVERITIES.length : at;
};
