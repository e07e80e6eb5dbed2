import "server-only";

const BASE = "http://callback.invalid";

/**
 * A place to return to after sign-in, only if it is a path on this site: an absolute or protocol-relative
 * address (`https://evil.example`, `//evil.example`, `/\evil.example`) would make the sign-in page an open
 * redirect. Sign-in and API paths are not places to return to. Null when the value is not acceptable.
 */
export function safeCallbackPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith("/") || value.startsWith("//") || /[\\\u0000-\u001f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  if (url.pathname === "/signin" || url.pathname.startsWith("/signin/") || url.pathname.startsWith("/api/")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page, with the way back to `path` when there is one worth keeping. */
export function signInUrl(path: string | null | undefined): string {
  const back = safeCallbackPath(path);
  return back && back !== "/" ? `/signin?${new URLSearchParams({ callbackUrl: back })}` : "/signin";
}
