import { z } from "zod";
import { enforce } from "../authz/enforce";
import type { UseCaseArgs } from "../shared/use-case";
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
  const [rows, total] = await Promise.all([
    db.identity.findMany({
      where,
      orderBy: identityOrder(filter),
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: WITH_PEOPLE,
    }),
    db.identity.count({ where }),
  ]);
  return { identities: rows.map(toIdentitySummary), total, page, pageSize };
}
