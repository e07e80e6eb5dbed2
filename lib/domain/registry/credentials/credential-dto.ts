import type { Credential } from "@/lib/db/generated/client";
import type { CredentialType } from "../vocabulary";
import type { Usage } from "./credential-input";

export type CredentialDto = {
  id: string;
  handle: string;
  type: CredentialType;
  status: "active" | "inactive";
  issuedAt: string | null;
  rotatedAt: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  usage: Usage;
  lastUsedWhere: string | null;
  federatedWith: string | null;
  /** The linked cloud identity's registry entry, when there is one. */
  linkedIdentity: { id: string; name: string } | null;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toCredentialDto(c: Credential & { linkedIdentity?: { id: string; name: string } | null }): CredentialDto {
  return {
    id: c.id,
    handle: c.handle,
    type: c.type as CredentialType,
    status: c.status as CredentialDto["status"],
    issuedAt: iso(c.issuedAt),
    rotatedAt: iso(c.rotatedAt),
    expiresAt: iso(c.expiresAt),
    lastUsedAt: iso(c.lastUsedAt),
    usage: c.usage as Usage,
    lastUsedWhere: c.lastUsedWhere,
    federatedWith: c.federatedWith,
    linkedIdentity: c.linkedIdentity ? { id: c.linkedIdentity.id, name: c.linkedIdentity.name } : null,
  };
}

/** A credential as its audit events show it (no ids that mean nothing to a reader). */
export function credentialAuditView(c: Credential) {
  const { handle, type, status, usage, lastUsedWhere, federatedWith } = c;
  return {
    handle,
    type,
    status,
    issuedAt: iso(c.issuedAt),
    rotatedAt: iso(c.rotatedAt),
    expiresAt: iso(c.expiresAt),
    lastUsedAt: iso(c.lastUsedAt),
    usage,
    lastUsedWhere,
    federatedWith,
  };
}
