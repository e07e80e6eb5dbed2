import { z } from "zod";
import { enforce } from "../authz/enforce";
import { ROLES } from "../authz/roles";
import { runAudited } from "../audit/run-audited";
import type { UseCaseArgs } from "../shared/use-case";
import { DomainError } from "../shared/errors";
import { validate } from "../shared/validate";
import { hashPassword } from "./password";
import { auditView, toUserDto, type UserDto } from "./user-dto";

export const createLocalUserSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("email must be a valid email address")).pipe(z.string().max(320)),
  name: z.string().trim().min(1, "name is required").max(200, "name must be at most 200 characters"),
  roles: z.array(z.enum(ROLES, { error: `roles must be among ${ROLES.join(", ")}` })).min(1, "choose at least one role"),
  password: z.string().min(12, "password must be at least 12 characters").max(1024, "password must be at most 1024 characters"),
});

/** An admin adds a local account (for the embedded default, or break-glass access when SSO is down). */
export async function createLocalUser({ actor, db, clock, input }: UseCaseArgs): Promise<UserDto> {
  await enforce(db, clock, actor, "user.create");
  const { email, name, roles, password } = validate(createLocalUserSchema, input);
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new DomainError("CONFLICT", `A user with the email ${email} already exists.`, { email: ["already in use"] });
  }
  const passwordHash = await hashPassword(password);
  return runAudited(db, clock, async (tx) => {
    const user = await tx.user.create({ data: { email, name, roles: [...new Set(roles)].sort(), passwordHash, authSource: "local" } });
    return {
      result: toUserDto(user),
      event: { actor, action: "user.create", target: { type: "user", id: user.id, label: email }, outcome: "allowed", after: auditView(user) },
    };
  });
}
