import { z } from "zod";
import { guardedChange } from "../authz/guarded-change";
import { DomainError } from "../shared/errors";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { PERSON_SELECT, toIdentitySummary, type IdentitySummaryDto } from "./identity-dto";
import { loadIdentityTarget } from "./load-identity-target";
import { STATUSES } from "./vocabulary";

const schema = z.object({
  id: z.uuid("id must be an identity id"),
  status: z.enum(STATUSES, { error: `status must be one of ${STATUSES.join(", ")}` }),
  reason: z.string().trim().min(3, "reason is required: say why (at least 3 characters)").max(500),
});

/** Suspends, decommissions or reactivates an identity, with the reason on record. */
export async function setIdentityStatus({ actor, db, clock, input }: UseCaseArgs): Promise<IdentitySummaryDto> {
  const { id, status, reason } = validate(schema, input);
  return guardedChange({
    db,
    clock,
    actor,
    action: "identity.setStatus",
    subject: { type: "identity", id },
    load: (tx) => loadIdentityTarget(tx, id),
    async change(tx, { identity }) {
      if (identity.status === status) throw new DomainError("CONFLICT", `"${identity.name}" is already ${status}.`);
      const updated = await tx.identity.update({
        where: { id },
        data: { status, version: { increment: 1 } },
        include: { owner: { select: PERSON_SELECT }, backupOwner: { select: PERSON_SELECT } },
      });
      return {
        result: toIdentitySummary(updated),
        event: { actor, action: "identity.setStatus", target: { type: "identity", id, label: identity.name }, outcome: "allowed", reason, before: { status: identity.status }, after: { status } },
      };
    },
  });
}
