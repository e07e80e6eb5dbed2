import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { actingPerson } from "../authz/actor";
import { enforce } from "../authz/enforce";
import type { UseCase } from "../shared/use-case";
import { validate } from "../shared/validate";

export const requestableIdentitiesSchema = z.object({
  q: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(200, "q must be at most 200 characters").optional()),
});

export type RequestableIdentity = { id: string; name: string; environment: string; platform: string };

const SHOWN = 50;

/**
 * The active identities the person may ask an elevation of, for the request form's picker: the ones they own
 * or back up (admins: any), by name, at most 50. The request itself is judged again when it is filed.
 */
export const requestableIdentities: UseCase<z.input<typeof requestableIdentitiesSchema>, RequestableIdentity[]> = async ({
  actor,
  db,
  clock,
  input: raw,
}) => {
  await enforce(db, clock, actor, "breakglass.read");
  const { q } = await validate(requestableIdentitiesSchema, raw);
  const person = actingPerson(actor);
  if (!person) return [];
  const where: Prisma.IdentityWhereInput[] = [{ status: "active" }];
  if (!person.roles.includes("admin")) where.push({ OR: [{ ownerId: person.userId }, { backupOwnerId: person.userId }] });
  if (q) where.push({ name: { contains: q, mode: "insensitive" } });
  return db.identity.findMany({
    where: { AND: where },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: SHOWN,
    select: { id: true, name: true, environment: true, platform: true },
  });
};
