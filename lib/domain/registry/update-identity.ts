import { z } from "zod";
import type { Identity } from "@/lib/db/generated/client";
import { DomainError } from "../shared/errors";
import { identityAuditView, WITH_PEOPLE, toIdentitySummary } from "./identity-dto";
import { CREDENTIAL_FIELDS, writeSingleCredential } from "./credentials/identity-credential-fields";
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
  // Only the fields sent are changed: a form sends what the person changed, so nothing else is rewritten.
  .and(identityFieldsSchema.partial());

/**
 * Edits an identity's description and credential metadata. Only the fields sent change, and the audit event
 * names only the fields whose value really changed: a save never rewrites what nobody touched (a date-time
 * keeps its seconds). A save based on an older version is refused with the fields that changed meanwhile:
 * two people editing never silently overwrite each other.
 */
export const updateIdentity = defineIdentityMutation({
  action: "identity.update",
  input: updateIdentitySchema,
  identityId: (input) => input.id,
  async change({ tx, identity, input }) {
    const { id, expectedVersion, original, ...fields } = input;
    if (identity.version !== expectedVersion) throw conflict(identity, original);
    const sent = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as typeof fields;
    const before = identityAuditView(identity) as Record<string, unknown>;
    const changed = Object.keys(sent).filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(viewOf(sent)[k] ?? null));
    if (changed.length === 0)
      return { result: toIdentitySummary(await tx.identity.findUniqueOrThrow({ where: { id }, include: WITH_PEOPLE })), events: [] };
    const platform = sent.platform ?? identity.platform;
    const externalId = sent.externalId ?? identity.externalId;
    if (platform !== identity.platform || externalId !== identity.externalId) {
      const clash = await tx.identity.findUnique({ where: { platform_externalId: { platform, externalId } }, select: { id: true } });
      if (clash && clash.id !== id)
        throw new DomainError("CONFLICT", `${platform} already has an identity with that external id.`, {
          externalId: ["already registered on this platform"],
        });
    }
    const isCredentialField = (k: string) => (CREDENTIAL_FIELDS as readonly string[]).includes(k);
    const data = Object.fromEntries(changed.filter((k) => !isCredentialField(k)).map((k) => [k, sent[k as keyof typeof sent]]));
    await writeSingleCredential(
      tx,
      id,
      Object.fromEntries(changed.filter(isCredentialField).map((k) => [k, sent[k as keyof typeof sent]])),
    );
    // What a person sets by hand is theirs: a later import of the same identity leaves these fields alone.
    const pinnedFields = [...new Set([...identity.pinnedFields, ...changed.filter((k) => PINNABLE.has(k))])].sort();
    const updated = await tx.identity.update({
      where: { id },
      data: { ...data, pinnedFields, version: { increment: 1 } },
      include: WITH_PEOPLE,
    });
    const after = identityAuditView(updated) as Record<string, unknown>;
    return { result: toIdentitySummary(updated), events: { before: pick(before, changed), after: pick(after, changed) } };
  },
});

/** Fields an import also sets (credentials aside, which are the source's to state). */
const PINNABLE = new Set(["name", "kind", "environment", "purpose", "team", "vendor", "status"]);

/** Sent values as the audit view shows them (dates as ISO text), to compare with what is stored. */
const viewOf = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));

const pick = (view: Record<string, unknown>, keys: string[]) =>
  JSON.parse(JSON.stringify(Object.fromEntries(keys.map((k) => [k, view[k] ?? null]))));

function conflict(identity: Identity, original: Record<string, unknown> | undefined): DomainError {
  const now = identityAuditView(identity) as Record<string, unknown>;
  const changed = original
    ? Object.keys(now).filter((k) => k in original && JSON.stringify(original[k] ?? null) !== JSON.stringify(now[k] ?? null))
    : [];
  return new DomainError(
    "CONFLICT",
    `Someone else saved "${identity.name}" while you were editing${changed.length ? `: they changed ${changed.join(", ")}` : ""}. Nothing of yours was saved; reload to see their version, then apply your change again.`,
  );
}
