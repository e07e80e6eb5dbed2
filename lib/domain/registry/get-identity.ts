import { z } from "zod";
import { enforce } from "../authz/enforce";
import { authorize } from "../authz/policy";
import { DomainError } from "../shared/errors";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { type EntitlementDto, PERSON_SELECT, toEntitlementDto, toIdentitySummary, type IdentitySummaryDto } from "./identity-dto";
import { type IdentityHistory, loadIdentityHistory } from "./identity-history";

const schema = z.object({ id: z.uuid("id must be an identity id") });

export type IdentityDetailDto = IdentitySummaryDto & {
  entitlements: EntitlementDto[];
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
    history,
    canEdit,
  };
}
