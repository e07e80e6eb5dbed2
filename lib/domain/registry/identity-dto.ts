import type { Entitlement, Identity, User } from "@/lib/db/generated/client";
import type { Usage } from "./credentials/credential-input";
import type { CredentialType, Environment, IdentityStatus, Kind, ScopeLevel } from "./vocabulary";

export type PersonDto = { id: string; name: string; email: string; active: boolean };
type Person = Pick<User, "id" | "name" | "email" | "status">;

export type IdentitySummaryDto = {
  id: string;
  name: string;
  kind: Kind;
  platform: string;
  externalId: string;
  environment: Environment;
  purpose: string;
  status: IdentityStatus;
  owner: PersonDto | null;
  backupOwner: PersonDto | null;
  team: string | null;
  vendor: string | null;
  tags: string[];
  credentialType: CredentialType | null;
  credentialIssuedAt: string | null;
  credentialRotatedAt: string | null;
  credentialExpiresAt: string | null;
  lastUsedAt: string | null;
  /** The credential summary (see credentials/credential-summary.ts). */
  activeCredentials: number;
  oldestCredentialAt: string | null;
  neverExpires: boolean;
  usage: Usage;
  humanUse: boolean;
  /** Findings from the source (see identity-flags.ts). */
  flags: string[];
  source: string | null;
  goneFromSourceAt: string | null;
  /** Fields a person set by hand, which imports leave alone. */
  pinnedFields: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type EntitlementDto = {
  id: string;
  resource: string;
  action: string;
  level: ScopeLevel;
  environment: Environment | null;
  /** Per-scope use, where a source reports it (the AWS IAM access advisor). */
  lastUsedAt: string | null;
  usage: Usage;
  lastUsedWhere: string | null;
};

export const PERSON_SELECT = { id: true, name: true, email: true, status: true } as const;
/** Include for identity queries whose DTO names the owners. */
export const WITH_PEOPLE = { owner: { select: PERSON_SELECT }, backupOwner: { select: PERSON_SELECT } } as const;

const person = (user: Person | null | undefined): PersonDto | null =>
  user ? { id: user.id, name: user.name, email: user.email, active: user.status === "active" } : null;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toIdentitySummary(row: Identity & { owner?: Person | null; backupOwner?: Person | null }): IdentitySummaryDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as Kind,
    platform: row.platform,
    externalId: row.externalId,
    environment: row.environment as Environment,
    purpose: row.purpose,
    status: row.status as IdentityStatus,
    owner: person(row.owner),
    backupOwner: person(row.backupOwner),
    team: row.team,
    vendor: row.vendor,
    tags: row.tags,
    credentialType: row.credentialType as CredentialType | null,
    credentialIssuedAt: iso(row.credentialIssuedAt),
    credentialRotatedAt: iso(row.credentialRotatedAt),
    credentialExpiresAt: iso(row.credentialExpiresAt),
    lastUsedAt: iso(row.lastUsedAt),
    activeCredentials: row.activeCredentials,
    oldestCredentialAt: iso(row.oldestCredentialAt),
    neverExpires: row.neverExpires,
    usage: row.usage as Usage,
    humanUse: row.humanUse,
    flags: row.flags,
    source: row.source,
    goneFromSourceAt: iso(row.goneFromSourceAt),
    pinnedFields: row.pinnedFields,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const toEntitlementDto = (e: Entitlement): EntitlementDto => ({
  id: e.id,
  resource: e.resource,
  action: e.action,
  level: e.level as ScopeLevel,
  environment: e.environment as Environment | null,
  lastUsedAt: iso(e.lastUsedAt),
  usage: e.usage as Usage,
  lastUsedWhere: e.lastUsedWhere,
});

/** The fields an audit event's before/after shows for an identity (what people edit). */
export function identityAuditView(row: Identity) {
  return {
    name: row.name,
    kind: row.kind,
    platform: row.platform,
    externalId: row.externalId,
    environment: row.environment,
    purpose: row.purpose,
    status: row.status,
    ownerId: row.ownerId,
    backupOwnerId: row.backupOwnerId,
    team: row.team,
    vendor: row.vendor,
    tags: row.tags,
    credentialType: row.credentialType,
    credentialIssuedAt: iso(row.credentialIssuedAt),
    credentialRotatedAt: iso(row.credentialRotatedAt),
    credentialExpiresAt: iso(row.credentialExpiresAt),
    lastUsedAt: iso(row.lastUsedAt),
  };
}
