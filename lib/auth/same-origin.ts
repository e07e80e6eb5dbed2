/**
 * Whether a write comes from the console's own pages. Scripts (curl) send no Origin and carry no browser
 * cookies by accident, so they pass; browsers always send Origin on a cross-site POST. A malformed Origin
 * (or the literal "null" of a sandboxed frame) is treated as foreign, never as an error.
 */
export function sameOrigin(headers: Headers, publicUrl: string | undefined): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl && safeOrigin(publicUrl) === parsed.origin) return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  return host !== null && parsed.host === host;
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
