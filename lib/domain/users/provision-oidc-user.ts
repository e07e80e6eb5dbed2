import { z } from "zod";
import type { Db } from "@/lib/db/types";
import { appendAuditEvent } from "../audit/append-audit-event";
import { recordAuditEvent } from "../audit/run-audited";
import type { RequestContext, UserActor } from "../authz/actor";
import type { Role } from "../authz/roles";
import type { Clock } from "../shared/clock";
import { DomainError } from "../shared/errors";
import { auditView } from "./user-dto";

const claimsSchema = z.object({
  subject: z.string().min(1).max(255),
  email: z.string().trim().toLowerCase().email().max(320),
  name: z.string().trim().max(200).optional(),
  groups: z.array(z.string()).default([]),
});

export const SSO_REFUSED = "Single sign-on succeeded, but this console has no access for your account. Ask an admin.";

/** Roles come from the identity provider's groups at every sign-in: the IdP stays the source of truth. */
export function rolesForGroups(groups: readonly string[], roleMap: Record<string, Role[]>): Role[] {
  return [...new Set(groups.flatMap((group) => roleMap[group] ?? []))].sort();
}

/**
 * Signs in (and on first sight creates) the user behind verified OIDC claims. Refused when the account is
 * deactivated here, when no group maps to a role, or when the email belongs to a local account (linking
 * would let whoever controls that address at the IdP take the local account over).
 */
export async function provisionOidcUser({
  db,
  clock,
  claims,
  roleMap,
  request,
}: {
  db: Db;
  clock: Clock;
  claims: unknown;
  roleMap: Record<string, Role[]>;
  request: RequestContext;
}): Promise<UserActor> {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) throw new DomainError("UNAUTHENTICATED", "The identity provider did not send a subject and a valid email.");
  const { subject, email, name, groups } = parsed.data;
  const roles = rolesForGroups(groups, roleMap);
  const existing = (await db.user.findUnique({ where: { oidcSubject: subject } })) ?? (await db.user.findUnique({ where: { email } }));
  const refusal =
    existing?.authSource === "local"
      ? "email belongs to a local account"
      : existing?.status === "deactivated"
        ? "account deactivated"
        : roles.length === 0
          ? `no group maps to a role (groups: ${groups.join(", ") || "none"})`
          : null;
  if (refusal) {
    const anonymous = { type: "anonymous" as const, label: email, request };
    await recordAuditEvent(db, clock, {
      actor: anonymous,
      action: "auth.signIn",
      target: { type: "user", id: existing?.id ?? null, label: email },
      outcome: "denied",
      reason: `single sign-on: ${refusal}`,
    });
    throw new DomainError("FORBIDDEN", SSO_REFUSED);
  }
  return db.$transaction(async (tx) => {
    const data = { email, name: name || email, roles, oidcSubject: subject, authSource: "oidc" as const, lastSignInAt: clock.now() };
    const user = existing ? await tx.user.update({ where: { id: existing.id }, data }) : await tx.user.create({ data });
    const actor: UserActor = { type: "user", userId: user.id, email, name: user.name, roles, request };
    await appendAuditEvent(
      tx,
      {
        actor,
        action: "auth.signIn",
        target: { type: "user", id: user.id, label: email },
        outcome: "allowed",
        reason: existing ? "single sign-on" : "single sign-on, first sign-in: account created",
        before: existing ? auditView(existing) : null,
        after: auditView(user),
      },
      clock,
    );
    return actor;
  });
}
