import type { Tx } from "@/lib/db/types";

// The identity row carries a summary of its credentials so that the list can filter and sort on it with
// plain indexes at 500,000 identities. It is derived, never edited: every write to Credential rows calls
// refreshCredentialSummary for the identities it touched, in the same transaction, in one statement.
//
// The summary describes the credential a reviewer should look at first: the oldest active one (by its
// last rotation, or its issue when never rotated). So an IAM user whose second, two-year-old key is the
// one in use shows two years, not the four days of its freshly rotated first key. When no credential is
// active, the oldest inactive one stands in (the identity still shows what it had).

const REFRESH_SQL = `
UPDATE "Identity" AS i SET
  "activeCredentials" = s.active,
  "credentialType" = s.type,
  "credentialIssuedAt" = s.issued,
  "credentialRotatedAt" = s.rotated,
  "oldestCredentialAt" = s.oldest,
  "credentialExpiresAt" = s.expires,
  "lastUsedAt" = s.last_used,
  "neverExpires" = s.never_expires,
  "usage" = s.usage
FROM (
  SELECT ids.id,
    count(c.id) FILTER (WHERE c.status = 'active')::int AS active,
    (array_agg(c.type ORDER BY c.status = 'active' DESC, COALESCE(c."rotatedAt", c."issuedAt") ASC NULLS LAST, c.type = 'federated' DESC, c.handle))[1] AS type,
    (array_agg(c."issuedAt" ORDER BY c.status = 'active' DESC, COALESCE(c."rotatedAt", c."issuedAt") ASC NULLS LAST, c.type = 'federated' DESC, c.handle))[1] AS issued,
    (array_agg(c."rotatedAt" ORDER BY c.status = 'active' DESC, COALESCE(c."rotatedAt", c."issuedAt") ASC NULLS LAST, c.type = 'federated' DESC, c.handle))[1] AS rotated,
    min(COALESCE(c."rotatedAt", c."issuedAt")) FILTER (WHERE c.status = 'active') AS oldest,
    COALESCE(min(c."expiresAt") FILTER (WHERE c.status = 'active'), min(c."expiresAt")) AS expires,
    max(c."lastUsedAt") AS last_used,
    COALESCE(bool_or(c.type IN ('static_secret', 'oauth_client') AND c."expiresAt" IS NULL) FILTER (WHERE c.status = 'active'), false) AS never_expires,
    CASE
      WHEN bool_or(c.usage = 'known') THEN 'known'
      WHEN count(c.id) > 0 AND bool_and(c.usage = 'never') THEN 'never'
      ELSE 'unknown'
    END AS usage
  FROM jsonb_array_elements_text($1::jsonb) AS ids(id)
  LEFT JOIN "Credential" c ON c."identityId" = ids.id::uuid
  GROUP BY ids.id
) AS s
WHERE i.id = s.id::uuid`;

/** Recomputes the credential summary of these identities from their Credential rows (one statement). */
export async function refreshCredentialSummary(tx: Tx, identityIds: readonly string[]): Promise<void> {
  for (let i = 0; i < identityIds.length; i += 5_000) {
    await tx.$executeRawUnsafe(REFRESH_SQL, JSON.stringify(identityIds.slice(i, i + 5_000)));
  }
}

type SummaryInput = {
  handle: string;
  type: string;
  status?: string;
  issuedAt?: Date | null;
  rotatedAt?: Date | null;
  expiresAt?: Date | null;
  lastUsedAt?: Date | null;
  usage?: string;
};

const time = (d: Date | null | undefined) => d?.getTime() ?? null;
const ageFrom = (c: SummaryInput) => time(c.rotatedAt) ?? time(c.issuedAt);

/**
 * The same summary as REFRESH_SQL, computed from credentials in memory: an import writes a new identity
 * with its summary in the one INSERT instead of inserting it and then rewriting it (every index twice).
 * tests/credential-summary.test.ts holds the two to the same answers.
 */
export function summarizeCredentials(credentials: readonly SummaryInput[]) {
  const isActive = (c: SummaryInput) => (c.status ?? "active") === "active";
  const ordered = [...credentials].sort((a, b) => {
    const byStatus = Number(isActive(b)) - Number(isActive(a));
    if (byStatus) return byStatus;
    const [x, y] = [ageFrom(a), ageFrom(b)];
    if (x !== y) return x === null ? 1 : y === null ? -1 : x - y;
    const byFederated = Number(b.type === "federated") - Number(a.type === "federated");
    return byFederated || (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : 0);
  });
  const active = credentials.filter(isActive);
  const first = ordered[0];
  const min = (dates: (number | null)[]) => {
    const known = dates.filter((d): d is number => d !== null);
    return known.length ? new Date(Math.min(...known)) : null;
  };
  const max = (dates: (number | null)[]) => {
    const known = dates.filter((d): d is number => d !== null);
    return known.length ? new Date(Math.max(...known)) : null;
  };
  return {
    activeCredentials: active.length,
    credentialType: first?.type ?? null,
    credentialIssuedAt: first?.issuedAt ?? null,
    credentialRotatedAt: first?.rotatedAt ?? null,
    oldestCredentialAt: min(active.map(ageFrom)),
    credentialExpiresAt: min(active.map((c) => time(c.expiresAt))) ?? min(credentials.map((c) => time(c.expiresAt))),
    lastUsedAt: max(credentials.map((c) => time(c.lastUsedAt))),
    neverExpires: active.some((c) => (c.type === "static_secret" || c.type === "oauth_client") && !c.expiresAt),
    usage: credentials.some((c) => c.usage === "known")
      ? "known"
      : credentials.length > 0 && credentials.every((c) => c.usage === "never")
        ? "never"
        : "unknown",
  };
}
