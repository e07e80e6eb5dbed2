import { createHash, randomBytes } from "node:crypto";

// An API token reads `nhic_<8 characters>_<43 characters>`, letters and digits only:
//   nhic_       a fixed, recognisable prefix, so secret scanners (GitHub's, the console's own) can find a leaked one
//   8 chars     the token's public id, stored as `prefix` with nhic_ (shown in lists, logs and the audit log)
//   43 chars    the secret: 43 base62 characters, about 256 bits from the operating system's random source
// Only the SHA-256 of the whole token is stored; the token itself is shown once, when it is created. A hash
// without a salt is enough for a 256-bit random secret (nothing to guess), and a lookup by it is one index read.

export const TOKEN_PREFIX = "nhic_";
const PUBLIC_ID_LENGTH = 8;
const SECRET_LENGTH = 43;
const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The whole token, as a caller sends it in `Authorization: Bearer …`. */
export const TOKEN_PATTERN = /^nhic_([A-Za-z0-9]{8})_[A-Za-z0-9]{43}$/;
/** The public part (`prefix` in the database, checked there by a constraint too). */
export const PREFIX_PATTERN = /^nhic_[A-Za-z0-9]{8}$/;

/** Uniform base62 characters (rejection sampling: no character is likelier than another). */
function base62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

export type NewToken = { token: string; prefix: string; tokenHash: string };

export function generateToken(): NewToken {
  const prefix = `${TOKEN_PREFIX}${base62(PUBLIC_ID_LENGTH)}`;
  const token = `${prefix}_${base62(SECRET_LENGTH)}`;
  return { token, prefix, tokenHash: hashToken(token) };
}

/**
 * What a caller sent, read without trusting it: the prefix when it has the token's shape (safe to record: it is
 * public), null otherwise. A malformed value is never recorded, whatever it holds.
 */
export function prefixOf(candidate: string): string | null {
  const match = TOKEN_PATTERN.exec(candidate);
  return match ? `${TOKEN_PREFIX}${match[1]}` : null;
}
