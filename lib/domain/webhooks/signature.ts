import { createHmac, timingSafeEqual } from "node:crypto";

// How a delivery is signed (docs/webhooks.md): HMAC-SHA256, keyed by the endpoint's whole secret (with its
// whsec_ prefix, as UTF-8), over `${timestamp}.${body}`, where timestamp is the send time in Unix seconds.
// Sent as `X-NHI-Signature: t=<timestamp>,v1=<hex>`. Every attempt is signed afresh with its own time, so a
// receiver can refuse old timestamps (replays) without refusing retries.

export const SIGNATURE_HEADER = "X-NHI-Signature";
export const EVENT_HEADER = "X-NHI-Event";
export const DELIVERY_HEADER = "X-NHI-Delivery";
/** Receivers should refuse a signature whose timestamp is further than this from their own clock. */
export const REPLAY_WINDOW_SECONDS = 300;

export const signatureOf = (secret: string, timestamp: number, body: string): string =>
  createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");

/** The header value for a body sent at `at`. */
export function signatureHeader(secret: string, at: Date, body: string): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: string };

/**
 * What a receiver does (the same code as the snippet in docs/webhooks.md): parse the header, refuse a
 * timestamp outside the replay window, compare the signature in constant time.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  now: Date,
  toleranceSeconds = REPLAY_WINDOW_SECONDS,
): VerifyResult {
  if (!header) return { ok: false, reason: "no signature header" };
  const parts = new Map<string, string[]>();
  for (const item of header.split(",")) {
    const eq = item.indexOf("=");
    if (eq > 0) parts.set(item.slice(0, eq).trim(), [...(parts.get(item.slice(0, eq).trim()) ?? []), item.slice(eq + 1).trim()]);
  }
  const timestamp = Number(parts.get("t")?.[0]);
  if (!Number.isInteger(timestamp)) return { ok: false, reason: "no timestamp in the signature header" };
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return { ok: false, reason: "timestamp outside the replay window" };
  const expected = Buffer.from(signatureOf(secret, timestamp, body), "hex");
  const matches = (parts.get("v1") ?? []).some((candidate) => {
    const given = Buffer.from(candidate, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true, timestamp } : { ok: false, reason: "signature does not match" };
}
