import { z } from "zod";
import { optionalIsoDate } from "../../shared/input";
import { safeText } from "../../shared/safe-text";
import { CREDENTIAL_TYPES } from "../vocabulary";

export const CREDENTIAL_STATUSES = ["active", "inactive"] as const;
export const USAGES = ["known", "never", "unknown"] as const;
export type Usage = (typeof USAGES)[number];

const oneOf = (field: string, values: readonly string[]) => ({ error: `${field} must be one of ${values.join(", ")}` });
const optionalText = (field: string, max: number) =>
  z.preprocess(
    (v) => (v === "" ? null : v),
    safeText(field).trim().max(max, `${field} must be at most ${max} characters`).nullable().optional(),
  );

/**
 * A credential's metadata as a person or a source states it. The handle names it without being secret (a
 * key id's last four characters, a certificate fingerprint, "access key 1"): the secret check refuses a
 * whole key id or secret pasted here.
 */
export const credentialFieldsSchema = z.object({
  handle: safeText("handle").trim().min(1, "handle is required: how you recognise this credential, e.g. …K7QX").max(200),
  type: z.enum(CREDENTIAL_TYPES, oneOf("type", CREDENTIAL_TYPES)),
  status: z.enum(CREDENTIAL_STATUSES, oneOf("status", CREDENTIAL_STATUSES)).default("active"),
  issuedAt: optionalIsoDate("issuedAt"),
  rotatedAt: optionalIsoDate("rotatedAt"),
  expiresAt: optionalIsoDate("expiresAt"),
  lastUsedAt: optionalIsoDate("lastUsedAt"),
  /** Left out, it follows lastUsedAt: known when a use is given, unknown otherwise. */
  usage: z.enum(USAGES, oneOf("usage", USAGES)).optional(),
  lastUsedWhere: optionalText("lastUsedWhere", 200),
  federatedWith: optionalText("federatedWith", 500),
});

export type CredentialFields = z.infer<typeof credentialFieldsSchema>;

type Dates = { issuedAt?: Date | null; rotatedAt?: Date | null; expiresAt?: Date | null; lastUsedAt?: Date | null; usage?: Usage };

/** Dates that cannot all be true together, by field; empty when they can. */
export function impossibleDates(c: Dates): Record<string, string> {
  const problems: Record<string, string> = {};
  const t = (d: Date | null | undefined) => d?.getTime() ?? null;
  const issued = t(c.issuedAt);
  if (issued !== null && t(c.rotatedAt) !== null && t(c.rotatedAt)! < issued) problems.rotatedAt = "rotated before it was issued";
  if (issued !== null && t(c.expiresAt) !== null && t(c.expiresAt)! <= issued) problems.expiresAt = "expires before it was issued";
  if (issued !== null && t(c.lastUsedAt) !== null && t(c.lastUsedAt)! < issued) problems.lastUsedAt = "used before it was issued";
  if (c.usage === "never" && c.lastUsedAt) problems.usage = "never used, yet a last use is given";
  return problems;
}

/** Resolves usage from what was given: a last use makes it known; "never" only when stated; else unknown. */
export const usageOf = (c: { lastUsedAt?: Date | string | null; usage?: Usage }): Usage =>
  c.lastUsedAt ? "known" : c.usage === "never" ? "never" : "unknown";
