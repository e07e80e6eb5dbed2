/**
 * Whether a write comes from the console's own pages. Scripts (curl) send no Origin and carry no browser
 * cookies by accident, so they pass; browsers always send Origin on a cross-site POST. A malformed Origin
 * (or the literal "null" of a sandboxed frame) is treated as foreign, never as an error. Scheme, host and
 * port must all match: the configured public URL, or the address this request was made to.
 */
export function sameOrigin(headers: Headers, publicUrl: string | undefined, requestUrl: string): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  const parsed = parse(origin);
  if (!parsed) return false;
  if (publicUrl && parse(publicUrl)?.origin === parsed.origin) return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  const protocol = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? parse(requestUrl)?.protocol.replace(":", "");
  return host !== null && parsed.host === host && parsed.protocol === `${protocol}:`;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
