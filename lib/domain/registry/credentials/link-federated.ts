import type { Tx } from "@/lib/db/types";

// A federated credential (an EKS pod role, a GKE workload identity, an Azure workload identity) acts as a
// cloud identity that may have its own registry entry. Links are made by external id, in both directions:
// when the workload is recorded after its cloud identity, and when the cloud identity arrives later.

const IDS = `(SELECT x::uuid FROM jsonb_array_elements_text($1::jsonb) AS x)`;
// The workloads' own federated credentials, looked up through (identityId, handle).
const LINK_FROM_SQL = `
UPDATE "Credential" AS c SET "linkedIdentityId" = i.id
FROM "Identity" AS i
WHERE c."identityId" IN ${IDS} AND c."federatedWith" IS NOT NULL
  AND i."externalId" = c."federatedWith" AND i.id <> c."identityId" AND c."linkedIdentityId" IS DISTINCT FROM i.id`;
// Credentials elsewhere that name one of these identities, looked up through the federatedWith index.
const LINK_TO_SQL = `
UPDATE "Credential" AS c SET "linkedIdentityId" = i.id
FROM "Identity" AS i
WHERE i.id IN ${IDS} AND c."federatedWith" = i."externalId" AND i.id <> c."identityId"
  AND c."linkedIdentityId" IS DISTINCT FROM i.id`;

/** Links the federated credentials of, or pointing at, these identities to their cloud identity's entry. */
export async function linkFederatedCredentials(
  tx: Tx,
  identityIds: readonly string[],
  { outgoing = true }: { outgoing?: boolean } = {},
): Promise<void> {
  for (let i = 0; i < identityIds.length; i += 5_000) {
    const ids = JSON.stringify(identityIds.slice(i, i + 5_000));
    // `outgoing: false` when the caller knows none of these identities has a federated credential.
    if (outgoing) await tx.$executeRawUnsafe(LINK_FROM_SQL, ids);
    await tx.$executeRawUnsafe(LINK_TO_SQL, ids);
  }
}
