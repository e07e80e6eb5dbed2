import { z } from "zod";
import { DomainError } from "../../shared/errors";
import { defineIdentityMutation } from "../identity-mutation";
import { credentialAuditView, toCredentialDto } from "./credential-dto";
import { credentialFieldsSchema, impossibleDates, usageOf } from "./credential-input";
import { refreshCredentialSummary } from "./credential-summary";
import { linkFederatedCredentials } from "./link-federated";

export const addCredentialSchema = z
  .object({ identityId: z.uuid("identityId must be an identity id") })
  .and(credentialFieldsSchema)
  .superRefine((c, ctx) => {
    for (const [field, message] of Object.entries(impossibleDates(c))) ctx.addIssue({ code: "custom", path: [field], message });
  });

/** Records one more credential of an identity (a second access key, a new client secret): metadata only. */
export const addCredential = defineIdentityMutation({
  action: "identity.update",
  input: addCredentialSchema,
  identityId: (input) => input.identityId,
  subjectField: "identityId",
  async change({ tx, identity, input: { identityId, ...fields } }) {
    const clash = await tx.credential.findUnique({ where: { identityId_handle: { identityId, handle: fields.handle } } });
    if (clash)
      throw new DomainError("CONFLICT", `"${identity.name}" already has a credential called ${fields.handle}.`, {
        handle: ["already used by another credential of this identity"],
      });
    const created = await tx.credential.create({ data: { identityId, ...fields, usage: usageOf(fields) } });
    await linkFederatedCredentials(tx, [identityId]);
    await refreshCredentialSummary(tx, [identityId]);
    await tx.identity.update({ where: { id: identityId }, data: { version: { increment: 1 } } });
    return {
      result: toCredentialDto(created),
      events: { reason: `credential ${created.handle} added`, after: credentialAuditView(created) },
    };
  },
});
