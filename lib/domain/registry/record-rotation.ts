import { z } from "zod";
import { DomainError } from "../shared/errors";
import { optionalIsoDate } from "../shared/input";
import { WITH_PEOPLE, toIdentitySummary } from "./identity-dto";
import { defineIdentityMutation } from "./identity-mutation";

export const recordRotationSchema = z.object({
  id: z.uuid("id must be an identity id"),
  rotatedAt: optionalIsoDate("rotatedAt"),
  expiresAt: optionalIsoDate("expiresAt"),
});

/** Records that the credential was rotated (now, unless a time is given) and, optionally, its new expiry. */
export const recordRotation = defineIdentityMutation({
  action: "identity.rotate",
  input: recordRotationSchema,
  identityId: (input) => input.id,
  async change({ tx, identity, input: { id, rotatedAt, expiresAt }, now }) {
    const at = rotatedAt ?? now;
    if (at.getTime() > now.getTime() + 60_000)
      throw new DomainError("VALIDATION", "A rotation cannot be in the future.", { rotatedAt: ["must not be in the future"] });
    if (expiresAt && expiresAt <= at)
      throw new DomainError("VALIDATION", "The new expiry must be after the rotation.", { expiresAt: ["must be after the rotation"] });
    const updated = await tx.identity.update({
      where: { id },
      data: { credentialRotatedAt: at, ...(expiresAt ? { credentialExpiresAt: expiresAt } : {}), version: { increment: 1 } },
      include: WITH_PEOPLE,
    });
    return {
      result: toIdentitySummary(updated),
      events: {
        before: {
          credentialRotatedAt: identity.credentialRotatedAt?.toISOString() ?? null,
          credentialExpiresAt: identity.credentialExpiresAt?.toISOString() ?? null,
        },
        after: { credentialRotatedAt: at.toISOString(), credentialExpiresAt: updated.credentialExpiresAt?.toISOString() ?? null },
      },
    };
  },
});
