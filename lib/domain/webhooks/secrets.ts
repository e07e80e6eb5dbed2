import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// The signing secret of an endpoint. The console must sign every delivery with it, so it cannot keep only a
// hash (as it does for API tokens): it keeps it sealed, AES-256-GCM under a key derived (HKDF-SHA256) from
// the console's root secret (NEXTAUTH_SECRET, or the embedded database's generated one), bound to the
// endpoint's id so a sealed secret copied onto another row does not open. The secret is shown once.

export const SECRET_PREFIX = "whsec_";
const SEAL_VERSION = "v1";

/** A new signing secret: `whsec_` and 64 hex characters (256 random bits). Secret scanners know the prefix. */
export const generateSigningSecret = (): string => `${SECRET_PREFIX}${randomBytes(32).toString("hex")}`;

/** The last four characters, to tell secrets apart on screen ("…3f9a"). */
export const secretHint = (secret: string): string => secret.slice(-4);

/** The 32-byte sealing key derived from the root secret; lib/server and the pages derive it and pass it in. */
export function webhookSealingKey(rootSecret: string): Buffer {
  if (rootSecret.length < 16) throw new Error("the root secret is too short to derive the webhook sealing key from");
  return Buffer.from(hkdfSync("sha256", rootSecret, "nhi-console", "webhook signing secrets v1", 32));
}

const b64 = (b: Buffer) => b.toString("base64url");

/** `v1.<iv>.<ciphertext>.<tag>`, base64url, the endpoint id as additional authenticated data. */
export function sealSecret(key: Buffer, secret: string, endpointId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(endpointId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [SEAL_VERSION, b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join(".");
}

/** The secret, or null when it cannot be opened (the root secret changed, or the row was tampered with). */
export function unsealSecret(key: Buffer, sealed: string, endpointId: string): string | null {
  const [version, iv, ciphertext, tag] = sealed.split(".");
  if (version !== SEAL_VERSION || !iv || !ciphertext || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(endpointId, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
