import type { Role } from "./roles";

/** Where a request came from; recorded with every audit event. */
export type RequestContext = { ip: string | null; userAgent: string | null; requestId: string | null };

export type UserActor = {
  type: "user";
  userId: string;
  email: string;
  name: string;
  roles: readonly Role[];
  request: RequestContext;
};

/** The console itself (seeding, sweepers, CLI tools): never authorized through roles. */
export type SystemActor = { type: "system"; label: string; request: RequestContext };

/** Someone not signed in yet (sign-in attempts). */
export type AnonymousActor = { type: "anonymous"; label: string; request: RequestContext };

export type Actor = UserActor | SystemActor | AnonymousActor;

export const NO_REQUEST: RequestContext = { ip: null, userAgent: null, requestId: null };

export const systemActor = (label: string): SystemActor => ({ type: "system", label, request: NO_REQUEST });

export function actorLabel(actor: Actor): string {
  return actor.type === "user" ? actor.email : actor.label;
}

export const anonymousActor = (label: string, request: RequestContext): AnonymousActor => ({ type: "anonymous", label, request });
