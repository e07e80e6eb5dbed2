import type { ApiToken, User } from "@/lib/db/generated/client";
import type { TokenKind } from "../authz/actor";
import type { TokenTarget } from "../authz/policy";

export type TokenStatus = "active" | "expired" | "revoked";
export const TOKEN_STATUSES: readonly TokenStatus[] = ["active", "expired", "revoked"];

type Person = Pick<User, "id" | "name" | "email" | "status">;

/** A token as lists and the API show it: never its secret nor its hash. */
export type TokenDto = {
  id: string;
  kind: TokenKind;
  name: string;
  purpose: string;
  /** The public part ("nhic_ab12CD34"): what the person recognises the token by. */
  prefix: string;
  scopes: string[];
  owner: { id: string; name: string; email: string; active: boolean };
  createdById: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  status: TokenStatus;
  /** The registry entry of a service or agent token. */
  identityId: string | null;
};

export function tokenStatus(row: Pick<ApiToken, "revokedAt" | "expiresAt">, now: Date): TokenStatus {
  if (row.revokedAt) return "revoked";
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

export function toTokenDto(row: ApiToken & { owner: Person }, now: Date): TokenDto {
  return {
    id: row.id,
    kind: row.kind as TokenKind,
    name: row.name,
    purpose: row.purpose,
    prefix: row.prefix,
    scopes: row.scopes,
    owner: { id: row.owner.id, name: row.owner.name, email: row.owner.email, active: row.owner.status === "active" },
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: row.lastUsedIp,
    status: tokenStatus(row, now),
    identityId: row.identityId,
  };
}

/** What an audit event shows of a token: enough to know which one and what it could do, nothing secret. */
export function tokenAuditView(row: ApiToken) {
  return {
    kind: row.kind,
    name: row.name,
    purpose: row.purpose,
    prefix: row.prefix,
    ownerId: row.ownerId,
    scopes: row.scopes,
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    identityId: row.identityId,
  };
}

export const tokenLabel = (row: Pick<ApiToken, "prefix" | "name">) => `${row.prefix} (${row.name})`;

export const tokenTarget = (row: Pick<ApiToken, "id" | "prefix" | "name" | "ownerId">): TokenTarget => ({
  type: "token",
  id: row.id,
  label: tokenLabel(row),
  ownerId: row.ownerId,
});

export const WITH_OWNER = { owner: { select: { id: true, name: true, email: true, status: true } } } as const;
