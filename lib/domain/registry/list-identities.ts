import { z } from "zod";
import type { Db } from "@/lib/db/types";
import { Prisma } from "@/lib/db/generated/client";
import { enforce } from "../authz/enforce";
import type { UseCaseArgs } from "../shared/use-case";
import { lastPage } from "../shared/pages";
import { validate } from "../shared/validate";
import { WITH_PEOPLE, toIdentitySummary, type IdentitySummaryDto } from "./identity-dto";
import {
  departedUsers,
  identityFilterSchema,
  identitySqlOrder,
  identitySqlWhere,
  orderSource,
  ownersMatching,
  type IdentityFilter,
} from "./identity-filter";

const pageNumber = z.coerce
  .number({ error: "page must be a number" })
  .int()
  .min(1, "page must be 1 or more")
  .max(10_000, "page must be at most 10000");

export const listIdentitiesSchema = identityFilterSchema.extend({
  /** A page number, or "last": the last page, counted exactly (what the pager links to when the total is an estimate). */
  page: z.union([z.literal("last"), pageNumber], { error: "page must be a number or last" }).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, "pageSize must be at most 200").default(50),
});

/**
 * One page and the size of the whole list. `estimated` says `total` is the planner's estimate (a broad view
 * of a large registry: "about 480,000"), not a count; it is never below what this page shows.
 */
export type IdentityPage = { identities: IdentitySummaryDto[]; total: number; estimated: boolean; page: number; pageSize: number };

/**
 * Lists read in order that are larger than this show an estimated total. Counting 500,000 rows exactly costs
 * more than the rest of the page together; counting up to this many costs a few milliseconds even when the
 * matches are spread through the table (ten times as many cost tens of milliseconds).
 */
export const EXACT_COUNT_UP_TO = 1_000;

/**
 * Lists with a condition no index gives in the list's order (orderSource "none": an owner, a flag, a departed
 * owner, an import…) that the planner expects to be smaller than this are read filter-first: every matching
 * identity is found through the filter's own indexes, counted and sorted in one statement. Read in the
 * list's order instead, PostgreSQL may walk an index in that order, betting that a page of matches comes
 * early, and lose badly when they sit together far down it.
 */
export const FILTER_FIRST_BELOW = 50_000;

/**
 * Lists whose order an index walk gives although a condition is not a plain index column (orderSource
 * "search", "tag") are read filter-first below this: a few thousand table rows, counted exactly. Above it,
 * filter-first would read one table page per match (25,000 matches: about 17,000 pages, more than the
 * default shared_buffers hold), and the walk reads a page's worth.
 */
export const WALK_FROM = 5_000;

/**
 * A tag's walk in name order reads at most this many identities beyond the page it shows. When the rest of
 * the filter rejects that many (matches that sit together far down the tag's name order), the page is read
 * filter-first instead.
 */
export const TAG_WALK_LIMIT = 2_000;

/** A list read in order whose estimate is this many times the exact-count limit shows the estimate uncounted. */
const COUNT_SKIPPED_FROM = 5;

/**
 * One page of the registry under the given filters and sort, with its total; all on the server.
 *
 * Reads and counts: the filter (orderSource) and the planner's estimate (statistics only, nothing read)
 * decide. A list expected to be small whose order no index gives is read filter-first and counted exactly by
 * the same statement. Any other is read in its order (a tag's from IdentityTag, with a bounded walk) and
 * counted up to `exactCountUpTo` (a bounded count; not at all when the estimate is many times that); above
 * that it shows the estimate, never below what this page proves, and the exact total when this page is the
 * last. A page past the end shows the last page, counted exactly.
 */
export async function listIdentities(
  { actor, db, clock, input }: UseCaseArgs,
  {
    exactCountUpTo = EXACT_COUNT_UP_TO,
    filterFirstBelow = FILTER_FIRST_BELOW,
    walkFrom = WALK_FROM,
    tagWalkLimit = TAG_WALK_LIMIT,
    filterFirst: forced,
  }: {
    exactCountUpTo?: number;
    filterFirstBelow?: number;
    walkFrom?: number;
    tagWalkLimit?: number;
    /** Reads filter-first (true) or in order (false) whatever the filter and the estimate (for tests). */
    filterFirst?: boolean;
  } = {},
): Promise<IdentityPage> {
  await enforce(db, clock, actor, "registry.read", { type: "registry" });
  const { page: asked, pageSize, ...filter } = await validate(listIdentitiesSchema, input);
  const now = clock.now();
  const [owners, departed] = await Promise.all([ownersMatching(db, filter.q), departedUsers(db, filter)]);
  const condition = identitySqlWhere(filter, now, owners, departed);
  const estimate = await estimatedRows(db, condition);
  const source = orderSource(filter);
  const filterFirst = forced ?? (source === "none" ? estimate < filterFirstBelow : source !== "index" && estimate < walkFrom);
  const read = async (skip: number, take: number, reversed = false) => {
    if (filterFirst) return (await readFilterFirst(db, condition, filter, skip, take, reversed)).rows;
    if (source !== "tag" || !filter.tag) return readInOrder(db, condition, filter, skip, take, reversed);
    const walked = await readTagWalk(db, condition, filter, filter.tag, skip, take, reversed, tagWalkLimit);
    return walked ?? (await readFilterFirst(db, condition, filter, skip, take, reversed)).rows;
  };
  const result = (rows: IdentityRow[], page: number, total: number, estimated = false): IdentityPage => ({
    identities: rows.slice(0, pageSize).map(toIdentitySummary),
    total,
    estimated,
    page,
    pageSize,
  });
  /** The last page, read backwards from the end (cheap however deep it is), for an exact total. */
  const lastOf = async (total: number) => {
    const last = lastPage(total, pageSize);
    const onLast = total - (last - 1) * pageSize;
    const rows = onLast ? await read(0, onLast, true) : [];
    return result(rows.reverse(), last, total);
  };

  if (filterFirst) {
    if (asked !== "last") {
      const { rows, total } = await readFilterFirst(db, condition, filter, (asked - 1) * pageSize, pageSize, false);
      if (rows.length > 0 || asked === 1) return result(rows, asked, total);
    }
    // The last page, or one past the end (whose read saw no row, hence no total).
    return lastOf(await countAll(db, condition));
  }

  // One row more than the page tells whether a next page exists without counting. A list the planner expects
  // to hold many times the limit is not counted at all: the bounded count would read the limit's worth of
  // matches (tens of milliseconds when they are spread through the table) only to end at the limit.
  const [rows, counted] = await Promise.all([
    asked === "last" ? Promise.resolve([]) : read((asked - 1) * pageSize, pageSize + 1),
    estimate >= COUNT_SKIPPED_FROM * exactCountUpTo ? exactCountUpTo + 1 : countUpTo(db, condition, exactCountUpTo + 1),
  ]);
  if (counted <= exactCountUpTo) {
    if (asked === "last" || asked > lastPage(counted, pageSize)) return lastOf(counted);
    return result(rows, asked, counted);
  }
  if (asked === "last" || rows.length === 0) return lastOf(await countAll(db, condition));
  const shown = (asked - 1) * pageSize + Math.min(rows.length, pageSize);
  // The last page of a broad list knows its exact total: everything before it, and what it shows.
  if (rows.length <= pageSize) return result(rows, asked, shown);
  return result(rows, asked, Math.max(estimate, exactCountUpTo + 1, shown + 1), true);
}

type IdentityRow = Prisma.IdentityGetPayload<{ include: typeof WITH_PEOPLE }>;

/**
 * A page read filter-first, with the exact number of matches: the ids and sort keys of every matching
 * identity, found through the filter's indexes, counted and sorted (a top-N sort), then those rows.
 * `OFFSET 0` fences the subquery, so the planner cannot turn it into a walk of an index in the list's order.
 * The condition is the SQL twin of Prisma's where (tests/list-filters.test.ts checks that both select the
 * same rows, and that both reads give the same pages). `total` is 0 when no row comes back (a page past the
 * end of a non-empty list, too).
 */
async function readFilterFirst(
  db: Db,
  condition: Prisma.Sql,
  filter: IdentityFilter,
  skip: number,
  take: number,
  reversed: boolean,
): Promise<{ rows: IdentityRow[]; total: number }> {
  const sortKey = Prisma.raw(`i."${filter.sort}"`);
  const found = await db.$queryRaw<{ id: string; total: number }[]>`
    SELECT s.id, (count(*) OVER ())::int AS total
    FROM (SELECT i.id, ${sortKey} FROM "Identity" i WHERE ${condition} OFFSET 0) s
    ORDER BY ${identitySqlOrder(filter, reversed, "s")} LIMIT ${take} OFFSET ${skip}`;
  if (found.length === 0) return { rows: [], total: 0 };
  return { rows: await rowsById(db, found), total: found[0]!.total };
}

/**
 * A page read in the list's order: the ids by the planner's walk of an index in that order (an index-only
 * scan when the index carries what the filter asks, as the name indexes carry the search text), then those
 * rows.
 */
async function readInOrder(
  db: Db,
  condition: Prisma.Sql,
  filter: IdentityFilter,
  skip: number,
  take: number,
  reversed: boolean,
): Promise<IdentityRow[]> {
  const found = await db.$queryRaw<{ id: string }[]>`
    SELECT i.id FROM "Identity" i WHERE ${condition}
    ORDER BY ${identitySqlOrder(filter, reversed)} LIMIT ${take} OFFSET ${skip}`;
  return rowsById(db, found);
}

/**
 * A page of a tag's identities in name order, walked from IdentityTag (tag, name, id, environment; kept by
 * triggers on Identity, so its name is the identity's), each checked against the whole filter. The walk
 * reads at most `limit` identities beyond the page: when it ends there without filling the page (the rest of
 * the filter rejects what comes first), null, and the page is read filter-first instead.
 */
async function readTagWalk(
  db: Db,
  condition: Prisma.Sql,
  filter: IdentityFilter,
  tag: string,
  skip: number,
  take: number,
  reversed: boolean,
  limit: number,
): Promise<IdentityRow[] | null> {
  // The list's order on IdentityTag's columns: identitySqlOrder's for the name sort.
  const order = Prisma.raw(`t.name ${(filter.dir === "asc") !== reversed ? "ASC" : "DESC"}, t."identityId" ${reversed ? "DESC" : "ASC"}`);
  const walk = skip + take + limit;
  // IdentityTag carries the environment (its own index in name order): a tag in one environment is walked
  // directly, however far down the tag's names that environment's identities sit.
  const walked = filter.environment ? Prisma.sql`t.tag = ${tag} AND t.environment = ${filter.environment}` : Prisma.sql`t.tag = ${tag}`;
  const found = await db.$queryRaw<{ id: string }[]>`
    SELECT t."identityId" AS id
    FROM (SELECT t."identityId", t.name FROM "IdentityTag" t WHERE ${walked} ORDER BY ${order} LIMIT ${walk}) t
    JOIN "Identity" i ON i.id = t."identityId"
    WHERE ${condition}
    ORDER BY ${order} LIMIT ${take} OFFSET ${skip}`;
  if (found.length < take) {
    const [cut] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT 1 FROM "IdentityTag" t WHERE ${walked} LIMIT ${walk}) w`;
    if ((cut?.n ?? 0) >= walk) return null;
  }
  return rowsById(db, found);
}

/** The rows of these identities (with their owners), in the order of `found`. */
async function rowsById(db: Db, found: { id: string }[]): Promise<IdentityRow[]> {
  if (found.length === 0) return [];
  const rows = await db.identity.findMany({ where: { id: { in: found.map((r) => r.id) } }, include: WITH_PEOPLE });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return found.flatMap((r) => byId.get(r.id) ?? []);
}

/** How many identities match, exactly. */
async function countAll(db: Db, condition: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Identity" i WHERE ${condition}`;
  return row?.n ?? 0;
}

/**
 * How many identities match, counting no further than `limit`. In SQL: Prisma's count with `take` orders
 * its subquery by id, which walks the primary key through every identity that does not match.
 */
async function countUpTo(db: Db, condition: Prisma.Sql, limit: number): Promise<number> {
  const [row] = await db.$queryRaw<
    { n: number }[]
  >`SELECT count(*)::int AS n FROM (SELECT 1 FROM "Identity" i WHERE ${condition} LIMIT ${limit}) c`;
  return row?.n ?? 0;
}

/** The planner's estimate of how many identities match (EXPLAIN: statistics only, nothing is read). */
async function estimatedRows(db: Db, condition: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ "QUERY PLAN": unknown }[]>`EXPLAIN (FORMAT JSON) SELECT 1 FROM "Identity" i WHERE ${condition}`;
  const raw = row?.["QUERY PLAN"];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as [{ Plan: { "Plan Rows": number } }];
  return Math.round(plan[0].Plan["Plan Rows"]);
}
