import { enforce } from "../authz/enforce";
import type { UseCaseArgs } from "../shared/use-case";
import type { PersonDto } from "./identity-dto";
import { ELIGIBLE_OWNER_WHERE } from "./owner-eligibility";

const LIMIT = 2_000;

/** Active users who may own identities (a role that may own: never an auditor alone), for owner pickers. */
export async function listPeople({ actor, db, clock }: UseCaseArgs): Promise<PersonDto[]> {
  await enforce(db, clock, actor, "registry.read", { type: "registry" });
  const users = await db.user.findMany({
    where: ELIGIBLE_OWNER_WHERE,
    orderBy: [{ name: "asc" }],
    take: LIMIT,
    select: { id: true, name: true, email: true },
  });
  return users.map((u) => ({ ...u, active: true }));
}
