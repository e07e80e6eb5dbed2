import { z } from "zod";
import { guardedIdentityChange } from "./guarded-identity-change";
import { DomainError } from "../shared/errors";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { WITH_PEOPLE, toIdentitySummary, type IdentitySummaryDto } from "./identity-dto";
import { STATUSES } from "./vocabulary";

const schema = z.object({
  id: z.uuid("id must be an identity id"),
  status: z.enum(STATUSES, { error: `status must be one of ${STATUSES.join(", ")}` }),
  reason: z.string().trim().min(3, "reason is required: say why (at least 3 characters)").max(500),
});

/** Suspends, decommissions or reactivates an identity, with the reason on record. */
export async function setIdentityStatus({ actor, db, clock, input }: UseCaseArgs): Promise<IdentitySummaryDto> {
  const { id, status, reason } = validate(schema, input);
  return guardedIdentityChange({ actor, db, clock }, "identity.setStatus", id, async (tx, identity) => {
    if (identity.status === status) throw new DomainError("CONFLICT", `"${identity.name}" is already ${status}.`);
    const updated = await tx.identity.update({
      where: { id },
      data: { status, version: { increment: 1 } },
      include: WITH_PEOPLE,
    });
    return {
      result: toIdentitySummary(updated),
      event: {
        actor,
        action: "identity.setStatus",
        target: { type: "identity", id, label: identity.name },
        outcome: "allowed",
        reason,
        before: { status: identity.status },
        after: { status },
      },
    };
  });
}
