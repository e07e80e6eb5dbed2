import type { Tx } from "@/lib/db/types";
import type { BreakGlassTarget } from "../authz/policy";
import type { AuditTarget } from "../audit/append-audit-event";
import { DomainError } from "../shared/errors";
import { type ElevatedScope, scopesInWords } from "./request-input";
import type { PolicySnapshot } from "./request-policy";

export const requestLockKey = (id: string) => `breakglass:${id}`;
/** Held by whatever may create or activate a grant on an identity, so overlap checks see each other. */
export const identityGrantLockKey = (identityId: string) => `breakglass-identity:${identityId}`;

export async function lockIdentityGrants(tx: Tx, identityId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${identityGrantLockKey(identityId)}, 0))`;
}

/** "deploy-bot: payments-db:admin (admin, production)". */
export const requestLabel = (identityName: string, scopes: readonly ElevatedScope[]) => `${identityName}: ${scopesInWords(scopes)}`;

export const IDENTITY_FIELDS = { id: true, name: true, platform: true, externalId: true, status: true } as const;

/** The approver team of the policy a request was filed under (its snapshot), or null. */
export const approverTeamOf = (policy: unknown): string | null => (policy as Partial<PolicySnapshot> | null)?.approverTeam ?? null;

/**
 * The request as the policy judges it (who asked, who sponsors the identity's token, the approver team of
 * the policy it was filed under), with the row and its
 * identity for the change. Read under the request's lock, so concurrent decisions see each other's writes.
 */
export async function loadRequestTarget(tx: Tx, id: string) {
  const request = await tx.breakGlassRequest.findUnique({ where: { id }, include: { approvals: { orderBy: { at: "asc" } } } });
  if (!request) throw new DomainError("NOT_FOUND", "There is no such break-glass request.");
  const [identity, sponsor] = await Promise.all([
    tx.identity.findUniqueOrThrow({ where: { id: request.identityId }, select: IDENTITY_FIELDS }),
    tx.apiToken.findUnique({ where: { identityId: request.identityId }, select: { ownerId: true } }),
  ]);
  const scopes = request.scopes as ElevatedScope[];
  const target: BreakGlassTarget = {
    type: "breakglass-request",
    id,
    label: requestLabel(identity.name, scopes),
    requesterId: request.requesterId,
    identitySponsorId: sponsor?.ownerId ?? null,
    approverTeam: approverTeamOf(request.policy),
  };
  return Object.assign(target, { request, identity, scopes });
}
export type LoadedRequest = Awaited<ReturnType<typeof loadRequestTarget>>;

export const requestAuditTarget = (id: string, label: string): AuditTarget => ({ type: "breakglass-request", id, label });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The request a caller named, recorded with a refusal only when it is an id. */
export const requestSubject = (raw: unknown): AuditTarget => {
  const value = raw && typeof raw === "object" ? (raw as Record<string, unknown>).id : undefined;
  return { type: "breakglass-request", id: typeof value === "string" && UUID.test(value) ? value : null };
};
