import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { enforce } from "../authz/enforce";
import { ROLES } from "../authz/roles";
import type { UseCaseArgs } from "../shared/use-case";
import { likeLiteral, storableText } from "../shared/input";
import { lastPage } from "../shared/pages";
import { validate } from "../shared/validate";
import { toUserDto, type UserDto } from "./user-dto";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const listUsersSchema = z.object({
  q: z.preprocess(blankToUndefined, storableText("q").trim().max(200, "q must be at most 200 characters").optional()),
  role: z.preprocess(blankToUndefined, z.enum(ROLES, { error: `role must be among ${ROLES.join(", ")}` }).optional()),
  status: z.preprocess(blankToUndefined, z.enum(["active", "deactivated"], { error: "status must be active or deactivated" }).optional()),
  /** The people of one team (exact name). */
  team: z.preprocess(blankToUndefined, storableText("team").trim().max(100, "team must be at most 100 characters").optional()),
  page: z.coerce.number({ error: "page must be a number" }).int().min(1, "page must be 1 or more").max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export type UserPage = { users: UserDto[]; total: number; page: number; pageSize: number };

export async function listUsers({ actor, db, clock, input }: UseCaseArgs): Promise<UserPage> {
  await enforce(db, clock, actor, "user.list");
  const { q, role, status, team, page, pageSize } = await validate(listUsersSchema, input);
  const where: Prisma.UserWhereInput = {
    ...(q
      ? { OR: [{ email: { contains: likeLiteral(q.toLowerCase()) } }, { name: { contains: likeLiteral(q), mode: "insensitive" } }] }
      : {}),
    ...(role ? { roles: { has: role } } : {}),
    ...(status ? { status } : {}),
    ...(team ? { team } : {}),
  };
  const pageOf = (p: number) => db.user.findMany({ where, orderBy: [{ email: "asc" }], skip: (p - 1) * pageSize, take: pageSize });
  const [rows, total] = await Promise.all([pageOf(page), db.user.count({ where })]);
  // Past the end: the last page, as the registry does (list-identities.ts).
  const last = lastPage(total, pageSize);
  if (page <= last) return { users: rows.map(toUserDto), total, page, pageSize };
  return { users: (await pageOf(last)).map(toUserDto), total, page: last, pageSize };
}
