import { type NextRequest, NextResponse } from "next/server";
import { guardRequest } from "@/lib/http/guard-request";
import { requestIdFrom } from "@/lib/http/request-id";

// Per request: a fresh CSP nonce (Next.js applies it to its own scripts) and a request id that the audit
// log records, so an event can be matched to the access logs of the proxy in front.
export async function proxy(request: NextRequest) {
  const refused = await guardRequest(request);
  if (refused) return refused;
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
  // The address asked for, so a page that sends a signed-out person to sign in can bring them back to it.
  requestHeaders.set("x-request-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  // Not the registry import: Next.js buffers in memory, and cuts at 10 MiB, the body of every request its
  // proxy sees. That route streams its body instead, sets its own request id, and takes its security
  // headers from next.config.ts.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/registry/import$).*)" }],
};
