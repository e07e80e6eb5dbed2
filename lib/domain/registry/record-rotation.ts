import { z } from "zod";
import { recordRotationAfterReview } from "../breakglass/after-action";
import { DomainError } from "../shared/errors";
import { credentialAuditView } from "./credentials/credential-dto";
import { refreshCredentialSummary } from "./credentials/credential-summary";
import { WITH_PEOPLE, toIdentitySummary } from "./identity-dto";
import { defineIdentityMutation } from "./identity-mutation";
import { optionalIsoDate } from "../shared/input";

export const recordRotationSchema = z.object({
  id: z.uuid("id must be an identity id"),
  /** Which credential was rotated; may be left out when the identity has exactly one. */
  credentialId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("credentialId must be a credential id").optional()),
  rotatedAt: optionalIsoDate("rotatedAt"),
  expiresAt: optionalIsoDate("expiresAt"),
});

/**
 * Records that one credential was rotated (now, unless a time is given) and, optionally, its new expiry.
 * Rotation is per credential: rotating one of two keys leaves the other's age as it is.
 */
export const recordRotation = defineIdentityMutation({
  action: "identity.rotate",
  input: recordRotationSchema,
  identityId: (input) => input.id,
  async change({ tx, identity, input: { id, credentialId, rotatedAt, expiresAt }, now }) {
    const at = rotatedAt ?? now;
    if (at.getTime() > now.getTime() + 60_000)
      throw new DomainError("VALIDATION", "A rotation cannot be in the future.", { rotatedAt: ["must not be in the future"] });
    if (expiresAt && expiresAt <= at)
      throw new DomainError("VALIDATION", "The new expiry must be after the rotation.", { expiresAt: ["must be after the rotation"] });
    const credentials = await tx.credential.findMany({ where: { identityId: id }, orderBy: { handle: "asc" } });
    const credential = credentialId
      ? credentials.find((c) => c.id === credentialId)
      : credentials.length === 1
        ? credentials[0]
        : undefined;
    if (!credential) {
      const why = credentialId
        ? "That credential is not one of this identity's."
        : credentials.length === 0
          ? `"${identity.name}" has no credential recorded: add it first, then record its rotation.`
          : `"${identity.name}" has ${credentials.length} credentials: say which one was rotated.`;
      throw new DomainError("VALIDATION", why, {
        credentialId: [credentialId ? "not a credential of this identity" : "choose a credential"],
      });
    }
    // A rotation puts a new secret in place: whatever the old one was, the credential is active again.
    const rotated = await tx.credential.update({
      where: { id: credential.id },
      data: { rotatedAt: at, status: "active", ...(expiresAt ? { expiresAt } : {}) },
    });
    await refreshCredentialSummary(tx, [id]);
    // A rotation an after-action review demanded is now recorded: the next break-glass on the identity may go ahead.
    await recordRotationAfterReview(tx, id, at);
    const updated = await tx.identity.update({ where: { id }, data: { version: { increment: 1 } }, include: WITH_PEOPLE });
    const view = (c: typeof credential) => {
      const { handle, rotatedAt: r, expiresAt: e, status } = credentialAuditView(c);
      return { handle, status, rotatedAt: r, expiresAt: e };
    };
    return {
      result: toIdentitySummary(updated),
      events: { reason: `credential ${credential.handle} rotated`, before: view(credential), after: view(rotated) },
    };
  },
});
