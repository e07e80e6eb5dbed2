import { enforce } from "../authz/enforce";
import type { UseCaseArgs } from "../shared/use-case";
import type { PersonDto } from "./identity-dto";

const LIMIT = 2_000;

/** Active users who can own identities, for owner pickers. */
export async function listPeople({ actor, db, clock }: UseCaseArgs): Promise<PersonDto[]> {
  await enforce(db, clock, actor, "registry.read", { type: "registry" });
  const users = await db.user.findMany({
    where: { status: "active" },
    orderBy: [{ name: "asc" }],
    take: LIMIT,
    select: { id: true, name: true, email: true },
  });
  return users.map((u) => ({ ...u, active: true }));
}
