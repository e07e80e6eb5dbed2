import { z } from "zod";
import type { Db } from "@/lib/db/types";
import type { RequestContext, UserActor } from "../authz/actor";
import { toRoles } from "../authz/roles";
import { recordAuditEvent, runAudited } from "../audit/run-audited";
import type { Clock } from "../shared/clock";
import { DomainError } from "../shared/errors";
import { decoyHash, verifyPassword } from "./password";
import { releaseSucceededAttempt, reserveSignInAttempt, type SignInLimits } from "./sign-in-limits";

const schema = z.object({
  email: z.string().trim().toLowerCase().min(1).max(320),
  password: z.string().min(1).max(1024),
});

// One message for every failure: it never tells whether the account exists, is deactivated or simply
// had the wrong password. The audit log, which only admins and auditors read, records the real reason.
export const SIGN_IN_FAILED = "Sign-in failed: the email or password is not right, or this account cannot sign in.";

export async function authenticateLocal({
  db,
  clock,
  limits,
  input,
  request,
}: {
  db: Db;
  clock: Clock;
  limits: SignInLimits;
  input: unknown;
  request: RequestContext;
}): Promise<UserActor> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new DomainError("UNAUTHENTICATED", SIGN_IN_FAILED);
  const { email, password } = parsed.data;
  const anonymous = { type: "anonymous" as const, label: email, request };
  const target = { type: "user", label: email };

  const reservation = await reserveSignInAttempt(db, clock, limits, email, request.ip);
  if (!reservation.allowed) {
    await recordAuditEvent(db, clock, {
      actor: anonymous,
      action: "auth.signIn",
      target,
      outcome: "denied",
      reason: "too many failed attempts",
    });
    throw new DomainError("RATE_LIMITED", `Too many sign-in attempts. Wait ${reservation.waitMinutes} minute(s) and try again.`);
  }

  const user = await db.user.findUnique({ where: { email } });
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  const reason = !user
    ? "unknown account"
    : user.authSource !== "local"
      ? "account signs in through single sign-on"
      : !passwordOk
        ? "wrong password"
        : user.status !== "active"
          ? "account deactivated"
          : user.roles.length === 0
            ? "account has no role"
            : null;

  if (reason || !user) {
    // The attempt was recorded before the password was checked: it now stands as a failure.
    await recordAuditEvent(db, clock, {
      actor: anonymous,
      action: "auth.signIn",
      target: { ...target, id: user?.id ?? null },
      outcome: "denied",
      reason: reason ?? "unknown account",
    });
    throw new DomainError("UNAUTHENTICATED", SIGN_IN_FAILED);
  }

  const actor: UserActor = { type: "user", userId: user.id, email: user.email, name: user.name, roles: toRoles(user.roles), request };
  await runAudited(db, clock, async (tx) => {
    await releaseSucceededAttempt(tx, email, reservation);
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: clock.now() } });
    return {
      result: undefined,
      event: {
        actor,
        action: "auth.signIn",
        target: { type: "user", id: user.id, label: email },
        outcome: "allowed",
        reason: "local password",
      },
    };
  });
  return actor;
}
