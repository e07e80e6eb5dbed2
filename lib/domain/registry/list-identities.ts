import { z } from "zod";
import { enforce } from "../authz/enforce";
import type { UseCaseArgs } from "../shared/use-case";
import { lastPage } from "../shared/pages";
import { validate } from "../shared/validate";
import { WITH_PEOPLE, toIdentitySummary, type IdentitySummaryDto } from "./identity-dto";
import { identityFilterSchema, identityOrder, identityWhere, ownersMatching } from "./identity-filter";

export const listIdentitiesSchema = identityFilterSchema.extend({
  page: z.coerce.number({ error: "page must be a number" }).int().min(1, "page must be 1 or more").max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, "pageSize must be at most 200").default(50),
});

export type IdentityPage = { identities: IdentitySummaryDto[]; total: number; page: number; pageSize: number };

/** One page of the registry under the given filters and sort, with the total count; all on the server. */
export async function listIdentities({ actor, db, clock, input }: UseCaseArgs): Promise<IdentityPage> {
  await enforce(db, clock, actor, "registry.read", { type: "registry" });
  const { page, pageSize, ...filter } = await validate(listIdentitiesSchema, input);
  const where = identityWhere(filter, clock.now(), await ownersMatching(db, filter.q));
  const pageOf = (p: number) =>
    db.identity.findMany({ where, orderBy: identityOrder(filter), skip: (p - 1) * pageSize, take: pageSize, include: WITH_PEOPLE });
  const [rows, total] = await Promise.all([pageOf(page), db.identity.count({ where })]);
  // A page past the end (an old link, a filter that narrowed) shows the last page rather than "no results".
  // Only then is a second query spent: the common case stays one round trip.
  const last = lastPage(total, pageSize);
  if (page <= last) return { identities: rows.map(toIdentitySummary), total, page, pageSize };
  return { identities: (await pageOf(last)).map(toIdentitySummary), total, page: last, pageSize };
}
