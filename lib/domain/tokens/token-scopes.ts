import { NO_REQUEST, type TokenActor, type TokenKind, type UserActor } from "../authz/actor";
import { type Action, ACTIONS, POLICY, mayAttempt } from "../authz/policy";

// A token's scopes are policy actions. Which ones a token may ever hold is read from the policy table: every
// action a person may attempt that the table does not reserve for people (`people: true`: approving,
// certifying, changing policy, making tokens) nor for the console's own jobs (no roles). The labels below say
// what each one lets a script do; an action added to the table later is a scope at once, under its own name.

type ScopeLabel = { area: string; label: string };

const AREA_LABELS: Record<string, string> = {
  registry: "Registry",
  identity: "Identities",
  audit: "Audit log",
  user: "People",
  job: "Jobs",
  notification: "Inbox",
  webhook: "Webhooks",
  token: "API tokens",
  review: "Access reviews",
  breakglass: "Break-glass",
  grants: "Break-glass",
};

const LABELS: Partial<Record<Action, string>> = {
  "breakglass.read": "Read break-glass requests and elevations",
  "breakglass.request": "Ask for a time-bound elevation of an identity (a person approves it)",
  "breakglass.cancel": "Cancel a pending request, or end an active elevation early",
  "grants.read": "Check whether an identity holds an elevated scope right now",
  "review.list": "Read access-review campaigns, their runs and progress",
  "review.export": "Export a review's evidence (CSV, PDF)",
  "review.preview": "Preview what a review campaign would cover",
  "review.inbox": "Read the review items assigned to the token's owner",
  "review.remediate": "Update the remediation status of review outcomes",
  "registry.read": "List and read identities, their scopes, credentials and history",
  "registry.export": "Export the registry (CSV or JSON)",
  "registry.import": "Import files into the registry",
  "identity.create": "Register identities",
  "identity.update": "Edit identities",
  "identity.setStatus": "Suspend, decommission or reactivate identities",
  "identity.rotate": "Record credential rotations and change credentials",
  "identity.scopes": "Add and change an identity's scopes",
  "identity.transfer": "Transfer ownership of identities",
  "identity.bulkTransfer": "Transfer everything a person owns to someone else",
  "identity.claim": "Claim identities that have no owner",
  "identity.undoClaim": "Undo a claim",
  "identity.reviewClaims": "Read who claimed what",
  "identity.bulkChange": "Change many identities at once",
  "audit.read": "Read the audit log",
  "audit.export": "Export the audit log",
  "audit.verify": "Verify the audit log's hash chain",
  "user.list": "List the console's people",
  "job.list": "Read the jobs and their runs",
  "notification.read": "Read the inbox of the person it answers to",
  "notification.markRead": "Mark inbox entries read",
  "webhook.read": "Read webhook endpoints and their delivery logs",
  "token.list": "List API tokens",
  "token.revoke": "Revoke API tokens",
};

/** Actions a token may hold as a scope, in the table's order. */
export const TOKEN_SCOPES: readonly Action[] = ACTIONS.filter((action) => {
  const entry = POLICY[action] as { roles: readonly string[]; people?: true };
  return action !== "console.view" && !entry.people && entry.roles.length > 0;
});

export const isTokenScope = (value: string): value is Action => (TOKEN_SCOPES as readonly string[]).includes(value);

export function scopeLabel(action: Action): ScopeLabel {
  const area = action.split(".")[0]!;
  return { area: AREA_LABELS[area] ?? area, label: LABELS[action] ?? action };
}

/** A read, or a change: how the scope is recorded on the token's registry entry (Entitlement.level). */
export const scopeLevel = (action: string): "read" | "write" =>
  /\.(read|list|export|verify|reviewClaims)$/.test(action) ? "read" : "write";

/** The person as the token would act for them, holding one scope: what mayAttempt judges. */
const asToken = (person: UserActor, scope: Action, kind: TokenKind): TokenActor => ({
  type: "token",
  tokenId: "00000000-0000-0000-0000-000000000000",
  tokenKind: kind,
  label: "new token",
  scopes: [scope],
  owner: { userId: person.userId, email: person.email, name: person.name, roles: person.roles },
  request: NO_REQUEST,
});

/**
 * Why each scope may not be given (none: all may): a token never holds more than the people it answers to
 * may do now, judged by the policy exactly as it will judge each request the token makes.
 */
export function scopeProblems(scopes: readonly Action[], people: { who: string; person: UserActor }[], kind: TokenKind): string[] {
  const problems: string[] = [];
  for (const scope of scopes) {
    for (const { who, person } of people) {
      const decision = mayAttempt(asToken(person, scope, kind), scope);
      if (!decision.allowed)
        problems.push(`${scope}: ${who} may not do this (${decision.reason.replace(/^the token's owner no longer holds/, "needs")})`);
    }
  }
  return problems;
}

export type ScopeChoice = { value: Action; label: string; level: "read" | "write" };
export type ScopeGroup = { area: string; scopes: ScopeChoice[] };

/** The scopes a person could give a token now, by area, with their labels: what the create form offers. */
export function scopeChoices(person: UserActor): ScopeGroup[] {
  const areas = new Map<string, ScopeChoice[]>();
  for (const scope of TOKEN_SCOPES) {
    if (!mayAttempt(asToken(person, scope, "personal"), scope).allowed) continue;
    const { area, label } = scopeLabel(scope);
    areas.set(area, [...(areas.get(area) ?? []), { value: scope, label, level: scopeLevel(scope) }]);
  }
  // The registry first (what most scripts need), then the rest in the order of AREA_LABELS.
  const order = Object.values(AREA_LABELS);
  const rank = (area: string) => (order.includes(area) ? order.indexOf(area) : order.length);
  return [...areas].sort(([a], [b]) => rank(a) - rank(b)).map(([area, scopes]) => ({ area, scopes }));
}
