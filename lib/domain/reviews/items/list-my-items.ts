import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import { actingPerson } from "../../authz/actor";
import { enforce } from "../../authz/enforce";
import { ENVIRONMENTS, KINDS } from "../../registry/vocabulary";
import { likeLiteral, storableText } from "../../shared/input";
import { lastPage } from "../../shared/pages";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { type Decision, RECOMMENDATIONS, RISKS } from "../vocabulary";

export const INBOX_SORTS = ["due", "name", "risks", "lastUsed"] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
export const INBOX_SORT_LABELS: Record<InboxSort, string> = {
  due: "Due date",
  name: "Name",
  risks: "Number of risks",
  lastUsed: "Last used",
};
/** Each sort's natural direction: soonest due, A to Z, riskiest first, longest unused (or never) first. */
const DEFAULT_DIR: Record<InboxSort, "asc" | "desc"> = { due: "asc", name: "asc", risks: "desc", lastUsed: "asc" };

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const choice = <T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: `${field} must be one of ${values.join(", ")}` }).optional());

export const listMyItemsSchema = z.object({
  /** One run only (the link of a review.assigned notice). */
  run: z.preprocess(blankToUndefined, z.uuid("run must be a review run id").optional()),
  /** undecided: no decision yet; decided: a decision is recorded (it may still change until the stage ends). */
  status: choice("status", ["undecided", "decided"] as const),
  recommendation: choice("recommendation", RECOMMENDATIONS),
  risk: choice("risk", RISKS),
  environment: choice("environment", ENVIRONMENTS),
  kind: choice("kind", KINDS),
  /** Part of the identity's name (% and _ match themselves). */
  q: z.preprocess(blankToUndefined, storableText("q").trim().max(200, "q must be at most 200 characters").optional()),
  sort: z.preprocess(blankToUndefined, z.enum(INBOX_SORTS, { error: `sort must be one of ${INBOX_SORTS.join(", ")}` }).default("due")),
  dir: choice("dir", ["asc", "desc"] as const),
  page: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "page must be a number" })
      .int("page must be a whole number")
      .min(1, "page must be 1 or more")
      .max(10_000, "page must be at most 10000")
      .default(1),
  ),
  pageSize: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "pageSize must be a number" })
      .int("pageSize must be a whole number")
      .min(1, "pageSize must be 1 or more")
      .max(200, "pageSize must be at most 200")
      .default(50),
  ),
});
export type ListMyItemsInput = z.output<typeof listMyItemsSchema>;

/** One row of the reviewer's inbox. */
export type InboxItemDto = {
  id: string;
  identityId: string;
  name: string;
  kind: string;
  platform: string;
  environment: string;
  risks: string[];
  recommendation: string;
  recommendationReason: string;
  decision: Decision | null;
  decidedAt: string | null;
  lastUsedAt: string | null;
  usage: string;
  stage: number;
  /** owner, backup_owner, fallback, campaign_owner, reassigned, second_stage; "added" when escalation or "don't know" added me. */
  rung: string;
  scopes: number;
  riskyScopes: number;
  run: { id: string; number: number; campaignName: string; dueAt: string; endsAt: string };
};

/** My progress in one open run: everything assigned to me there, whatever the filters. */
export type InboxRunProgress = {
  runId: string;
  number: number;
  campaignName: string;
  dueAt: string;
  endsAt: string;
  decided: number;
  total: number;
};

export type InboxPage = { items: InboxItemDto[]; total: number; page: number; pageSize: number; runs: InboxRunProgress[] };

type Row = Omit<InboxItemDto, "decidedAt" | "lastUsedAt" | "run" | "decision"> & {
  decision: string | null;
  decidedAt: Date | null;
  lastUsedAt: Date | null;
  runId: string;
  runNumber: number;
  campaignName: string;
  dueAt: Date;
  endsAt: Date;
  total: number;
};

/**
 * The items assigned to me (as the reviewer, or added by escalation or "don't know") in every open run at the
 * item's stage, filtered, sorted and paged on the server, with my progress per run.
 *
 * Cost: the items are found through the (reviewerId, runId, decidedAt) index and the GIN index of
 * extraReviewerIds (a BitmapOr), so an owner with 5,000 items among 500,000 reads those 5,000 rows and no
 * other; the filters, the count (a window count over the matches) and a top-N sort run over them in one
 * statement, and the scope counts only for the page's rows. The progress is one grouped count over the
 * same matches.
 */
export async function listMyItems({ actor, db, clock, input }: UseCaseArgs): Promise<InboxPage> {
  await enforce(db, clock, actor, "review.inbox");
  const filter = await validate(listMyItemsSchema, input);
  const me = actingPerson(actor)!.userId;
  const [runs, first] = await Promise.all([progress(db, me), readPage(db, me, filter, filter.page)]);
  let { rows, page } = first;
  let total = rows[0]?.total ?? 0;
  // A page past the end shows the last page (its count comes with it).
  if (rows.length === 0 && filter.page > 1) {
    const [{ n }] = (await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "ReviewItem" it JOIN "ReviewRun" r ON r.id = it."runId"
      WHERE ${Prisma.join(conditions(me, filter), " AND ")}`) as [{ n: number }];
    total = n;
    if (n > 0) ({ rows, page } = await readPage(db, me, filter, lastPage(n, filter.pageSize)));
    else page = 1;
  }
  return {
    items: rows.map(toDto),
    total,
    page,
    pageSize: filter.pageSize,
    runs,
  };
}

/** Mine, in a run that takes decisions at the item's stage: the base of every inbox read. */
function mine(me: string): Prisma.Sql[] {
  return [
    Prisma.sql`(it."reviewerId" = ${me}::uuid OR it."extraReviewerIds" @> ARRAY[${me}]::text[])`,
    Prisma.sql`r.status = 'open'`,
    Prisma.sql`r.stage = it.stage`,
  ];
}

function conditions(me: string, f: ListMyItemsInput): Prisma.Sql[] {
  const parts = mine(me);
  if (f.run) parts.push(Prisma.sql`it."runId" = ${f.run}::uuid`);
  if (f.status === "undecided") parts.push(Prisma.sql`it.decision IS NULL`);
  if (f.status === "decided") parts.push(Prisma.sql`it.decision IS NOT NULL`);
  if (f.recommendation) parts.push(Prisma.sql`it.recommendation = ${f.recommendation}`);
  if (f.risk) parts.push(Prisma.sql`it.risks @> ARRAY[${f.risk}]::text[]`);
  if (f.environment) parts.push(Prisma.sql`it.environment = ${f.environment}`);
  if (f.kind) parts.push(Prisma.sql`it.kind = ${f.kind}`);
  if (f.q) parts.push(Prisma.sql`it.name ILIKE ${`%${likeLiteral(f.q)}%`}`);
  return parts;
}

function orderBy(f: ListMyItemsInput): Prisma.Sql {
  const asc = (f.dir ?? DEFAULT_DIR[f.sort]) === "asc";
  const dir = Prisma.raw(asc ? "ASC" : "DESC");
  // Ties always broken by name then id, so pages never overlap or skip.
  const tail = Prisma.sql`it.name ASC, it.id ASC`;
  switch (f.sort) {
    case "due":
      return Prisma.sql`r."dueAt" ${dir}, ${tail}`;
    case "name":
      return Prisma.sql`it.name ${dir}, it.id ${dir}`;
    case "risks":
      return Prisma.sql`cardinality(it.risks) ${dir}, ${tail}`;
    case "lastUsed":
      // Never used (or not known) counts as the longest unused: first when ascending.
      return Prisma.sql`it."lastUsedAt" ${dir} NULLS ${Prisma.raw(asc ? "FIRST" : "LAST")}, ${tail}`;
  }
}

async function readPage(db: Db, me: string, f: ListMyItemsInput, page: number): Promise<{ rows: Row[]; page: number }> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT p.*, s.scopes, s."riskyScopes" FROM (
      SELECT it.id, it."identityId", it.name, it.kind, it.platform, it.environment, it.risks, it.recommendation,
        it."recommendationReason", it.decision, it."decidedAt", it."lastUsedAt", it.usage, it.stage,
        CASE WHEN it."reviewerId" = ${me}::uuid THEN it."reviewerRung" ELSE 'added' END AS rung,
        it."runId", r.number AS "runNumber", c.name AS "campaignName", r."dueAt", r."endsAt",
        (count(*) OVER ())::int AS total,
        row_number() OVER (ORDER BY ${orderBy(f)}) AS ord
      FROM "ReviewItem" it
      JOIN "ReviewRun" r ON r.id = it."runId"
      JOIN "ReviewCampaign" c ON c.id = r."campaignId"
      WHERE ${Prisma.join(conditions(me, f), " AND ")}
      ORDER BY ${orderBy(f)}
      LIMIT ${f.pageSize} OFFSET ${(page - 1) * f.pageSize}
    ) p
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS scopes, (count(*) FILTER (WHERE sc.risky))::int AS "riskyScopes"
      FROM "ReviewItemScope" sc WHERE sc."itemId" = p.id
    ) s ON TRUE
    ORDER BY p.ord`;
  return { rows, page };
}

async function progress(db: Db, me: string): Promise<InboxRunProgress[]> {
  const rows = await db.$queryRaw<(Omit<InboxRunProgress, "dueAt" | "endsAt"> & { dueAt: Date; endsAt: Date })[]>`
    SELECT it."runId", r.number, c.name AS "campaignName", r."dueAt", r."endsAt",
      count(it.decision)::int AS decided, count(*)::int AS total
    FROM "ReviewItem" it
    JOIN "ReviewRun" r ON r.id = it."runId"
    JOIN "ReviewCampaign" c ON c.id = r."campaignId"
    WHERE ${Prisma.join(mine(me), " AND ")}
    GROUP BY it."runId", r.number, c.name, r."dueAt", r."endsAt"
    ORDER BY r."dueAt", c.name, it."runId"`;
  return rows.map((r) => ({ ...r, dueAt: r.dueAt.toISOString(), endsAt: r.endsAt.toISOString() }));
}

function toDto(r: Row): InboxItemDto {
  return {
    id: r.id,
    identityId: r.identityId,
    name: r.name,
    kind: r.kind,
    platform: r.platform,
    environment: r.environment,
    risks: r.risks,
    recommendation: r.recommendation,
    recommendationReason: r.recommendationReason,
    decision: r.decision as Decision | null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    usage: r.usage,
    stage: r.stage,
    rung: r.rung,
    scopes: r.scopes,
    riskyScopes: r.riskyScopes,
    run: { id: r.runId, number: r.runNumber, campaignName: r.campaignName, dueAt: r.dueAt.toISOString(), endsAt: r.endsAt.toISOString() },
  };
}
