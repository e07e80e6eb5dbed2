import { describe, expect, it } from "vitest";
import { type Actor, systemActor, type TokenActor, type UserActor } from "@/lib/domain/authz/actor";
import {
  ACTIONS,
  type Action,
  authorize,
  type BreakGlassTarget,
  IDENTITY_OWNER_ROLES,
  POLICY,
  type IdentityTarget,
  type Target,
  targetTypeOf,
  type UserTarget,
} from "@/lib/domain/authz/policy";
import { ROLES, type Role } from "@/lib/domain/authz/roles";

// Every action x every role x relation to the target (someone else's / backed up by the actor / the actor's
// own) -> expected decision. EXPECTED is typed by the policy table's actions: an action added to the table
// without its row here fails to compile, and the completeness check below fails at run time too.

const request = { ip: null, userAgent: null, requestId: null };
const actorWith = (roles: Role[]): UserActor => ({ type: "user", userId: "actor-id", email: "a@x", name: "A", roles, request });

type Relation = "other" | "backup" | "self";
const userTarget = (relation: Relation, extra: Partial<UserTarget> = {}): UserTarget => ({
  type: "user",
  id: relation === "self" ? "actor-id" : "other-id",
  roles: ["member"],
  active: true,
  activeAdminCount: 2,
  nextRoles: ["member", "approver"],
  ...extra,
});

const identityTarget = (relation: Relation): Target => ({
  type: "identity",
  id: "identity-id",
  ownerId: relation === "self" ? "actor-id" : "someone-else",
  backupOwnerId: relation === "backup" ? "actor-id" : null,
});

/** The target each action is judged on, chosen by the kind the policy table names for it. */
const targetFor = (action: Action, relation: Relation): Target => {
  const type = targetTypeOf(action);
  if (type === "identity") return identityTarget(relation);
  if (type === "user") return userTarget(relation);
  if (type === "token") return { type, id: "token-id", ownerId: relation === "self" ? "actor-id" : "someone-else" };
  if (type === "breakglass-request")
    // "self": the actor asked; "backup": the actor sponsors the identity's token; "other": someone else's request.
    return {
      type,
      id: "request-id",
      requesterId: relation === "self" ? "actor-id" : "someone-else",
      identitySponsorId: relation === "backup" ? "actor-id" : null,
      // No approver team here: "break-glass approver team" below crosses the team with role and relation.
      approverTeam: null,
    };
  if (type === "review-item")
    // "self": assigned to the actor; "backup": added to it by escalation; "other": someone else's.
    return {
      type,
      id: "item-id",
      reviewerIds: relation === "self" ? ["actor-id"] : relation === "backup" ? ["someone-else", "actor-id"] : ["someone-else"],
      open: true,
      firstStageDecidedById: null,
    };
  return { type };
};

const A = true;
const D = false;
/** [admin, approver, auditor, member] for a target of someone else, one the actor backs up, the actor's own. */
const EXPECTED: Record<Action, Record<Relation, boolean[]>> = {
  "console.view": { other: [A, A, A, A], backup: [A, A, A, A], self: [A, A, A, A] },
  "audit.read": { other: [A, D, A, D], backup: [A, D, A, D], self: [A, D, A, D] },
  "audit.export": { other: [A, D, A, D], backup: [A, D, A, D], self: [A, D, A, D] },
  "audit.verify": { other: [A, D, A, D], backup: [A, D, A, D], self: [A, D, A, D] },
  "user.list": { other: [A, D, A, D], backup: [A, D, A, D], self: [A, D, A, D] },
  "user.create": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "user.setRoles": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "user.deactivate": { other: [A, D, D, D], backup: [A, D, D, D], self: [D, D, D, D] },
  "user.reactivate": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "user.setTeam": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "session.signOut": { other: [A, A, A, A], backup: [A, A, A, A], self: [A, A, A, A] },
  "session.signOutEverywhere": { other: [A, A, A, A], backup: [A, A, A, A], self: [A, A, A, A] },
  "registry.read": { other: [A, A, A, A], backup: [A, A, A, A], self: [A, A, A, A] },
  "registry.export": { other: [A, A, A, A], backup: [A, A, A, A], self: [A, A, A, A] },
  "registry.import": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  // For identities "self" means the actor owns it: owners change their own, backup owners act on it, admins any.
  // Whoever may be named owner (admin, approver, member; never an auditor) can do the owner's changes.
  "identity.create": { other: [A, D, D, D], backup: [A, A, D, A], self: [A, A, D, A] },
  "identity.update": { other: [A, D, D, D], backup: [A, A, D, A], self: [A, A, D, A] },
  "identity.setStatus": { other: [A, D, D, D], backup: [A, A, D, A], self: [A, A, D, A] },
  "identity.rotate": { other: [A, D, D, D], backup: [A, A, D, A], self: [A, A, D, A] },
  "identity.scopes": { other: [A, D, D, D], backup: [A, A, D, A], self: [A, A, D, A] },
  // A backup owner may act on an identity but not hand it on (and so demote its owner).
  "identity.transfer": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, A, D, A] },
  "identity.bulkTransfer": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  // Every target here has an owner, so nobody may claim it (claiming an ownerless one: "ownership rules").
  "identity.claim": { other: [D, D, D, D], backup: [D, D, D, D], self: [D, D, D, D] },
  "identity.undoClaim": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "identity.reviewClaims": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  // The role check only: each identity of the set is judged again by the action the change amounts to.
  "identity.bulkChange": { other: [A, A, D, A], backup: [A, A, D, A], self: [A, A, D, A] },
  "job.list": { other: [A, D, A, D], backup: [A, D, A, D], self: [A, D, A, D] },
  "job.runNow": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "notification.read": { other: [A, A, A, A], backup: [A, A, A, A], self: [A, A, A, A] },
  "notification.markRead": { other: [A, A, A, A], backup: [A, A, A, A], self: [A, A, A, A] },
  "notification.settings": { other: [A, A, A, A], backup: [A, A, A, A], self: [A, A, A, A] },
  // The console's jobs only: no person delivers notifications by hand.
  "notification.dispatch": { other: [D, D, D, D], backup: [D, D, D, D], self: [D, D, D, D] },
  "notification.deliver": { other: [D, D, D, D], backup: [D, D, D, D], self: [D, D, D, D] },
  "webhook.read": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "webhook.manage": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "webhook.deliver": { other: [D, D, D, D], backup: [D, D, D, D], self: [D, D, D, D] },
  "token.list": { other: [A, A, A, A], backup: [A, A, A, A], self: [A, A, A, A] },
  "token.createPersonal": { other: [A, A, A, A], backup: [A, A, A, A], self: [A, A, A, A] },
  "token.createService": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  // A token is its owner's to revoke ("self"); admins revoke any.
  "token.revoke": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, A, A, A] },
  "review.list": { other: [A, D, A, D], backup: [A, D, A, D], self: [A, D, A, D] },
  "review.export": { other: [A, D, A, D], backup: [A, D, A, D], self: [A, D, A, D] },
  "review.manage": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "review.preview": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "review.launch": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "review.close": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "review.inbox": { other: [A, A, D, A], backup: [A, A, D, A], self: [A, A, D, A] },
  // Only the reviewers an item is assigned to decide it (admins too only when assigned); auditors never.
  "review.decide": { other: [D, D, D, D], backup: [A, A, D, A], self: [A, A, D, A] },
  "review.reassign": { other: [A, D, D, D], backup: [A, A, D, A], self: [A, A, D, A] },
  "review.remediate": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "review.rollback": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "review.process": { other: [D, D, D, D], backup: [D, D, D, D], self: [D, D, D, D] },
  "breakglass.read": { other: [A, A, A, A], backup: [A, A, A, A], self: [A, A, A, A] },
  // On the identity: its owner or backup owner asks (admins for any); auditors never.
  "breakglass.request": { other: [A, D, D, D], backup: [A, A, D, A], self: [A, A, D, A] },
  // Someone else approves and reviews: never the requester ("self"), never the identity's token sponsor ("backup").
  "breakglass.approve": { other: [A, A, D, D], backup: [D, D, D, D], self: [D, D, D, D] },
  "breakglass.review": { other: [A, A, D, D], backup: [D, D, D, D], self: [D, D, D, D] },
  "breakglass.cancel": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, A, D, A] },
  "breakglass.revoke": { other: [A, A, D, D], backup: [A, A, D, D], self: [A, A, D, D] },
  "breakglass.killSwitch": { other: [A, A, D, D], backup: [A, A, D, D], self: [A, A, D, D] },
  "breakglass.policy": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "breakglass.sweep": { other: [D, D, D, D], backup: [D, D, D, D], self: [D, D, D, D] },
  "grants.read": { other: [A, A, A, A], backup: [A, A, A, A], self: [A, A, A, A] },
  "posture.read": { other: [A, A, A, A], backup: [A, A, A, A], self: [A, A, A, A] },
  "posture.export": { other: [A, D, A, D], backup: [A, D, A, D], self: [A, D, A, D] },
  "posture.accept": { other: [A, D, D, D], backup: [A, A, D, A], self: [A, A, D, A] },
  "posture.policy": { other: [A, D, D, D], backup: [A, D, D, D], self: [A, D, D, D] },
  "posture.evaluate": { other: [D, D, D, D], backup: [D, D, D, D], self: [D, D, D, D] },
};

describe("authorization matrix", () => {
  it("has a row for every action the policy defines", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    for (const ownership of ["other", "backup", "self"] as const) {
      ROLES.forEach((role, i) => {
        const expected = EXPECTED[action][ownership][i];
        it(`${action} by ${role} on ${ownership}: ${expected ? "allow" : "deny"}`, () => {
          expect(authorize(actorWith([role]), action, targetFor(action, ownership)).allowed).toBe(expected);
        });
      });
    }
  }

  it("denies a user with no role, an anonymous caller and unknown actions", () => {
    for (const action of ACTIONS) expect(authorize(actorWith([]), action, targetFor(action, "other")).allowed).toBe(false);
    const anonymous: Actor = { type: "anonymous", label: "x", request };
    for (const action of ACTIONS) expect(authorize(anonymous, action, targetFor(action, "other")).allowed).toBe(false);
    expect(authorize(actorWith(["admin"]), "user.nuke" as "console.view").allowed).toBe(false);
  });

  it("refuses a target of the wrong kind, whatever the compiler was told", () => {
    expect(authorize(actorWith(["admin"]), "identity.update", { type: "registry" } as never)).toMatchObject({ allowed: false });
    expect(authorize(actorWith(["admin"]), "user.reactivate", identityTarget("self") as never)).toMatchObject({ allowed: false });
  });

  it("lets the system actor read and verify the audit log, run the notification and review jobs, nothing else", () => {
    const system = systemActor("system:test");
    const allowed = ACTIONS.filter((a) => authorize(system, a, targetFor(a, "other")).allowed);
    expect(allowed.sort()).toEqual([
      "audit.read",
      "audit.verify",
      "breakglass.sweep",
      "notification.deliver",
      "notification.dispatch",
      "posture.evaluate",
      "review.close",
      "review.launch",
      "review.process",
      "webhook.deliver",
    ]);
  });

  it("review items: never after the stage closed, never in stage 2 by the stage-1 decider", () => {
    const item = { type: "review-item" as const, id: "i", reviewerIds: ["actor-id"], open: true, firstStageDecidedById: null };
    const member = actorWith(["member"]);
    expect(authorize(member, "review.decide", item).allowed).toBe(true);
    expect(authorize(member, "review.decide", { ...item, open: false }).allowed).toBe(false);
    expect(authorize(member, "review.reassign", { ...item, open: false }).allowed).toBe(false);
    expect(authorize(member, "review.decide", { ...item, firstStageDecidedById: "actor-id" })).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("first stage"),
    });
  });

  it("combines roles: the most permissive held role applies", () => {
    expect(authorize(actorWith(["member", "auditor"]), "audit.read", { type: "audit-log" }).allowed).toBe(true);
  });
});

describe("ownership rules", () => {
  it("lets a backup owner change the identity, whichever role that may own they hold; never an auditor", () => {
    const backup: Target = { type: "identity", id: "i", ownerId: "someone", backupOwnerId: "actor-id" };
    expect(authorize(actorWith(["member"]), "identity.update", backup).allowed).toBe(true);
    expect(authorize(actorWith(["approver"]), "identity.update", backup).allowed).toBe(true);
    expect(authorize(actorWith(["auditor"]), "identity.update", backup).allowed).toBe(false);
    expect(IDENTITY_OWNER_ROLES).toEqual(["admin", "approver", "member"]);
  });

  it("lets anyone who may own claim an identity without an owner, with the reason when it has one", () => {
    const ownerless: Target = { type: "identity", id: "i", ownerId: null, backupOwnerId: null };
    const allowed = ROLES.filter((role) => authorize(actorWith([role]), "identity.claim", ownerless).allowed);
    expect(allowed).toEqual(["admin", "approver", "member"]);
    expect(authorize(actorWith(["member"]), "identity.claim", identityTarget("other") as IdentityTarget)).toEqual({
      allowed: false,
      reason: "this identity already has an owner; ask its owner or an admin to transfer it",
    });
  });

  it("refuses an identity action without the identity", () => {
    expect(authorize(actorWith(["admin"]), "identity.update", ...([] as unknown as [IdentityTarget])).allowed).toBe(false);
  });
});

describe("state rules", () => {
  const admin = actorWith(["admin"]);
  const lastAdmin = (id: string) => userTarget("other", { id, roles: ["admin"], activeAdminCount: 1 });

  it("refuses to demote or deactivate the last active admin, with the reason", () => {
    expect(authorize(admin, "user.setRoles", { ...lastAdmin("actor-id"), nextRoles: ["member"] })).toEqual({
      allowed: false,
      reason: "the last active admin cannot be demoted; make another user admin first",
    });
    expect(authorize(admin, "user.deactivate", lastAdmin("other-id"))).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/last active admin/),
    });
  });

  it("allows changing the last admin's other roles while admin stays", () => {
    expect(authorize(admin, "user.setRoles", { ...lastAdmin("actor-id"), nextRoles: ["admin", "auditor"] }).allowed).toBe(true);
  });

  it("allows demoting an admin when another active admin remains", () => {
    expect(authorize(admin, "user.setRoles", { ...lastAdmin("other-id"), activeAdminCount: 2, nextRoles: ["member"] }).allowed).toBe(true);
  });

  it("refuses user changes without a described target", () => {
    expect(authorize(admin, "user.setRoles", ...([] as unknown as [UserTarget])).allowed).toBe(false);
    expect(authorize(admin, "user.setRoles", { ...userTarget("other"), nextRoles: undefined }).allowed).toBe(false);
  });
});

describe("break-glass approver team", () => {
  // A request filed under a policy row that names an approver team: its approvers only, admins always; the
  // rules "someone else" (never the requester, never the identity's token sponsor) come first, for admins too.
  const teamRequest = (relation: Relation, approverTeam: string | null = "payments"): BreakGlassTarget => ({
    type: "breakglass-request",
    id: "request-id",
    requesterId: relation === "self" ? "actor-id" : "someone-else",
    identitySponsorId: relation === "backup" ? "actor-id" : null,
    approverTeam,
  });
  const person = (roles: Role[], team?: string | null): UserActor => ({ ...actorWith(roles), team });

  type Case = [who: string, actor: UserActor, relation: Relation, approverTeam: string | null, expected: boolean];
  const CASES: Case[] = [
    ["an approver in the team", person(["approver"], "payments"), "other", "payments", A],
    ["an approver in another team", person(["approver"], "infra"), "other", "payments", D],
    ["an approver in no team", person(["approver"], null), "other", "payments", D],
    ["an approver whose team is not read (absent)", person(["approver"]), "other", "payments", D],
    ["an approver whose team differs in case only", person(["approver"], "Payments"), "other", "payments", D],
    ["an admin in another team", person(["admin"], "infra"), "other", "payments", A],
    ["an admin in no team", person(["admin"], null), "other", "payments", A],
    ["an admin and approver in another team", person(["admin", "approver"], "infra"), "other", "payments", A],
    ["an approver in the team who asked", person(["approver"], "payments"), "self", "payments", D],
    ["an approver in the team who sponsors the identity's token", person(["approver"], "payments"), "backup", "payments", D],
    ["an admin in the team who asked", person(["admin"], "payments"), "self", "payments", D],
    ["a member in the team", person(["member"], "payments"), "other", "payments", D],
    ["an auditor in the team", person(["auditor"], "payments"), "other", "payments", D],
    ["an approver in any team, no team named", person(["approver"], "infra"), "other", null, A],
    ["an approver in no team, no team named", person(["approver"], null), "other", null, A],
  ];

  for (const action of ["breakglass.approve", "breakglass.review"] as const)
    for (const [who, actor, relation, team, expected] of CASES)
      it(`${action} by ${who} (policy team ${team ?? "none"}, ${relation}): ${expected ? "allow" : "deny"}`, () => {
        expect(authorize(actor, action, teamRequest(relation, team)).allowed).toBe(expected);
      });

  it("says which team may decide, that admins always may, and which team the person is in", () => {
    expect(authorize(person(["approver"], "infra"), "breakglass.approve", teamRequest("other"))).toEqual({
      allowed: false,
      reason: 'only approvers in the team "payments" (and admins, always) may decide or review this request; you are in the team "infra"',
    });
    expect(authorize(person(["approver"], null), "breakglass.review", teamRequest("other"))).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("you are in no team"),
    });
    // The requester hears the requester rule, not the team one.
    expect(authorize(person(["approver"], "infra"), "breakglass.approve", teamRequest("self"))).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("your own break-glass request"),
    });
  });

  it("never holds up ending access: any approver revokes, the requester cancels, whatever the team", () => {
    expect(authorize(person(["approver"], "infra"), "breakglass.revoke", teamRequest("other")).allowed).toBe(true);
    expect(authorize(person(["member"], null), "breakglass.cancel", teamRequest("self")).allowed).toBe(true);
  });

  it("never lets a token decide, whatever its owner's team", () => {
    const token: TokenActor = {
      type: "token",
      tokenId: "token-id",
      tokenKind: "personal",
      label: "nhic_ab12cd34 (mine)",
      scopes: [...ACTIONS],
      owner: { userId: "actor-id", email: "a@x", name: "A", roles: ["approver"], team: "payments" },
      request,
    };
    expect(authorize(token, "breakglass.approve", teamRequest("other"))).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("needs a person"),
    });
  });
});

describe("API tokens", () => {
  const tokenActor = (roles: Role[], scopes: Action[], tokenKind: TokenActor["tokenKind"] = "service"): TokenActor => ({
    type: "token",
    tokenId: "token-id",
    tokenKind,
    label: "nhic_ab12cd34 (deploy-bot)",
    scopes,
    owner: { userId: "actor-id", email: "a@x", name: "A", roles },
    request,
  });

  it("may attempt only the actions in its scopes, and only where its owner may", () => {
    const reader = tokenActor(["member"], ["registry.read"]);
    expect(authorize(reader, "registry.read").allowed).toBe(true);
    expect(authorize(reader, "registry.export")).toEqual({ allowed: false, reason: "the token's scopes do not include registry.export" });
    // A scope the owner's roles do not grant gives nothing: the owner was demoted since, or never had it.
    const importer = tokenActor(["member"], ["registry.import"]);
    expect(authorize(importer, "registry.import")).toMatchObject({
      allowed: false,
      reason: expect.stringContaining("owner no longer holds"),
    });
  });

  it("is judged on a target as its owner would be", () => {
    const writer = tokenActor(["member"], ["identity.update"]);
    expect(authorize(writer, "identity.update", identityTarget("self") as IdentityTarget).allowed).toBe(true);
    expect(authorize(writer, "identity.update", identityTarget("other") as IdentityTarget).allowed).toBe(false);
  });

  it("never does what the policy reserves for people, whatever its scopes and its owner's roles", () => {
    const people = ACTIONS.filter((a) => (POLICY[a] as { people?: true }).people);
    expect(people).toEqual(
      expect.arrayContaining(["user.setRoles", "job.runNow", "webhook.manage", "token.createPersonal", "token.createService"]),
    );
    for (const kind of ["personal", "service", "agent"] as const) {
      const everything = tokenActor(["admin", "approver", "auditor", "member"], [...ACTIONS], kind);
      for (const action of people) {
        expect(authorize(everything, action, targetFor(action, "self"))).toMatchObject({
          allowed: false,
          reason: expect.stringContaining("needs a person"),
        });
      }
    }
  });
});
