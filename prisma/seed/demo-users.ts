import type { Db } from "@/lib/db/types";
import { appendAuditEvent } from "@/lib/domain/audit/append-audit-event";
import { systemActor } from "@/lib/domain/authz/actor";
import type { Role } from "@/lib/domain/authz/roles";
import type { Clock } from "@/lib/domain/shared/clock";
import { hashPassword } from "@/lib/domain/users/password";

/** Published in the README: demo accounts exist only where SEED_DEMO_DATA allows (never production PostgreSQL by default). */
export const DEMO_PASSWORD = "nhi-demo-2026";

export const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: "admin@demo.local", name: "Ada Admin", roles: ["admin"] },
  { email: "owner@demo.local", name: "Omar Owner", roles: ["member"] },
  { email: "approver@demo.local", name: "Priya Approver", roles: ["approver"] },
  { email: "auditor@demo.local", name: "Aud Itor", roles: ["auditor"] },
];

/** Creates one user per persona on an empty database; does nothing once any user exists. */
export async function seedDemoUsers(db: Db, clock: Clock): Promise<number> {
  if ((await db.user.count()) > 0) return 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.$transaction(async (tx) => {
    await tx.user.createMany({ data: DEMO_USERS.map((u) => ({ ...u, passwordHash, authSource: "local" as const })) });
    await appendAuditEvent(
      tx,
      {
        actor: systemActor("system:demo-seed"),
        action: "user.seedDemo",
        target: { type: "user", label: "demo personas" },
        outcome: "allowed",
        reason: "empty database on first start with SEED_DEMO_DATA enabled",
        after: DEMO_USERS.map(({ email, roles }) => ({ email, roles })),
      },
      clock,
    );
    return DEMO_USERS.length;
  });
}
