import type { IdentityTarget } from "../authz/policy";
import { triggerReviews } from "../reviews/events/trigger-review";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { identityAuditView, WITH_PEOPLE, toIdentitySummary } from "./identity-dto";
import { writeSingleCredential } from "./credentials/identity-credential-fields";
import { linkFederatedCredentials } from "./credentials/link-federated";
import { createIdentitySchema } from "./identity-input";
import { assertEligibleOwners } from "./owner-eligibility";

/** Registers an identity with its named owner. Owners may only create identities they own or back up. */
export const createIdentity = defineMutation({
  action: "identity.create",
  input: createIdentitySchema,
  // Two registrations of the same (platform, external id) queue; the unique index is the last word anyway.
  lockKey: (input) => `identity-key:${input.platform}:${input.externalId}`,
  load: async (_tx, input): Promise<IdentityTarget> => ({
    type: "identity",
    id: null,
    label: input.name,
    ownerId: input.ownerId ?? null,
    backupOwnerId: input.backupOwnerId ?? null,
  }),
  async change({ tx, clock, input }) {
    await assertEligibleOwners(tx, { ownerId: input.ownerId, backupOwnerId: input.backupOwnerId });
    const clash = await tx.identity.findUnique({
      where: { platform_externalId: { platform: input.platform, externalId: input.externalId } },
      select: { name: true },
    });
    if (clash)
      throw new DomainError(
        "CONFLICT",
        `${input.platform} already has an identity with external id ${input.externalId} ("${clash.name}").`,
        {
          externalId: ["already registered on this platform"],
        },
      );
    const { credentialType, credentialIssuedAt, credentialRotatedAt, credentialExpiresAt, lastUsedAt, ...fields } = input;
    // Registered by a person: what they chose stays theirs when an import later finds the same identity.
    const pinnedFields = ["backupOwnerId", "environment", "kind", "ownerId", "purpose"];
    const { id } = await tx.identity.create({ data: { ...fields, pinnedFields }, select: { id: true } });
    await writeSingleCredential(tx, id, { credentialType, credentialIssuedAt, credentialRotatedAt, credentialExpiresAt, lastUsedAt });
    // It may be the cloud identity that registered workloads are federated to.
    await linkFederatedCredentials(tx, [id]);
    const created = await tx.identity.findUniqueOrThrow({ where: { id }, include: WITH_PEOPLE });
    // An AI agent is certified by its owner where a campaign has the agent_registered trigger.
    const reviews =
      created.kind === "ai_agent"
        ? await triggerReviews(tx, clock, {
            trigger: "agent_registered",
            identityIds: [id],
            what: `AI agent ${created.name} registered`,
            event: {},
          })
        : [];
    return {
      result: toIdentitySummary(created),
      events: [{ target: { type: "identity", id: created.id, label: created.name }, after: identityAuditView(created) }, ...reviews],
    };
  },
});
