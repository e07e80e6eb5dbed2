import "server-only";
import { NextResponse } from "next/server";
import { type Actor, type TokenActor, type UserActor, anonymousActor } from "@/lib/domain/authz/actor";
import type { Db } from "@/lib/db/types";
import { recordAuditEvent } from "@/lib/domain/audit/run-audited";
import type { Clock } from "@/lib/domain/shared/clock";
import { serverClock } from "@/lib/server/clock";
import { DomainError, HTTP_STATUS, toFailure } from "@/lib/domain/shared/errors";
import { authenticateToken } from "@/lib/domain/tokens/authenticate-token";
import { getConfig } from "@/lib/config/env";
import { getDb } from "@/lib/server/database";
import { logApiRequest } from "@/lib/server/logger";
import { currentActor } from "./actor";
import { contextFromHeaders, requestContext } from "./request-context";
import { sameOrigin } from "./same-origin";

/** Who calls a route: a person signed in to the console (session cookie) or an API token (Authorization: Bearer). */
export type ApiActor = UserActor | TokenActor;
export type ApiContext<P> = { actor: ApiActor; db: Db; request: Request; params: P; clock: Clock };
type Handler<P> = (ctx: ApiContext<P>) => Promise<Response | unknown>;

/** What serving a route needs from the process: tests hand in their own database, clock and session. */
export type ApiDeps = { db: Db; clock: Clock; publicUrl: string; sessionActor: () => Promise<UserActor | null> };

/**
 * Wraps a route handler: requires a signed-in active user or a valid API token (401 otherwise), refuses and
 * records cross-origin writes made with a session (CSRF), and maps domain errors to their HTTP status with a
 * JSON body naming what was wrong.
 */
export function apiRoute<P extends Record<string, string> = Record<string, string>>(handler: Handler<P>) {
  const route = async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const startedAt = performance.now();
    const served = await serveApiRequest(handler, request, await context.params, {
      db: await getDb(),
      clock: serverClock,
      publicUrl: getConfig().publicUrl,
      sessionActor: currentActor,
    }).catch(async (error: unknown) => {
      // toFailure rethrows only real faults (a 500): logged, then left to Next.js.
      void logApiRequest({ request, actor: null, status: 500, startedAt, error });
      throw error;
    });
    void logApiRequest({ request, actor: served.actor, status: served.response.status, startedAt });
    return served.response;
  };
  // The handler stays reachable so the fuzz test can drive every route with any actor, without a session.
  return Object.assign(route, { handler });
}

/**
 * The token of `Authorization: Bearer <token>`, or null when the request sends no bearer credential. The
 * scheme is matched case-insensitively (RFC 9110); an empty one is a (malformed) bearer credential too.
 */
export function bearerToken(headers: Headers): string | null {
  const value = headers.get("authorization");
  if (value === null) return null;
  const match = /^\s*bearer(?:\s+(.*))?$/is.exec(value);
  return match ? (match[1] ?? "").trim().slice(0, 512) : null;
}

/**
 * Authenticates a request and runs the route. A request with `Authorization: Bearer` is authenticated by
 * that token alone (cookies are ignored, and the same-origin check does not apply: a token is not an
 * ambient credential a browser attaches by itself); any other by its session cookie. A refused token is a
 * 401 naming why (unknown, expired, revoked, owner deactivated), recorded in the audit log.
 */
export async function serveApiRequest<P extends Record<string, string>>(
  handler: Handler<P>,
  request: Request,
  params: P,
  deps: ApiDeps,
): Promise<{ response: Response; actor: ApiActor | null }> {
  const token = bearerToken(request.headers);
  let actor: ApiActor | null;
  if (token !== null) {
    const from = contextFromHeaders((name) => request.headers.get(name));
    const auth = await authenticateToken({ db: deps.db, clock: deps.clock, token, request: from });
    if (!auth.ok) return { response: tokenRefused(auth.message), actor: null };
    actor = auth.actor;
  } else {
    actor = await deps.sessionActor();
    if (!actor)
      return {
        response: failure(new DomainError("UNAUTHENTICATED", "Sign in first, or send an API token (Authorization: Bearer nhic_…).")),
        actor: null,
      };
  }
  return { response: await handleApiRequest(handler, { actor, db: deps.db, request, params, clock: deps.clock }, deps.publicUrl), actor };
}

function tokenRefused(message: string): Response {
  const response = failure(new DomainError("UNAUTHENTICATED", message));
  response.headers.set("WWW-Authenticate", `Bearer realm="nhi-console", error="invalid_token"`);
  return response;
}

/** The part of a route that runs once the actor is known: separate so tests can drive every route with any actor. */
export async function handleApiRequest<P extends Record<string, string>>(
  handler: Handler<P>,
  ctx: ApiContext<P>,
  publicUrl: string,
): Promise<Response> {
  try {
    // A write with a session must come from the console's own pages; a token is sent on purpose, by a script.
    const write = ctx.request.method !== "GET" && ctx.request.method !== "HEAD";
    if (write && ctx.actor.type !== "token" && !sameOrigin(ctx.request.headers, publicUrl, ctx.request.url)) {
      await recordCrossOrigin(ctx.db, ctx.clock, ctx.actor, ctx.request);
      return failure(new DomainError("FORBIDDEN", "Cross-origin requests may not change anything."));
    }
    const params = decodedParams(ctx.params);
    const result = await handler({ ...ctx, params });
    const response = result instanceof Response ? result : NextResponse.json({ ok: true, data: result });
    // The id the audit log recorded, so a script can quote it (proxy.ts sets it too, where it runs).
    if (ctx.actor.request.requestId) response.headers.set("x-request-id", ctx.actor.request.requestId);
    return response;
  } catch (error) {
    return failure(error);
  }
}

/**
 * Where proxy.ts sends a server action posted from another origin: the refusal is recorded (with the
 * signed-in user the cookies name, if any) and answered 403. Nothing else happens.
 */
export async function refuseCrossOriginAction(request: Request): Promise<Response> {
  // Reachable directly too: only a request that really comes from another origin is recorded as one.
  if (sameOrigin(request.headers, getConfig().publicUrl, request.url)) return failure(new DomainError("NOT_FOUND", "Nothing here."));
  const actor = (await currentActor()) ?? anonymousActor("anonymous", await requestContext());
  await recordCrossOrigin(await getDb(), serverClock, actor, request);
  return failure(new DomainError("FORBIDDEN", "Cross-origin requests may not change anything."));
}

/** A refused cross-origin write is recorded like any other refusal: it may be an attack in progress. */
async function recordCrossOrigin(db: Db, clock: Clock, actor: Actor, request: Request): Promise<void> {
  // A server action refused by proxy.ts arrives rewritten; the path it was posted to travels in a header.
  const claimed = request.headers.get("x-refused-path");
  const path = claimed && /^\/[\w\-./%()[\]]{0,199}$/.test(claimed) ? claimed : new URL(request.url).pathname.slice(0, 200);
  const origin = (request.headers.get("origin") ?? "").slice(0, 200);
  await recordAuditEvent(db, clock, {
    actor,
    action: "request.crossOrigin",
    target: { type: "route", label: `${request.method} ${path}` },
    outcome: "denied",
    reason: `a write from another origin (${JSON.stringify(origin)}) was refused`,
  });
}

/** Path segments arrive percent-decoded by Next.js, or raw when the encoding was malformed: refuse those as 400. */
function decodedParams<P extends Record<string, string>>(params: P): P {
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value === "string" && (/%(?![0-9a-f]{2})/i.test(value) || /[\u0000]/.test(value))) {
      throw new DomainError("VALIDATION", `The ${name} in the address is malformed.`, { [name]: ["is not a valid path segment"] });
    }
  }
  return params;
}

function failure(error: unknown): Response {
  const body = toFailure(error);
  return NextResponse.json(body, { status: HTTP_STATUS[body.code] });
}

/**
 * The JSON body as the use-case's input, with `extra` (ids from the path) merged into an object body. A body
 * that is not a JSON object is passed on as it is: the use-case checks the caller's role first (a refusal
 * is recorded) and then refuses the input as a 400 naming it, so a malformed write never skips the record.
 */
export async function jsonInput(request: Request, extra: Record<string, string> = {}): Promise<unknown> {
  const text = await request.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  return typeof body === "object" && body !== null && !Array.isArray(body) ? { ...body, ...extra } : body;
}
