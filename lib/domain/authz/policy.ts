import type { Actor } from "./actor";
import type { Role } from "./roles";

// The one policy module. Every page loader, server action and route handler asks it, per request, through
// `enforce` (enforce.ts). Default is deny: an action, role or target it does not know is refused.
// Later features add their actions and rules here; nothing else decides who may do what.

export const ACTIONS = [
  "console.view",
  "audit.read",
  "audit.export",
  "audit.verify",
  "user.list",
  "user.create",
  "user.setRoles",
  "user.deactivate",
  "user.reactivate",
  "registry.read",
  "registry.export",
  "registry.import",
  "identity.create",
  "identity.update",
  "identity.setStatus",
  "identity.rotate",
  "identity.entitlements",
  "identity.transfer",
  "identity.bulkTransfer",
] as const;
export type Action = (typeof ACTIONS)[number];

/** What the policy needs to know about a user being changed: its current state, not just its id. */
export type UserTarget = {
  type: "user";
  id: string;
  label?: string;
  roles: readonly Role[];
  active: boolean;
  activeAdminCount: number;
  /** For user.setRoles: the roles it would have afterwards. */
  nextRoles?: readonly Role[];
};

/** An identity in the registry, as far as ownership goes (for identity.create: the one to be created). */
export type IdentityTarget = {
  type: "identity";
  id: string | null;
  label?: string;
  ownerId: string | null;
  backupOwnerId: string | null;
};

export type Target = UserTarget | IdentityTarget | { type: "console" } | { type: "audit-log" } | { type: "registry" };

export type Decision = { allowed: true } | { allowed: false; reason: string };

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** Which roles may attempt each action at all; state rules below may still refuse. */
const ROLE_GRANTS: Record<Action, readonly Role[]> = {
  "console.view": ["admin", "approver", "auditor", "member"],
  "audit.read": ["admin", "auditor"],
  "audit.export": ["admin", "auditor"],
  "audit.verify": ["admin", "auditor"],
  "user.list": ["admin", "auditor"],
  "user.create": ["admin"],
  "user.setRoles": ["admin"],
  "user.deactivate": ["admin"],
  "user.reactivate": ["admin"],
  "registry.read": ["admin", "approver", "auditor", "member"],
  "registry.export": ["admin", "approver", "auditor", "member"],
  "registry.import": ["admin"],
  "identity.create": ["admin", "member"],
  "identity.update": ["admin", "member"],
  "identity.setStatus": ["admin", "member"],
  "identity.rotate": ["admin", "member"],
  "identity.entitlements": ["admin", "member"],
  "identity.transfer": ["admin", "member"],
  "identity.bulkTransfer": ["admin"],
};

/** Changes an owner may make to the identities they own (or back up); admins may make them to any. */
const OWNER_ACTIONS: readonly Action[] = [
  "identity.create",
  "identity.update",
  "identity.setStatus",
  "identity.rotate",
  "identity.entitlements",
  "identity.transfer",
];

/** The console's own jobs (CLI verification, start-up) may read the audit log, nothing more. */
const SYSTEM_GRANTS: readonly Action[] = ["audit.read", "audit.verify"];

/** Whether the actor may attempt the action at all, before any target is looked at. */
export function mayAttempt(actor: Actor, action: Action): Decision {
  const granted = ROLE_GRANTS[action];
  if (!granted) return deny(`unknown action ${action}`);
  if (actor.type === "system") return SYSTEM_GRANTS.includes(action) ? allow : deny("not a system action");
  if (actor.type !== "user") return deny("not signed in");
  if (!actor.roles.some((role) => granted.includes(role))) {
    return deny(`requires one of the roles ${granted.join(", ")}`);
  }
  return allow;
}

export function authorize(actor: Actor, action: Action, target?: Target): Decision {
  const attempt = mayAttempt(actor, action);
  if (!attempt.allowed || actor.type !== "user") return attempt;
  if (OWNER_ACTIONS.includes(action)) return ownershipRule(actor.userId, actor.roles, target);
  return stateRules(actor.userId, action, target);
}

function ownershipRule(actorId: string, roles: readonly Role[], target?: Target): Decision {
  if (target?.type !== "identity") return deny("the identity was not identified");
  if (roles.includes("admin")) return allow;
  if (target.ownerId === actorId || target.backupOwnerId === actorId) return allow;
  return deny(target.id ? "only the identity's owner, its backup owner or an admin may change it" : "you may only create identities you own or back up");
}

function stateRules(actorId: string, action: Action, target?: Target): Decision {
  if (!action.startsWith("user.") || action === "user.list" || action === "user.create") return allow;
  if (target?.type !== "user") return deny("the user to change was not identified");
  const isLastAdmin = target.active && target.roles.includes("admin") && target.activeAdminCount <= 1;
  switch (action) {
    case "user.setRoles":
      if (!target.nextRoles) return deny("the new roles were not given");
      if (isLastAdmin && !target.nextRoles.includes("admin")) {
        return deny("the last active admin cannot be demoted; make another user admin first");
      }
      return allow;
    case "user.deactivate":
      if (target.id === actorId) return deny("you cannot deactivate your own account");
      if (isLastAdmin) return deny("the last active admin cannot be deactivated");
      return allow;
    case "user.reactivate":
      return allow;
    default:
      return deny(`no rule for ${action}`);
  }
}

/** For pages deciding what to offer: the same answer the action will get (without recording anything). */
export const can = (actor: Actor, action: Action, target?: Target): boolean => authorize(actor, action, target).allowed;
