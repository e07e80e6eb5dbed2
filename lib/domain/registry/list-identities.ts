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
  identityOrder,
  identitySqlOrder,
  identitySqlWhere,
  identityWhere,
  ownersMatching,
  readsOutOfOrder,
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
 * Lists with a condition no index gives in the list's order (readsOutOfOrder: a search, a tag, an owner, a
 * wildcard scope…) that the planner expects to be smaller than this are read filter-first: every matching
 * identity is found through the filter's own indexes, counted and sorted in one statement. Read in the
 * list's order instead, PostgreSQL may walk an index in that order, betting that a page of matches comes
 * early, and lose badly when they sit together far down it. Other lists are read in order: an index gives
 * their order (the composite and partial ones), or they are broad and their matches come early.
 */
export const FILTER_FIRST_BELOW = 50_000;

/** A list read in order whose estimate is this many times the exact-count limit shows the estimate uncounted. */
const COUNT_SKIPPED_FROM = 5;

/**
 * One page of the registry under the given filters and sort, with its total; all on the server.
 *
 * Reads and counts: the filter and the planner's estimate (statistics only, nothing read) decide. A list
 * expected to be small whose order no index gives is read filter-first and counted exactly by the same
 * statement. A broad one is read in its order
 * and counted up to `exactCountUpTo` (a bounded count; not at all when the estimate is many times that);
 * above that it shows the estimate, never below what this page proves, and the exact total when this page
 * is the last. A page past the end shows the last page, counted exactly.
 */
export async function listIdentities(
  { actor, db, clock, input }: UseCaseArgs,
  {
    exactCountUpTo = EXACT_COUNT_UP_TO,
    filterFirstBelow = FILTER_FIRST_BELOW,
    filterFirst: forced,
  }: {
    exactCountUpTo?: number;
    filterFirstBelow?: number;
    /** Reads filter-first (true) or in order (false) whatever the filter and the estimate (for tests). */
    filterFirst?: boolean;
  } = {},
): Promise<IdentityPage> {
  await enforce(db, clock, actor, "registry.read", { type: "registry" });
  const { page: asked, pageSize, ...filter } = await validate(listIdentitiesSchema, input);
  const now = clock.now();
  const [owners, departed] = await Promise.all([ownersMatching(db, filter.q), departedUsers(db, filter)]);
  const where = identityWhere(filter, now, owners, departed);
  const condition = identitySqlWhere(filter, now, owners, departed);
  const estimate = await estimatedRows(db, condition);
  const filterFirst = forced ?? (readsOutOfOrder(filter) && estimate < filterFirstBelow);
  const read = async (skip: number, take: number, reversed = false) =>
    filterFirst
      ? (await readFilterFirst(db, condition, filter, skip, take, reversed)).rows
      : db.identity.findMany({ where, orderBy: identityOrder(filter, reversed), skip, take, include: WITH_PEOPLE });
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
  if (asked === "last" || rows.length === 0) return lastOf(await db.identity.count({ where }));
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
  const rows = await db.identity.findMany({ where: { id: { in: found.map((r) => r.id) } }, include: WITH_PEOPLE });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: found.flatMap((r) => byId.get(r.id) ?? []), total: found[0]!.total };
}

/** How many identities match, exactly (for lists the planner expects to be small). */
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
