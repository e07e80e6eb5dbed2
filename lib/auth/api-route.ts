import { NextResponse } from "next/server";
import type { UserActor } from "@/lib/domain/authz/actor";
import type { Db } from "@/lib/db/types";
import { systemClock } from "@/lib/domain/shared/clock";
import { DomainError, HTTP_STATUS, toFailure } from "@/lib/domain/shared/errors";
import { getConfig } from "@/lib/config/env";
import { getDb } from "@/lib/server/database";
import { currentActor } from "./actor";

type Handler<P> = (ctx: { actor: UserActor; db: Db; request: Request; params: P; clock: typeof systemClock }) => Promise<Response | unknown>;

/**
 * Wraps a route handler: requires a signed-in active user (401 otherwise), refuses cross-origin writes
 * (CSRF), and maps domain errors to their HTTP status with a JSON body naming what was wrong.
 */
export function apiRoute<P = Record<string, string>>(handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const actor = await currentActor();
    if (!actor) return failure(new DomainError("UNAUTHENTICATED", "Sign in first."));
    if (request.method !== "GET" && !sameOrigin(request)) {
      return failure(new DomainError("FORBIDDEN", "Cross-origin requests may not change anything."));
    }
    try {
      const result = await handler({ actor, db: await getDb(), request, params: await context.params, clock: systemClock });
      return result instanceof Response ? result : NextResponse.json({ ok: true, data: result });
    } catch (error) {
      return failure(error);
    }
  };
}

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  // Scripts (curl) send no Origin; browsers always do on a cross-site POST.
  if (!origin) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return origin === new URL(getConfig().publicUrl).origin || new URL(origin).host === host;
}

function failure(error: unknown): Response {
  const body = toFailure(error);
  return NextResponse.json(body, { status: HTTP_STATUS[body.code] });
}

/** Reads a JSON object body; a malformed one is the caller's mistake (400), not a server error. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const body: unknown = await request.json().catch(() => undefined);
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new DomainError("VALIDATION", "The request body must be a JSON object.", { body: ["must be a JSON object"] });
  }
  return body as Record<string, unknown>;
}
