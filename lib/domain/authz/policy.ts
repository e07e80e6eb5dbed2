import { type Actor, actingPerson, type UserActor } from "./actor";
import type { Role } from "./roles";

// The one policy table. Every page loader, server action and route handler asks it, per request (through
// defineMutation for changes, enforce for reads, can() for what a page offers). Each action names the roles
// that may attempt it, the kind of target it acts on and the rule that judges that target: an action
// cannot be added without a rule (the entry type requires one), and an action, role or target the table
// does not know is refused. Nothing else in the code base decides who may do what.

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

/** An API token, as far as who may revoke it goes. */
export type TokenTarget = { type: "token"; id: string; label?: string; ownerId: string };

/** A break-glass request, as far as who may approve, cancel or drop it goes. */
export type BreakGlassTarget = {
  type: "breakglass-request";
  id: string;
  label?: string;
  /** The person who asked (the sponsor, when a token filed it). */
  requesterId: string;
  /** When the identity is itself an API token's: that token's sponsor, who never approves its elevation. */
  identitySponsorId: string | null;
  /** The approver team of the policy the request was filed under: only its approvers (and admins) decide it. */
  approverTeam: string | null;
};

/** An item of an access-review run, as far as who may decide or reassign it goes. */
export type ReviewItemTarget = {
  type: "review-item";
  id: string;
  label?: string;
  /** The assigned reviewer and those escalation or "don't know" added: any of them may decide. */
  reviewerIds: readonly string[];
  /** Whether the run's current stage still takes decisions (not closing, not closed). */
  open: boolean;
  /** In a second stage: who decided the item in the first (they never decide it again). */
  firstStageDecidedById: string | null;
};

type TargetByType = {
  console: { type: "console" };
  registry: { type: "registry" };
  "audit-log": { type: "audit-log" };
  user: UserTarget;
  identity: IdentityTarget;
  token: TokenTarget;
  "review-item": ReviewItemTarget;
  "breakglass-request": BreakGlassTarget;
};
export type TargetType = keyof TargetByType;
export type Target = TargetByType[TargetType];

export type Decision = { allowed: true } | { allowed: false; reason: string };
const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

type Rule<T> = (actor: UserActor, target: T) => Decision;
type Entry<K extends TargetType> = {
  /** Which roles may attempt the action at all; the rule may still refuse. */
  roles: readonly Role[];
  target: K;
  rule: Rule<TargetByType[K]>;
  /** The console's own jobs (CLI verification, start-up) act as the system actor: only where this is set. */
  system?: true;
  /**
   * Only a person signed in to the console may do it: approving, certifying, changing policy, making tokens.
   * Every API token is refused, whatever its scopes or its owner's roles.
   */
  people?: true;
};
type AnyEntry = { [K in TargetType]: Entry<K> }[TargetType];

const EVERYONE: readonly Role[] = ["admin", "approver", "auditor", "member"];
const READERS: readonly Role[] = ["admin", "auditor"];
/**
 * The roles that may own or back up identities, and so act on the identities they hold: whoever is named
 * owner or backup owner can do the owner's changes. An auditor never owns (an auditor judges ownership;
 * owner-eligibility.ts refuses naming one), so the read-only role stays read-only.
 */
export const IDENTITY_OWNER_ROLES: readonly Role[] = ["admin", "approver", "member"];

// ---- rules -------------------------------------------------------------------------------------------

/** An explicit "the role check is the whole rule": the target carries nothing to judge. */
const roleOnly: Rule<unknown> = () => allow;

/** Owners and backup owners act on the identities they hold; admins on any. */
const ownerOrBackup: Rule<IdentityTarget> = (actor, target) => {
  if (actor.roles.includes("admin")) return allow;
  if (target.ownerId === actor.userId || target.backupOwnerId === actor.userId) return allow;
  return deny(
    target.id
      ? "only the identity's owner, its backup owner or an admin may change it"
      : "you may only create identities you own or back up",
  );
};

/** Anyone who may own identities may claim one that has no owner; an owned one is its owner's to hand on. */
const unowned: Rule<IdentityTarget> = (_actor, target) => {
  if (target.ownerId === null) return allow;
  return deny("this identity already has an owner; ask its owner or an admin to transfer it");
};

/** Handing an identity on is the owner's decision: a backup owner may act on it but not demote the owner. */
const ownerOnly: Rule<IdentityTarget> = (actor, target) => {
  if (actor.roles.includes("admin") || target.ownerId === actor.userId) return allow;
  if (target.backupOwnerId === actor.userId) return deny("a backup owner may not transfer ownership; ask the owner or an admin");
  return deny("only the identity's owner or an admin may transfer it");
};

/** A token is its owner's to revoke; admins may revoke any. */
const tokenOwnerOrAdmin: Rule<TokenTarget> = (actor, target) => {
  if (actor.roles.includes("admin") || target.ownerId === actor.userId) return allow;
  return deny("only the token's owner or an admin may revoke it");
};

/**
 * A reviewer decides only the items assigned to them, while the stage is open; a person never reviews in the
 * second stage an item they decided in the first. Admins are not reviewers by role: they reassign and close.
 */
const assignedReviewer: Rule<ReviewItemTarget> = (actor, target) => {
  if (!target.open) return deny("this review is closed; decisions can no longer be changed");
  if (!target.reviewerIds.includes(actor.userId)) return deny("only a reviewer this item is assigned to may decide it");
  if (target.firstStageDecidedById === actor.userId)
    return deny("you decided this item in the first stage; a second-stage reviewer must decide it");
  return allow;
};

/** Handing an item to someone else: its reviewer's choice, or an admin's. */
const reviewerOrAdmin: Rule<ReviewItemTarget> = (actor, target) => {
  if (!target.open) return deny("this review is closed");
  if (actor.roles.includes("admin") || target.reviewerIds.includes(actor.userId)) return allow;
  return deny("only the item's reviewer or an admin may reassign it");
};

/** Someone else approves: never the requester (nor a token's sponsor who filed through it), never the identity's token sponsor. */
const notTheRequester: Rule<BreakGlassTarget> = (actor, target) => {
  if (target.requesterId === actor.userId) return deny("you cannot approve or review your own break-glass request; someone else must");
  if (target.identitySponsorId === actor.userId)
    return deny("you sponsor this identity's API token: someone else must approve or review its elevation");
  return allow;
};

/**
 * A policy row that names an approver team leaves its requests to the approvers in that team (the team on the
 * person's record now, exact match). Admins always may: they can change teams and policy anyway, and a team
 * left without approvers must not strand an emergency's after-action review.
 */
const inApproverTeam: Rule<BreakGlassTarget> = (actor, target) => {
  if (!target.approverTeam || actor.roles.includes("admin") || actor.team === target.approverTeam) return allow;
  return deny(
    `only approvers in the team "${target.approverTeam}" (and admins, always) may decide or review this request; ${
      actor.team ? `you are in the team "${actor.team}"` : "you are in no team"
    }`,
  );
};

/** Someone else, and in the policy's approver team when it names one: who approves, denies and reviews a request. */
const otherApproverInTeam: Rule<BreakGlassTarget> = (actor, target) => {
  const other = notTheRequester(actor, target);
  return other.allowed ? inApproverTeam(actor, target) : other;
};

/** A request is its requester's to cancel or drop; admins may too. */
const requesterOrAdmin: Rule<BreakGlassTarget> = (actor, target) => {
  if (actor.roles.includes("admin") || target.requesterId === actor.userId) return allow;
  return deny("only the requester or an admin may cancel or end this request");
};

const isLastAdmin = (target: UserTarget) => target.active && target.roles.includes("admin") && target.activeAdminCount <= 1;

const keepsAnAdmin: Rule<UserTarget> = (_actor, target) => {
  if (!target.nextRoles) return deny("the new roles were not given");
  if (isLastAdmin(target) && !target.nextRoles.includes("admin"))
    return deny("the last active admin cannot be demoted; make another user admin first");
  return allow;
};

const mayDeactivate: Rule<UserTarget> = (actor, target) => {
  if (target.id === actor.userId) return deny("you cannot deactivate your own account");
  if (isLastAdmin(target)) return deny("the last active admin cannot be deactivated");
  return allow;
};

// ---- the table ---------------------------------------------------------------------------------------

export const POLICY = {
  "console.view": { roles: EVERYONE, target: "console", rule: roleOnly },
  "audit.read": { roles: READERS, target: "audit-log", rule: roleOnly, system: true },
  "audit.export": { roles: READERS, target: "audit-log", rule: roleOnly },
  "audit.verify": { roles: READERS, target: "audit-log", rule: roleOnly, system: true },
  "user.list": { roles: READERS, target: "console", rule: roleOnly },
  "user.create": { roles: ["admin"], target: "console", rule: roleOnly, people: true },
  "user.setRoles": { roles: ["admin"], target: "user", rule: keepsAnAdmin, people: true },
  "user.deactivate": { roles: ["admin"], target: "user", rule: mayDeactivate, people: true },
  "user.reactivate": { roles: ["admin"], target: "user", rule: roleOnly, people: true },
  // The team limits which break-glass requests an approver decides (a policy row's approverTeam).
  "user.setTeam": { roles: ["admin"], target: "user", rule: roleOnly, people: true },
  // Everyone ends their own sessions only (the use-cases scope their writes to the actor): nothing to judge.
  "session.signOut": { roles: EVERYONE, target: "console", rule: roleOnly, people: true },
  "session.signOutEverywhere": { roles: EVERYONE, target: "console", rule: roleOnly, people: true },
  "registry.read": { roles: EVERYONE, target: "registry", rule: roleOnly },
  "registry.export": { roles: EVERYONE, target: "registry", rule: roleOnly },
  "registry.import": { roles: ["admin"], target: "registry", rule: roleOnly },
  "identity.create": { roles: IDENTITY_OWNER_ROLES, target: "identity", rule: ownerOrBackup },
  "identity.update": { roles: IDENTITY_OWNER_ROLES, target: "identity", rule: ownerOrBackup },
  "identity.setStatus": { roles: IDENTITY_OWNER_ROLES, target: "identity", rule: ownerOrBackup },
  "identity.rotate": { roles: IDENTITY_OWNER_ROLES, target: "identity", rule: ownerOrBackup },
  "identity.scopes": { roles: IDENTITY_OWNER_ROLES, target: "identity", rule: ownerOrBackup },
  "identity.transfer": { roles: IDENTITY_OWNER_ROLES, target: "identity", rule: ownerOnly },
  "identity.bulkTransfer": { roles: ["admin"], target: "registry", rule: roleOnly },
  // A claim says "this is mine": a person's own statement (the claim is recorded as theirs and undone by it).
  "identity.claim": { roles: IDENTITY_OWNER_ROLES, target: "identity", rule: unowned, people: true },
  // Whether the claimer still owns it is the use-case's check (the target does not carry who claimed).
  "identity.undoClaim": { roles: ["admin"], target: "identity", rule: roleOnly },
  // Admins see who claimed what (there is no mail yet): the console's own notice of claims.
  "identity.reviewClaims": { roles: ["admin"], target: "registry", rule: roleOnly },
  // A change to many identities at once: each one is judged again, by the action it amounts to
  // (identity.transfer, identity.update, identity.setStatus), and the ones refused are reported and recorded.
  "identity.bulkChange": { roles: IDENTITY_OWNER_ROLES, target: "registry", rule: roleOnly },
  // Jobs: admins and auditors see them; running one by hand is a person's decision. The jobs themselves act
  // as the system actor with the grants below (notification.dispatch, notification.deliver, webhook.deliver).
  "job.list": { roles: READERS, target: "console", rule: roleOnly },
  "job.runNow": { roles: ["admin"], target: "console", rule: roleOnly, people: true },
  // Each person's own inbox and preferences (the use-cases scope reads and writes to the actor).
  "notification.read": { roles: EVERYONE, target: "console", rule: roleOnly },
  "notification.markRead": { roles: EVERYONE, target: "console", rule: roleOnly },
  "notification.settings": { roles: EVERYONE, target: "console", rule: roleOnly, people: true },
  "notification.dispatch": { roles: [], target: "console", rule: roleOnly, system: true },
  "notification.deliver": { roles: [], target: "console", rule: roleOnly, system: true },
  "webhook.read": { roles: ["admin"], target: "console", rule: roleOnly },
  "webhook.manage": { roles: ["admin"], target: "console", rule: roleOnly, people: true },
  "webhook.deliver": { roles: [], target: "console", rule: roleOnly, system: true },
  // Tokens: a person makes their own; service and agent tokens (with a sponsor) are an admin's. Tokens never
  // make tokens. Listing shows one's own (admins: all); revoking is the owner's or an admin's.
  "token.list": { roles: EVERYONE, target: "console", rule: roleOnly },
  "token.createPersonal": { roles: EVERYONE, target: "console", rule: roleOnly, people: true },
  "token.createService": { roles: ["admin"], target: "console", rule: roleOnly, people: true },
  "token.revoke": { roles: EVERYONE, target: "token", rule: tokenOwnerOrAdmin },
  // Access reviews. Admins define, preview, launch and close campaigns (scheduled and event-triggered runs
  // launch as the system); admins and auditors read every campaign and export its evidence. Reviewers see
  // and decide only what is assigned to them, in person: an API token never certifies nor revokes. Admins
  // or a script track remediation; rolling a staged change back is an admin's decision.
  "review.list": { roles: READERS, target: "console", rule: roleOnly },
  "review.export": { roles: READERS, target: "console", rule: roleOnly },
  "review.manage": { roles: ["admin"], target: "console", rule: roleOnly, people: true },
  "review.preview": { roles: ["admin"], target: "console", rule: roleOnly },
  "review.launch": { roles: ["admin"], target: "console", rule: roleOnly, people: true, system: true },
  "review.close": { roles: ["admin"], target: "console", rule: roleOnly, people: true, system: true },
  "review.inbox": { roles: IDENTITY_OWNER_ROLES, target: "console", rule: roleOnly },
  "review.decide": { roles: IDENTITY_OWNER_ROLES, target: "review-item", rule: assignedReviewer, people: true },
  "review.reassign": { roles: IDENTITY_OWNER_ROLES, target: "review-item", rule: reviewerOrAdmin, people: true },
  "review.remediate": { roles: ["admin"], target: "console", rule: roleOnly },
  "review.rollback": { roles: ["admin"], target: "console", rule: roleOnly, people: true },
  // The review jobs: reminders, escalation, the non-response action at the due date, recurrence, decommissions
  // after the observation window, event-triggered reviews.
  "review.process": { roles: [], target: "console", rule: roleOnly, system: true },
  // Break-glass. Whoever may act on an identity asks for an elevation of it (a service or agent token scoped
  // breakglass.request may file, its sponsor named); approvers and admins, in person and never for their own
  // request or an identity whose token they sponsor, approve, deny and file the after-action review (where the
  // request's policy names an approver team, approvers of that team only; admins always); the requester cancels
  // a pending request or drops an active one; approvers and admins (of any team: ending access is never held up)
  // revoke and pull the kill switch; admins edit the policy. grants.read answers whether an identity holds an
  // elevated scope now.
  "breakglass.read": { roles: EVERYONE, target: "console", rule: roleOnly },
  "breakglass.request": { roles: IDENTITY_OWNER_ROLES, target: "identity", rule: ownerOrBackup },
  "breakglass.approve": { roles: ["admin", "approver"], target: "breakglass-request", rule: otherApproverInTeam, people: true },
  "breakglass.cancel": { roles: IDENTITY_OWNER_ROLES, target: "breakglass-request", rule: requesterOrAdmin },
  "breakglass.revoke": { roles: ["admin", "approver"], target: "breakglass-request", rule: roleOnly, people: true },
  "breakglass.review": { roles: ["admin", "approver"], target: "breakglass-request", rule: otherApproverInTeam, people: true },
  "breakglass.killSwitch": { roles: ["admin", "approver"], target: "identity", rule: roleOnly, people: true },
  "breakglass.policy": { roles: ["admin"], target: "console", rule: roleOnly, people: true },
  "breakglass.sweep": { roles: [], target: "console", rule: roleOnly, system: true },
  "grants.read": { roles: EVERYONE, target: "console", rule: roleOnly },
  // Posture. Everyone reads the dashboard and the findings; admins and auditors export the evidence pack; an
  // identity's owner, backup owner or an admin accepts or postpones a finding on it, in person (with a reason and
  // a date after which it re-opens); admins edit the thresholds; the evaluation runs as the system.
  "posture.read": { roles: EVERYONE, target: "console", rule: roleOnly },
  "posture.export": { roles: READERS, target: "console", rule: roleOnly },
  "posture.accept": { roles: IDENTITY_OWNER_ROLES, target: "identity", rule: ownerOrBackup, people: true },
  "posture.policy": { roles: ["admin"], target: "console", rule: roleOnly, people: true },
  "posture.evaluate": { roles: [], target: "console", rule: roleOnly, system: true },
} as const satisfies Record<string, AnyEntry>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

/** The target an action is judged on: the compiler refuses a use-case that passes another kind. */
export type TargetFor<A extends Action> = TargetByType[(typeof POLICY)[A]["target"]];
type Singleton = TargetByType["console" | "registry" | "audit-log"];
/** Targets with nothing to judge (the console, the registry, the audit log) may be left out. */
export type TargetArg<A extends Action> = TargetFor<A> extends Singleton ? [target?: TargetFor<A>] : [target: TargetFor<A>];

/** Actions judged without a particular target (a page's section, a list): what navigation asks about. */
export type UntargetedAction = { [A in Action]: [] extends TargetArg<A> ? A : never }[Action];

export const targetTypeOf = (action: Action): TargetType => POLICY[action].target;

/** Whether the actor may attempt the action at all, before any target is looked at. */
export function mayAttempt(actor: Actor, action: Action): Decision {
  const entry: AnyEntry | undefined = POLICY[action];
  if (!entry) return deny(`unknown action ${String(action)}`);
  if (actor.type === "system") return entry.system ? allow : deny("not a system action");
  if (actor.type === "token") {
    if (entry.people) return deny(`${action} needs a person signed in to the console; an API token may not do it`);
    if (!actor.scopes.includes(action)) return deny(`the token's scopes do not include ${action}`);
  }
  const person = actingPerson(actor);
  if (!person) return deny("not signed in");
  if (!person.roles.some((role) => entry.roles.includes(role)))
    return deny(
      actor.type === "token"
        ? `the token's owner no longer holds one of the roles ${entry.roles.join(", ")}`
        : `requires one of the roles ${entry.roles.join(", ")}`,
    );
  return allow;
}

export function authorize<A extends Action>(actor: Actor, action: A, ...[target]: TargetArg<A>): Decision {
  const attempt = mayAttempt(actor, action);
  const person = actingPerson(actor);
  if (!attempt.allowed || !person) return attempt;
  const entry: AnyEntry = POLICY[action];
  // The types already tie each action to its target; these hold for callers the compiler cannot see.
  if (
    !target &&
    (entry.target === "user" ||
      entry.target === "identity" ||
      entry.target === "token" ||
      entry.target === "review-item" ||
      entry.target === "breakglass-request")
  )
    return deny(`the ${entry.target} was not identified`);
  const judged = target ?? { type: entry.target };
  if (judged.type !== entry.target) return deny(`${action} acts on a ${entry.target}, not a ${judged.type}`);
  // A token is judged as its owner would be (it never has more rights than the person it answers to).
  return (entry.rule as Rule<Target>)(person, judged as Target);
}

/** For pages deciding what to offer: the same answer the action will get (without recording anything). */
export const can = <A extends Action>(actor: Actor, action: A, ...target: TargetArg<A>): boolean =>
  authorize(actor, action, ...target).allowed;
