import { NextResponse } from "next/server";
import { sameOrigin } from "@/lib/auth/same-origin";

// Requests Next.js itself would answer with a 500 (a caller's mistake or an attack, never our fault) are
// answered here, in proxy.ts, before the router or the server-action handler sees them.

export const REFUSED_ROUTE = "/api/refused/cross-origin";

const invalid = (message: string) => NextResponse.json({ ok: false, code: "VALIDATION", message }, { status: 400 });

/** A response for a request that must not go further, or null to let it through. */
export async function guardRequest(request: Request & { nextUrl: URL }): Promise<NextResponse | null> {
  const { pathname } = request.nextUrl;
  if (!decodable(pathname)) return invalid("The address is malformed (bad percent-encoding).");
  if (request.method !== "POST" || pathname.startsWith("/api/")) return null;
  // A POST to a page is a server action (with JavaScript: a Next-Action header; without: a form field).
  // From another origin Next.js would answer 500 without a record; the refusal route records it and says 403.
  if (!sameOrigin(request.headers, process.env.NEXTAUTH_URL, request.url)) {
    const headers = new Headers(request.headers);
    headers.set("x-refused-path", pathname.slice(0, 200));
    return NextResponse.rewrite(new URL(REFUSED_ROUTE, request.url), { request: { headers } });
  }
  // A server action's arguments travel as a JSON array; anything else would fail inside Next.js with a 500.
  const type = request.headers.get("content-type") ?? "";
  if (request.headers.has("next-action") && type.startsWith("text/plain")) {
    const body = await request.clone().text();
    if (!isJsonArray(body)) return invalid("The action's arguments must be a JSON array.");
  }
  return null;
}

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function isJsonArray(text: string): boolean {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}
