import { describe, expect, it } from "vitest";
import { type Actor, systemActor, type UserActor } from "@/lib/domain/authz/actor";
import { ACTIONS, type Action, authorize, type Target, type UserTarget } from "@/lib/domain/authz/policy";
import { ROLES, type Role } from "@/lib/domain/authz/roles";

// Every action x every role x ownership (self / someone else) -> expected decision. A new action fails the
// completeness check below until its row is added here.

const request = { ip: null, userAgent: null, requestId: null };
const actorWith = (roles: Role[]): UserActor => ({ type: "user", userId: "actor-id", email: "a@x", name: "A", roles, request });

type Ownership = "self" | "other";
const userTarget = (ownership: Ownership, extra: Partial<UserTarget> = {}): UserTarget => ({
  type: "user",
  id: ownership === "self" ? "actor-id" : "other-id",
  roles: ["member"],
  active: true,
  activeAdminCount: 2,
  nextRoles: ["member", "approver"],
  ...extra,
});

const identityTarget = (ownership: Ownership): Target => ({
  type: "identity",
  id: "identity-id",
  ownerId: ownership === "self" ? "actor-id" : "someone-else",
  backupOwnerId: null,
});

const targetFor = (action: Action, ownership: Ownership): Target => {
  if (action.startsWith("identity.") && action !== "identity.bulkTransfer") return identityTarget(ownership);
  if (action.startsWith("user.") && action !== "user.list" && action !== "user.create") return userTarget(ownership);
  if (action.startsWith("audit.")) return { type: "audit-log" };
  if (action.startsWith("registry.") || action === "identity.bulkTransfer") return { type: "registry" };
  return { type: "console" };
};

const A = true;
const D = false;
/** [admin, approver, auditor, member] for a target that is someone else, then for the actor themself. */
const EXPECTED: Record<Action, { other: boolean[]; self: boolean[] }> = {
  "console.view": { other: [A, A, A, A], self: [A, A, A, A] },
  "audit.read": { other: [A, D, A, D], self: [A, D, A, D] },
  "audit.export": { other: [A, D, A, D], self: [A, D, A, D] },
  "audit.verify": { other: [A, D, A, D], self: [A, D, A, D] },
  "user.list": { other: [A, D, A, D], self: [A, D, A, D] },
  "user.create": { other: [A, D, D, D], self: [A, D, D, D] },
  "user.setRoles": { other: [A, D, D, D], self: [A, D, D, D] },
  "user.deactivate": { other: [A, D, D, D], self: [D, D, D, D] },
  "user.reactivate": { other: [A, D, D, D], self: [A, D, D, D] },
  "registry.read": { other: [A, A, A, A], self: [A, A, A, A] },
  "registry.export": { other: [A, A, A, A], self: [A, A, A, A] },
  "registry.import": { other: [A, D, D, D], self: [A, D, D, D] },
  // For identities "self" means the actor owns it: owners change their own, admins any, others none.
  "identity.create": { other: [A, D, D, D], self: [A, D, D, A] },
  "identity.update": { other: [A, D, D, D], self: [A, D, D, A] },
  "identity.setStatus": { other: [A, D, D, D], self: [A, D, D, A] },
  "identity.rotate": { other: [A, D, D, D], self: [A, D, D, A] },
  "identity.entitlements": { other: [A, D, D, D], self: [A, D, D, A] },
  "identity.transfer": { other: [A, D, D, D], self: [A, D, D, A] },
  "identity.bulkTransfer": { other: [A, D, D, D], self: [A, D, D, D] },
};

describe("authorization matrix", () => {
  it("has a row for every action the policy defines", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    for (const ownership of ["other", "self"] as const) {
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
    expect(authorize(actorWith(["admin"]), "user.nuke" as Action).allowed).toBe(false);
  });

  it("lets the system actor read and verify the audit log and nothing else", () => {
    const system = systemActor("system:test");
    const allowed = ACTIONS.filter((a) => authorize(system, a, targetFor(a, "other")).allowed);
    expect(allowed.sort()).toEqual(["audit.read", "audit.verify"]);
  });

  it("combines roles: the most permissive held role applies", () => {
    expect(authorize(actorWith(["member", "auditor"]), "audit.read", { type: "audit-log" }).allowed).toBe(true);
  });
});

describe("ownership rules", () => {
  it("lets a backup owner change the identity, and an approver who owns it cannot (not an owner role)", () => {
    const backup: Target = { type: "identity", id: "i", ownerId: "someone", backupOwnerId: "actor-id" };
    expect(authorize(actorWith(["member"]), "identity.update", backup).allowed).toBe(true);
    expect(authorize(actorWith(["approver"]), "identity.update", backup).allowed).toBe(false);
  });

  it("refuses an identity action without the identity", () => {
    expect(authorize(actorWith(["admin"]), "identity.update").allowed).toBe(false);
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
    expect(authorize(admin, "user.deactivate", lastAdmin("other-id"))).toMatchObject({ allowed: false, reason: expect.stringMatching(/last active admin/) });
  });

  it("allows changing the last admin's other roles while admin stays", () => {
    expect(authorize(admin, "user.setRoles", { ...lastAdmin("actor-id"), nextRoles: ["admin", "auditor"] }).allowed).toBe(true);
  });

  it("allows demoting an admin when another active admin remains", () => {
    expect(authorize(admin, "user.setRoles", { ...lastAdmin("other-id"), activeAdminCount: 2, nextRoles: ["member"] }).allowed).toBe(true);
  });

  it("refuses user changes without a described target", () => {
    expect(authorize(admin, "user.setRoles").allowed).toBe(false);
    expect(authorize(admin, "user.setRoles", { ...userTarget("other"), nextRoles: undefined }).allowed).toBe(false);
  });
});
