// The estate the review and posture benches measure, seeded in SQL: 200 owners, N identities spread over kinds,
// platforms, environments, 23 teams and credential ages (1 in 13 without an owner, 1 in 11 with no recorded use), one read
// scope each and a write scope on every third.

/** The estate, in SQL: the heavy owner's identities first, then the rest spread over 199 owners (1 in 13 without one). */
export const ESTATE_SQL = (n: number, heavy: number) => `
INSERT INTO "User" (id, email, name, roles, status, "updatedAt")
SELECT gen_random_uuid(), 'owner' || g || '@bench.local', 'Owner ' || g, ARRAY['member'], 'active', now() FROM generate_series(0, 199) g;
WITH owners AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS k FROM "User" WHERE email LIKE 'owner%@bench.local'),
heavy AS (SELECT id FROM "User" WHERE email = 'owner0@bench.local')
INSERT INTO "Identity" (id, name, kind, platform, "externalId", environment, team, purpose, "ownerId", "backupOwnerId", tags,
  "credentialType", "credentialIssuedAt", "credentialExpiresAt", "lastUsedAt", "activeCredentials", "oldestCredentialAt",
  "neverExpires", usage, "updatedAt")
SELECT gen_random_uuid(), 'svc-' || g, (ARRAY['service_account','api_key','oauth_app','workload_identity','cicd_token','bot','ai_agent'])[1 + g % 7],
  (ARRAY['aws','gcp','azure','kubernetes','github'])[1 + g % 5], 'bench/' || g,
  (ARRAY['production','staging','test','development'])[1 + g % 4], 'team-' || (g % 23), 'Runs shard ' || (g % 97),
  CASE WHEN g < ${heavy} THEN (SELECT id FROM heavy) WHEN g % 13 = 0 THEN NULL ELSE (SELECT id FROM owners WHERE k = 1 + g % 199) END,
  CASE WHEN g % 7 = 0 THEN (SELECT id FROM owners WHERE k = 1 + (g + 3) % 199) END,
  ARRAY['shard-' || (g % 20)],
  (ARRAY['static_secret','short_lived_token','federated','certificate','oauth_client'])[1 + g % 5],
  now() - ((g * 7) % 1000) * interval '1 day', now() + (((g * 13) % 500) - 100) * interval '1 day',
  CASE WHEN g % 11 = 0 THEN NULL ELSE now() - ((g * 3) % 300) * interval '1 day' END, 1,
  now() - ((g * 7) % 1000) * interval '1 day', false, CASE WHEN g % 11 = 0 THEN 'unknown' ELSE 'known' END, now()
FROM generate_series(0, ${n - 1}) g;
INSERT INTO "Entitlement" (id, "identityId", resource, action, level, environment)
SELECT gen_random_uuid(), id, 'db-' || split_part("externalId", '/', 2), 'read', 'read', environment FROM "Identity";
INSERT INTO "Entitlement" (id, "identityId", resource, action, level, environment)
SELECT gen_random_uuid(), id, 'bucket-' || split_part("externalId", '/', 2), 'write', 'write', environment
FROM "Identity" WHERE split_part("externalId", '/', 2)::int % 3 = 0;
`;
