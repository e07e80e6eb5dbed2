import "server-only";
import { headers } from "next/headers";
import type { RequestContext } from "@/lib/domain/authz/actor";
import { requestIdFrom } from "@/lib/http/request-id";

/**
 * The client's address is the right-most X-Forwarded-For entry: the one the nearest proxy (or Next.js
 * itself, when nothing sent the header) wrote. Entries to its left are whatever the client claimed.
 * In production, run behind a reverse proxy that overwrites X-Forwarded-For (README: production).
 */
export function clientIp(forwardedFor: string | null | undefined): string | null {
  const last = forwardedFor?.split(",").at(-1)?.trim();
  return last ? last.slice(0, 64) : null;
}

export function contextFromHeaders(get: (name: string) => string | null | undefined): RequestContext {
  return {
    ip: clientIp(get("x-forwarded-for")),
    userAgent: get("user-agent")?.slice(0, 512) ?? null,
    // Set by proxy.ts; on the routes it skips (the import), whatever came in is checked here the same way.
    requestId: requestIdFrom(get("x-request-id") ?? null),
  };
}

export async function requestContext(): Promise<RequestContext> {
  const h = await headers();
  return contextFromHeaders((name) => h.get(name));
}
