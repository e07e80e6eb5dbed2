import type { Tx } from "@/lib/db/types";
import { DomainError } from "../../shared/errors";
import { usageOf } from "./credential-input";
import { refreshCredentialSummary } from "./credential-summary";

// The identity form (and the console's CSV) may describe a single credential with identity-level fields:
// credentialType, credentialIssuedAt, credentialRotatedAt, credentialExpiresAt, lastUsedAt. They are the
// identity's only credential, recorded as its record "primary". An identity with several credentials is
// changed one credential at a time instead, so one set of fields never silently stands for two keys.

export const CREDENTIAL_FIELDS = [
  "credentialType",
  "credentialIssuedAt",
  "credentialRotatedAt",
  "credentialExpiresAt",
  "lastUsedAt",
] as const;
type CredentialFieldName = (typeof CREDENTIAL_FIELDS)[number];
export type SingleCredentialFields = Partial<Record<CredentialFieldName, unknown>>;

const FROM_FIELD = {
  credentialType: "type",
  credentialIssuedAt: "issuedAt",
  credentialRotatedAt: "rotatedAt",
  credentialExpiresAt: "expiresAt",
  lastUsedAt: "lastUsedAt",
} as const;

/** Writes identity-level credential fields to the identity's single credential (creating it if needed). */
export async function writeSingleCredential(tx: Tx, identityId: string, fields: SingleCredentialFields): Promise<void> {
  const sent = CREDENTIAL_FIELDS.filter((f) => f in fields);
  if (sent.length === 0) return;
  const existing = await tx.credential.findMany({ where: { identityId }, take: 2 });
  if (existing.length > 1)
    throw new DomainError(
      "VALIDATION",
      "This identity has several credentials: change them one by one under Credentials on its page.",
      Object.fromEntries(sent.map((f) => [f, ["the identity has several credentials: change the one you mean"]])),
    );
  const data = Object.fromEntries(sent.map((f) => [FROM_FIELD[f], fields[f] ?? null])) as Record<string, unknown>;
  const current = existing[0];
  if (!current) {
    if (!data.type) {
      if (Object.values(data).every((v) => v === null)) return;
      throw new DomainError("VALIDATION", "Say what kind of credential these dates belong to.", {
        credentialType: ["credentialType is required when credential dates are given"],
      });
    }
    await tx.credential.create({
      data: { identityId, handle: "primary", ...(data as { type: string }), usage: usageOf(data as { lastUsedAt?: Date | null }) },
    });
  } else if (data.type === null) {
    // Clearing the type says "no credential recorded".
    await tx.credential.delete({ where: { id: current.id } });
  } else {
    const lastUsedAt = "lastUsedAt" in data ? (data.lastUsedAt as Date | null) : current.lastUsedAt;
    await tx.credential.update({
      where: { id: current.id },
      data: { ...data, usage: "lastUsedAt" in data ? usageOf({ lastUsedAt, usage: current.usage as "never" }) : current.usage },
    });
  }
  await refreshCredentialSummary(tx, [identityId]);
}
