import { type NextRequest, NextResponse } from "next/server";
import { sameOrigin } from "@/lib/auth/same-origin";
import { requestIdFrom } from "@/lib/http/request-id";

// Per request: a fresh CSP nonce (Next.js applies it to its own scripts) and a request id that the audit
// log records, so an event can be matched to the access logs of the proxy in front.
export function proxy(request: NextRequest) {
  // Next.js answers a server action from a foreign or malformed Origin with a 500; send it to a route that
  // records the refusal and answers 403 instead (the action itself never runs either way).
  // A path with broken percent-encoding would make the router fail with a 500: it is the caller's 400.
  if (!decodablePath(request.nextUrl.pathname)) {
    return NextResponse.json(
      { ok: false, code: "VALIDATION", message: "The address is malformed (bad percent-encoding)." },
      { status: 400 },
    );
  }
  if (request.method === "POST" && request.headers.has("next-action") && !sameOrigin(request.headers, process.env.NEXTAUTH_URL)) {
    const headers = new Headers(request.headers);
    headers.set("x-refused-path", request.nextUrl.pathname.slice(0, 200));
    return NextResponse.rewrite(new URL("/api/refused/cross-origin", request.url), { request: { headers } });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  const https = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const csp = [
    "default-src 'self'",
    // React's development build needs eval for its debugging aids; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  const requestId = requestIdFrom(request.headers.get("x-request-id"));
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("x-request-id", requestId);
  return response;
}

function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  // Not the registry import: Next.js buffers in memory, and cuts at 10 MiB, the body of every request its
  // proxy sees. That route streams its body instead, sets its own request id, and takes its security
  // headers from next.config.ts.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/registry/import$).*)" }],
};
