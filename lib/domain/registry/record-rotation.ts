import { z } from "zod";
import { guardedIdentityChange } from "./guarded-identity-change";
import { DomainError } from "../shared/errors";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { WITH_PEOPLE, toIdentitySummary, type IdentitySummaryDto } from "./identity-dto";
import { optionalDate } from "./identity-input";

const schema = z.object({
  id: z.uuid("id must be an identity id"),
  rotatedAt: optionalDate("rotatedAt"),
  expiresAt: optionalDate("expiresAt"),
});

/** Records that the credential was rotated (now, unless a time is given) and, optionally, its new expiry. */
export async function recordRotation({ actor, db, clock, input }: UseCaseArgs): Promise<IdentitySummaryDto> {
  const { id, rotatedAt, expiresAt } = validate(schema, input);
  const at = rotatedAt ?? clock.now();
  if (at.getTime() > clock.now().getTime() + 60_000)
    throw new DomainError("VALIDATION", "A rotation cannot be in the future.", { rotatedAt: ["must not be in the future"] });
  if (expiresAt && expiresAt <= at)
    throw new DomainError("VALIDATION", "The new expiry must be after the rotation.", { expiresAt: ["must be after the rotation"] });
  return guardedIdentityChange({ actor, db, clock }, "identity.rotate", id, async (tx, identity) => {
    const updated = await tx.identity.update({
      where: { id },
      data: { credentialRotatedAt: at, ...(expiresAt ? { credentialExpiresAt: expiresAt } : {}), version: { increment: 1 } },
      include: WITH_PEOPLE,
    });
    return {
      result: toIdentitySummary(updated),
      event: {
        actor,
        action: "identity.rotate",
        target: { type: "identity", id, label: identity.name },
        outcome: "allowed",
        before: {
          credentialRotatedAt: identity.credentialRotatedAt?.toISOString() ?? null,
          credentialExpiresAt: identity.credentialExpiresAt?.toISOString() ?? null,
        },
        after: { credentialRotatedAt: at.toISOString(), credentialExpiresAt: updated.credentialExpiresAt?.toISOString() ?? null },
      },
    };
  });
}
