import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import { enforce } from "../../authz/enforce";
import { likeLiteral, storableText } from "../../shared/input";
import { lastPage } from "../../shared/pages";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { peopleByIds } from "../campaigns/campaign-dto";
import { optionalOneOf, pageField } from "../campaigns/list-input";
import { DECISIONS, RECOMMENDATIONS, REMEDIATION_STATUSES, RISKS } from "../vocabulary";
import { itemPeopleIds, type RunItemDto, toRunItemDto } from "./item-dto";

export const RUN_ITEMS_PAGE_SIZE = 25;
/** What becomes of an item (ReviewItem.outcome); `pending` filters items with none yet. */
export const OUTCOME_FILTERS = [
  "pending",
  "kept",
  "kept_flagged",
  "changed",
  "suspended",
  "decommission_pending",
  "decommissioned",
  "transferred",
  "rolled_back",
] as const;

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const listRunItemsSchema = z.object({
  runId: z.uuid("runId must be a review run's id"),
  /** A reviewer's id, or `none` for the items nobody could be assigned. */
  reviewer: z.preprocess(blank, z.union([z.literal("none"), z.uuid()], { error: "reviewer must be a person's id or none" }).optional()),
  decided: optionalOneOf("decided", ["yes", "no"] as const),
  decision: optionalOneOf("decision", DECISIONS),
  outcome: optionalOneOf("outcome", OUTCOME_FILTERS),
  remediation: optionalOneOf("remediation", REMEDIATION_STATUSES),
  risk: optionalOneOf("risk", RISKS),
  recommendation: optionalOneOf("recommendation", RECOMMENDATIONS),
  q: z.preprocess(blank, storableText("q").trim().max(200, "q must be at most 200 characters").optional()),
  page: pageField,
});
export type RunItemFilter = z.infer<typeof listRunItemsSchema>;

export type RunItemPage = { items: RunItemDto[]; total: number; page: number; pageSize: number };

export function runItemWhere(f: RunItemFilter): Prisma.ReviewItemWhereInput {
  const and: Prisma.ReviewItemWhereInput[] = [{ runId: f.runId }];
  if (f.reviewer) and.push({ reviewerId: f.reviewer === "none" ? null : f.reviewer });
  if (f.decided) and.push({ decision: f.decided === "yes" ? { not: null } : null });
  if (f.decision) and.push({ decision: f.decision });
  if (f.outcome) and.push({ outcome: f.outcome === "pending" ? null : f.outcome });
  if (f.remediation) and.push({ remediationStatus: f.remediation });
  if (f.risk) and.push({ risks: { has: f.risk } });
  if (f.recommendation) and.push({ recommendation: f.recommendation });
  if (f.q) {
    const contains = { contains: likeLiteral(f.q), mode: "insensitive" as const };
    and.push({ OR: [{ name: contains }, { externalId: contains }] });
  }
  return { AND: and };
}

/** The scopes of the given items by decision, in one grouped read. */
export async function scopeCounts(db: Db, itemIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (!itemIds.length) return out;
  const rows = await db.reviewItemScope.groupBy({
    by: ["itemId", "decision"],
    where: { itemId: { in: [...itemIds] } },
    _count: { _all: true },
  });
  for (const r of rows) {
    const entry = out.get(r.itemId) ?? {};
    entry[r.decision ?? "undecided"] = r._count._all;
    out.set(r.itemId, entry);
  }
  return out;
}

/**
 * A run's items, a page at a time, filtered as in the campaign page's URL (admins and auditors: review.list).
 * Ordered by name then id so pages never overlap.
 */
export async function listRunItems({ actor, db, clock, input }: UseCaseArgs): Promise<RunItemPage> {
  await enforce(db, clock, actor, "review.list");
  const f = await validate(listRunItemsSchema, input);
  const where = runItemWhere(f);
  const total = await db.reviewItem.count({ where });
  const page = Math.min(f.page, lastPage(total, RUN_ITEMS_PAGE_SIZE));
  const rows = await db.reviewItem.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (page - 1) * RUN_ITEMS_PAGE_SIZE,
    take: RUN_ITEMS_PAGE_SIZE,
  });
  const [people, scopes] = await Promise.all([
    peopleByIds(db, rows.flatMap(itemPeopleIds)),
    scopeCounts(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return { items: rows.map((r) => toRunItemDto(r, people, scopes.get(r.id) ?? {})), total, page, pageSize: RUN_ITEMS_PAGE_SIZE };
}
