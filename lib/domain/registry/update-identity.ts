import { z } from "zod";
import { DomainError } from "../shared/errors";
import { identityAuditView, WITH_PEOPLE, toIdentitySummary } from "./identity-dto";
import { identityFieldsSchema } from "./identity-input";
import { defineIdentityMutation } from "./identity-mutation";

export const updateIdentitySchema = z
  .object({
    id: z.uuid("id must be an identity id"),
    expectedVersion: z.coerce.number({ error: "expectedVersion must be the version you edited" }).int().min(1).max(2_147_483_647),
    /** The values as the editor loaded them, so a conflict can name exactly what someone else changed. */
    original: z
      .record(
        z.string().max(100),
        // Shallow values only (text, numbers, dates, the tags list, a person): the conflict message compares them.
        z.union([
          z.string().max(10_000),
          z.number(),
          z.boolean(),
          z.null(),
          z.array(z.string().max(200)).max(100),
          z.record(z.string().max(100), z.union([z.string().max(1_000), z.number(), z.boolean(), z.null()])),
        ]),
        { error: "original must be the identity's fields as you loaded them" },
      )
      .optional(),
  })
  .and(identityFieldsSchema);

/**
 * Edits an identity's description and credential metadata. A save based on an older version is refused
 * with the fields that changed meanwhile: two people editing never silently overwrite each other.
 */
export const updateIdentity = defineIdentityMutation({
  action: "identity.update",
  input: updateIdentitySchema,
  identityId: (input) => input.id,
  async change({ tx, identity, input }) {
    const { id, expectedVersion, original, ...fields } = input;
    if (identity.version !== expectedVersion) {
      const now = identityAuditView(identity) as Record<string, unknown>;
      const changed = original
        ? Object.keys(now).filter((k) => k in original && JSON.stringify(original[k] ?? null) !== JSON.stringify(now[k] ?? null))
        : [];
      throw new DomainError(
        "CONFLICT",
        `Someone else saved "${identity.name}" while you were editing${changed.length ? `: they changed ${changed.join(", ")}` : ""}. Nothing of yours was saved; reload to see their version, then apply your change again.`,
      );
    }
    if (fields.platform !== identity.platform || fields.externalId !== identity.externalId) {
      const clash = await tx.identity.findUnique({
        where: { platform_externalId: { platform: fields.platform, externalId: fields.externalId } },
        select: { id: true },
      });
      if (clash && clash.id !== id)
        throw new DomainError("CONFLICT", `${fields.platform} already has an identity with that external id.`, {
          externalId: ["already registered on this platform"],
        });
    }
    const updated = await tx.identity.update({ where: { id }, data: { ...fields, version: { increment: 1 } }, include: WITH_PEOPLE });
    return { result: toIdentitySummary(updated), events: { before: identityAuditView(identity), after: identityAuditView(updated) } };
  },
});
