import { z } from "zod";
import { enforce } from "../authz/enforce";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";

const schema = z.object({ userIds: z.array(z.uuid("userIds must be user ids")).max(200, "at most 200 userIds") });

/** How many identities a person owns and backs up: what deactivating them would leave behind. */
export type Holdings = { owner: number; backupOwner: number };

/** Holdings of the people on a page of the user list, in two grouped queries. */
export async function listHoldings({ actor, db, clock, input }: UseCaseArgs): Promise<Record<string, Holdings>> {
  await enforce(db, clock, actor, "user.list");
  const { userIds } = await validate(schema, input);
  if (userIds.length === 0) return {};
  const [owned, backedUp] = await Promise.all([
    db.identity.groupBy({ by: ["ownerId"], where: { ownerId: { in: userIds } }, _count: { _all: true } }),
    db.identity.groupBy({ by: ["backupOwnerId"], where: { backupOwnerId: { in: userIds } }, _count: { _all: true } }),
  ]);
  const holdings: Record<string, Holdings> = Object.fromEntries(userIds.map((id) => [id, { owner: 0, backupOwner: 0 }]));
  for (const row of owned) if (row.ownerId) holdings[row.ownerId]!.owner = row._count._all;
  for (const row of backedUp) if (row.backupOwnerId) holdings[row.backupOwnerId]!.backupOwner = row._count._all;
  return holdings;
}
