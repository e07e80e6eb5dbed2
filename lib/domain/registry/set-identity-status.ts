import { z } from "zod";
import { DomainError } from "../shared/errors";
import { safeText } from "../shared/safe-text";
import { WITH_PEOPLE, toIdentitySummary } from "./identity-dto";
import { defineIdentityMutation } from "./identity-mutation";
import { STATUSES } from "./vocabulary";

export const setIdentityStatusSchema = z.object({
  id: z.uuid("id must be an identity id"),
  status: z.enum(STATUSES, { error: `status must be one of ${STATUSES.join(", ")}` }),
  reason: safeText("reason")
    .trim()
    .min(3, "reason is required: say why (at least 3 characters)")
    .max(500, "reason must be at most 500 characters"),
});

/** Suspends, decommissions or reactivates an identity, with the reason on record. */
export const setIdentityStatus = defineIdentityMutation({
  action: "identity.setStatus",
  input: setIdentityStatusSchema,
  identityId: (input) => input.id,
  async change({ tx, identity, input: { id, status, reason } }) {
    if (identity.status === status) throw new DomainError("CONFLICT", `"${identity.name}" is already ${status}.`);
    // A person's decision: a later import of the same identity does not set the status back.
    const pinnedFields = [...new Set([...identity.pinnedFields, "status"])].sort();
    const updated = await tx.identity.update({
      where: { id },
      data: { status, pinnedFields, version: { increment: 1 } },
      include: WITH_PEOPLE,
    });
    return { result: toIdentitySummary(updated), events: { reason, before: { status: identity.status }, after: { status } } };
  },
});
