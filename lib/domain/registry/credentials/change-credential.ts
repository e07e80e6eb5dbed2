import { z } from "zod";
import type { Identity } from "@/lib/db/generated/client";
import type { IdentityTarget } from "../../authz/policy";
import { defineMutation } from "../../shared/define-mutation";
import { DomainError } from "../../shared/errors";
import { loadIdentityTarget } from "../load-identity-target";
import { credentialAuditView, toCredentialDto } from "./credential-dto";
import { credentialFieldsSchema, impossibleDates, type Usage, usageOf } from "./credential-input";
import { refreshCredentialSummary } from "./credential-summary";
import { linkFederatedCredentials } from "./link-federated";

export const changeCredentialSchema = z
  .object({
    credentialId: z.uuid("credentialId must be a credential id"),
    /** true removes the credential (it no longer exists at its source); its history stays in the audit log. */
    remove: z.boolean().optional(),
  })
  .and(credentialFieldsSchema.partial());

const gone = () => new DomainError("NOT_FOUND", "That credential no longer exists. Reload the page.");

/**
 * Changes what is recorded about one credential (only the fields sent), marks it inactive, or removes it.
 * The credential names its identity: the identity's lock is taken too, so credential changes, rotations
 * and identity edits queue, and the identity's summary is recomputed in the same transaction.
 */
export const changeCredential = defineMutation({
  action: "identity.update",
  input: changeCredentialSchema,
  lockKey: (input) => `credential:${input.credentialId}`,
  async load(tx, { credentialId }): Promise<IdentityTarget & { identity: Identity }> {
    const credential = await tx.credential.findUnique({ where: { id: credentialId }, select: { identityId: true } });
    if (!credential) throw gone();
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`identity:${credential.identityId}`}, 0))`;
    return loadIdentityTarget(tx, credential.identityId);
  },
  async change({ tx, input: { credentialId, remove, ...fields }, target: { identity } }) {
    const before = await tx.credential.findUnique({ where: { id: credentialId } });
    if (!before) throw gone();
    const sent = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as typeof fields;
    let after = null;
    if (remove) {
      await tx.credential.delete({ where: { id: credentialId } });
    } else {
      const merged = { ...before, ...sent, usage: (sent.usage ?? before.usage) as Usage };
      const problems = impossibleDates(merged);
      if (Object.keys(problems).length > 0)
        throw new DomainError(
          "VALIDATION",
          `These dates cannot all be true: ${Object.values(problems).join("; ")}.`,
          Object.fromEntries(Object.entries(problems).map(([f, m]) => [f, [m]])),
        );
      if (sent.handle && sent.handle !== before.handle) {
        const clash = await tx.credential.findUnique({ where: { identityId_handle: { identityId: identity.id, handle: sent.handle } } });
        if (clash) throw new DomainError("CONFLICT", `Another credential is already called ${sent.handle}.`, { handle: ["already used"] });
      }
      after = await tx.credential.update({
        where: { id: credentialId },
        data: { ...sent, usage: "lastUsedAt" in sent || "usage" in sent ? usageOf(merged) : before.usage },
      });
      await linkFederatedCredentials(tx, [identity.id]);
    }
    await refreshCredentialSummary(tx, [identity.id]);
    await tx.identity.update({ where: { id: identity.id }, data: { version: { increment: 1 } } });
    return {
      result: after && toCredentialDto(after),
      events: {
        reason: after ? `credential ${after.handle} changed` : `credential ${before.handle} removed`,
        before: credentialAuditView(before),
        after: after && credentialAuditView(after),
      },
    };
  },
});
