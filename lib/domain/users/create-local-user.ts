import { z } from "zod";
import { ROLES } from "../authz/roles";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { storableText } from "../shared/input";
import { safeText } from "../shared/safe-text";
import { hashPassword } from "./password";
import { teamField } from "./team-input";
import { auditView, toUserDto } from "./user-dto";

export const createLocalUserSchema = z.object({
  email: storableText("email")
    .trim()
    .toLowerCase()
    .pipe(z.email("email must be a valid email address"))
    .pipe(z.string().max(320, "email must be at most 320 characters")),
  name: safeText("name").trim().min(1, "name is required").max(200, "name must be at most 200 characters"),
  roles: z
    .array(z.enum(ROLES, { error: `roles must be among ${ROLES.join(", ")}` }), { error: "roles must be a list of roles" })
    .min(1, "choose at least one role"),
  password: storableText("password")
    .min(12, "password must be at least 12 characters")
    .max(1024, "password must be at most 1024 characters"),
  /** Optional: the team (limits the break-glass requests an approver decides). */
  team: teamField("team").optional(),
});

/** An admin adds a local account (for the embedded default, or break-glass access when SSO is down). */
export const createLocalUser = defineMutation({
  action: "user.create",
  input: createLocalUserSchema,
  // Two admins adding the same address at once queue here; the unique index is the last word anyway (409).
  lockKey: (input) => `user-email:${input.email}`,
  load: async () => ({ type: "console" as const }),
  async change({ tx, input: { email, name, roles, password, team } }) {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } }))
      throw new DomainError("CONFLICT", `A user with the email ${email} already exists.`, { email: ["already in use"] });
    const passwordHash = await hashPassword(password);
    const user = await tx.user.create({
      data: { email, name, roles: [...new Set(roles)].sort(), team: team ?? null, passwordHash, authSource: "local" },
    });
    return {
      result: toUserDto(user),
      events: {
        target: { type: "user", id: user.id, label: email },
        after: { ...auditView(user), ...(user.team ? { team: user.team } : {}) },
      },
    };
  },
});
