import { z } from "zod";
import { enforce } from "../authz/enforce";
import { authorize } from "../authz/policy";
import { DomainError } from "../shared/errors";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { type EntitlementDto, PERSON_SELECT, toEntitlementDto, toIdentitySummary, type IdentitySummaryDto } from "./identity-dto";
import { type CredentialDto, toCredentialDto } from "./credentials/credential-dto";
import { type IdentityHistory, loadIdentityHistory } from "./identity-history";

const schema = z.object({ id: z.uuid("id must be an identity id") });

export type IdentityDetailDto = IdentitySummaryDto & {
  entitlements: EntitlementDto[];
  /** Active first, then by age (oldest first). */
  credentials: CredentialDto[];
  /** Workloads whose federated credential acts as this identity (an EKS pod role's service accounts). */
  actingAsThis: { id: string; name: string; handle: string }[];
  /** The import that last created or changed it. */
  lastImport: { id: string; at: string; format: string; source: string | null; actorLabel: string } | null;
  /** Full audit events for those who may read the audit log; the changes alone for everyone else. */
  history: IdentityHistory;
  /** Whether this actor may change it: the policy's answer, so the page shows only what will work. */
  canEdit: boolean;
};

/** Everything about one identity, with its change history from the audit log. */
export async function getIdentity({ actor, db, clock, input }: UseCaseArgs): Promise<IdentityDetailDto> {
  await enforce(db, clock, actor, "registry.read", { type: "registry" });
  const { id } = await validate(schema, input);
  const [row, history] = await Promise.all([
    db.identity.findUnique({
      where: { id },
      include: {
        owner: { select: PERSON_SELECT },
        backupOwner: { select: PERSON_SELECT },
        entitlements: { orderBy: [{ resource: "asc" }, { action: "asc" }] },
        credentials: { include: { linkedIdentity: { select: { id: true, name: true } } } },
        linkedFrom: { take: 50, orderBy: { handle: "asc" }, select: { handle: true, identity: { select: { id: true, name: true } } } },
        lastImport: { select: { id: true, at: true, format: true, source: true, actorLabel: true } },
      },
    }),
    loadIdentityHistory(db, actor, id),
  ]);
  if (!row) throw new DomainError("NOT_FOUND", "That identity does not exist (it may have been removed).");
  const canEdit = authorize(actor, "identity.update", {
    type: "identity",
    id,
    ownerId: row.ownerId,
    backupOwnerId: row.backupOwnerId,
  }).allowed;
  return {
    ...toIdentitySummary(row),
    entitlements: row.entitlements.map(toEntitlementDto),
    credentials: row.credentials.sort(byStatusThenAge).map(toCredentialDto),
    actingAsThis: row.linkedFrom.map((c) => ({ id: c.identity.id, name: c.identity.name, handle: c.handle })),
    lastImport: row.lastImport && { ...row.lastImport, at: row.lastImport.at.toISOString() },
    history,
    canEdit,
  };
}

type Aged = { status: string; rotatedAt: Date | null; issuedAt: Date | null; handle: string };
const ageOf = (c: Aged) => (c.rotatedAt ?? c.issuedAt)?.getTime() ?? Number.POSITIVE_INFINITY;
const byStatusThenAge = (a: Aged, b: Aged) =>
  Number(b.status === "active") - Number(a.status === "active") || ageOf(a) - ageOf(b) || a.handle.localeCompare(b.handle);

/** The input schema, for the API description (lib/http/openapi). */
export { schema as getIdentitySchema };
