import type { Credential } from "@/lib/db/generated/client";
import { credentialFieldsSchema, impossibleDates, type CredentialFields, usageOf } from "../credentials/credential-input";
import type { ImportCredential } from "./import-row";

export type PlannedCredential = CredentialFields & { usage: NonNullable<CredentialFields["usage"]> };
export type CredentialPlan = { credentials: PlannedCredential[]; errors: { field: string; reason: string }[]; warnings: string[] };

/**
 * Validates the credentials a row states. A credential that cannot be stored is an error (the row is
 * rejected); dates that cannot all be true (used before it was issued) are a warning: the source said so,
 * the registry records it, and the dry run points at it.
 */
export async function planCredentials(stated: ImportCredential[]): Promise<CredentialPlan> {
  const plan: CredentialPlan = { credentials: [], errors: [], warnings: [] };
  const handles = new Set<string>();
  const parsed = await Promise.all(stated.map((c) => credentialFieldsSchema.safeParseAsync(c)));
  parsed.forEach((result, i) => {
    if (!result.success) {
      for (const issue of result.error.issues)
        plan.errors.push({ field: `credentials.${i}.${issue.path.join(".") || "credential"}`, reason: issue.message });
      return;
    }
    const c = result.data;
    if (handles.has(c.handle)) {
      plan.errors.push({ field: `credentials.${i}.handle`, reason: `two credentials are called ${c.handle}` });
      return;
    }
    handles.add(c.handle);
    for (const problem of Object.values(impossibleDates(c))) plan.warnings.push(`credential ${c.handle}: ${problem}`);
    plan.credentials.push({ ...c, usage: c.usage === "never" && c.lastUsedAt ? "known" : usageOf(c) });
  });
  return plan;
}

const FIELDS = ["type", "status", "issuedAt", "rotatedAt", "expiresAt", "lastUsedAt", "usage", "lastUsedWhere", "federatedWith"] as const;
const value = (v: unknown) => (v instanceof Date ? v.getTime() : (v ?? null));

/** Whether the stated credentials differ from the stored ones (by handle, field by field). */
export function credentialsDiffer(stated: PlannedCredential[], stored: Credential[]): boolean {
  if (stated.length !== stored.length) return true;
  const byHandle = new Map(stored.map((c) => [c.handle, c]));
  return stated.some((c) => {
    const current = byHandle.get(c.handle);
    return !current || FIELDS.some((f) => value(c[f]) !== value(current[f]));
  });
}

/** A credential as the audit event shows it. */
export const credentialView = (c: PlannedCredential | Credential) =>
  Object.fromEntries([
    ["handle", c.handle],
    ...FIELDS.map((f) => [f, c[f] instanceof Date ? (c[f] as Date).toISOString() : (c[f] ?? null)]),
  ]);
