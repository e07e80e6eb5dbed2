import type { Role } from "./roles";

/** Where a request came from; recorded with every audit event. */
export type RequestContext = { ip: string | null; userAgent: string | null; requestId: string | null };

export type UserActor = {
  type: "user";
  userId: string;
  email: string;
  name: string;
  roles: readonly Role[];
  /**
   * The person's team, read with their roles on every request (never kept in the session token). Absent or
   * null: in no team, so a break-glass request limited to an approver team is not theirs to decide.
   */
  team?: string | null;
  request: RequestContext;
};

/** The console itself (seeding, sweepers, CLI tools): never authorized through roles. */
export type SystemActor = { type: "system"; label: string; request: RequestContext };

/** The kinds of API token: a person's own, a service's or an AI agent's (both sponsored by a person). */
export const TOKEN_KINDS = ["personal", "service", "agent"] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/**
 * A script, pipeline or AI agent calling the API with a token. It may attempt only the actions in its scopes,
 * and only where its owner (the person it answers to, with the roles they hold now: re-read per request) may;
 * actions the policy reserves for people (approve, certify, change policy) are refused to every token.
 */
export type TokenActor = {
  type: "token";
  tokenId: string;
  tokenKind: TokenKind;
  /** "nhic_ab12cd34 (deploy-bot)": what the audit log and the logs show. */
  label: string;
  scopes: readonly string[];
  owner: { userId: string; email: string; name: string; roles: readonly Role[]; team?: string | null };
  request: RequestContext;
};

/** Someone not signed in yet (sign-in attempts). */
export type AnonymousActor = { type: "anonymous"; label: string; request: RequestContext };

export type Actor = UserActor | TokenActor | SystemActor | AnonymousActor;

export const NO_REQUEST: RequestContext = { ip: null, userAgent: null, requestId: null };

export const systemActor = (label: string): SystemActor => ({ type: "system", label, request: NO_REQUEST });

export function actorLabel(actor: Actor): string {
  if (actor.type === "user") return actor.email;
  if (actor.type === "token") return `${actor.label} for ${actor.owner.email}`;
  return actor.label;
}

/** The person acting or answered for (a token's owner): whose rights the policy's rules judge. */
export function actingPerson(actor: Actor): UserActor | null {
  if (actor.type === "user") return actor;
  if (actor.type === "token") return { type: "user", ...actor.owner, request: actor.request };
  return null;
}

export const anonymousActor = (label: string, request: RequestContext): AnonymousActor => ({ type: "anonymous", label, request });
