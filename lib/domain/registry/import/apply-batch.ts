import { randomUUID } from "node:crypto";
import { insertRows } from "@/lib/db/insert-rows";
import type { Tx } from "@/lib/db/types";
import { type AuditEventInput, appendAuditEvents } from "../../audit/append-audit-event";
import type { Actor } from "../../authz/actor";
import type { Clock } from "../../shared/clock";
import { DomainError } from "../../shared/errors";
import { refreshCredentialSummary, summarizeCredentials } from "../credentials/credential-summary";
import { linkFederatedCredentials } from "../credentials/link-federated";
import { credentialView, type PlannedCredential } from "./plan-credentials";
import type { ExistingIdentity, PlannedWrite } from "./plan-import";
import type { PlannedScopeUsage } from "./plan-scope-usage";

const IDENTITY_COLUMNS = {
  id: "uuid",
  name: "text",
  kind: "text",
  platform: "text",
  externalId: "text",
  environment: "text",
  purpose: "text",
  ownerId: "uuid",
  backupOwnerId: "uuid",
  team: "text",
  status: "text",
  vendor: "text",
  tags: "text[]",
  flags: "text[]",
  humanUse: "boolean",
  source: "text",
  goneFromSourceAt: "timestamptz",
  lastImportId: "uuid",
  // The credential summary: written with a new identity (summarizeCredentials), refreshed for changed ones.
  activeCredentials: "integer",
  credentialType: "text",
  credentialIssuedAt: "timestamptz",
  credentialRotatedAt: "timestamptz",
  oldestCredentialAt: "timestamptz",
  credentialExpiresAt: "timestamptz",
  lastUsedAt: "timestamptz",
  neverExpires: "boolean",
  usage: "text",
  version: "integer",
  createdAt: "timestamptz",
  updatedAt: "timestamptz",
};
const ENTITLEMENT_COLUMNS = {
  id: "uuid",
  identityId: "uuid",
  resource: "text",
  action: "text",
  level: "text",
  environment: "text",
  createdAt: "timestamptz",
};

const CREDENTIAL_COLUMNS = {
  identityId: "uuid",
  handle: "text",
  type: "text",
  status: "text",
  issuedAt: "timestamptz",
  rotatedAt: "timestamptz",
  expiresAt: "timestamptz",
  lastUsedAt: "timestamptz",
  usage: "text",
  lastUsedWhere: "text",
  federatedWith: "text",
};
const credentialSpec = Object.entries(CREDENTIAL_COLUMNS)
  .map(([c, t]) => `"${c}" ${t}`)
  .join(", ");
const credentialNames = Object.keys(CREDENTIAL_COLUMNS).map((c) => `"${c}"`);
// The source states an identity's credentials: the ones it no longer lists go, the others are upserted by handle.
const DROP_UNLISTED_SQL = `DELETE FROM "Credential" c USING jsonb_to_recordset($1::jsonb) AS r(id uuid, handles text[])
  WHERE c."identityId" = r.id AND NOT (c.handle = ANY(r.handles))`;
const UPSERT_CREDENTIALS_SQL = `INSERT INTO "Credential" (id, ${credentialNames.join(", ")}, "createdAt", "updatedAt")
  SELECT gen_random_uuid(), ${credentialNames.map((c) => `r.${c}`).join(", ")}, $2::timestamptz, $2::timestamptz
  FROM jsonb_to_recordset($1::jsonb) AS r(${credentialSpec})
  ON CONFLICT ("identityId", handle) DO UPDATE SET ${credentialNames
    .filter((c) => c !== '"identityId"' && c !== '"handle"')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(", ")}, "updatedAt" = EXCLUDED."updatedAt"`;
// Per-scope usage (the access advisor): scopes on the same resource get it; a service the identity may use
// but has no scope for yet becomes a scope of unknown level, for its owner to state.
const SCOPE_USAGE_SPEC = `"identityId" uuid, resource text, "lastUsedAt" timestamptz, usage text, "lastUsedWhere" text`;
const UPDATE_SCOPE_USAGE_SQL = `UPDATE "Entitlement" e SET "lastUsedAt" = r."lastUsedAt", usage = r.usage, "lastUsedWhere" = r."lastUsedWhere"
  FROM jsonb_to_recordset($1::jsonb) AS r(${SCOPE_USAGE_SPEC}) WHERE e."identityId" = r."identityId" AND e.resource = r.resource`;
const INSERT_SCOPE_USAGE_SQL = `INSERT INTO "Entitlement" (id, "identityId", resource, action, level, "lastUsedAt", usage, "lastUsedWhere", "createdAt")
  SELECT gen_random_uuid(), r."identityId", r.resource, '*', 'unknown', r."lastUsedAt", r.usage, r."lastUsedWhere", $2::timestamptz
  FROM jsonb_to_recordset($1::jsonb) AS r(${SCOPE_USAGE_SPEC})
  WHERE NOT EXISTS (SELECT 1 FROM "Entitlement" e WHERE e."identityId" = r."identityId" AND e.resource = r.resource)`;

// One statement updates a whole batch: each row sets only the columns it changes. The version the plan
// read must still be there, so an edit made by someone during the import is never silently overwritten.
const UPDATABLE = Object.entries(IDENTITY_COLUMNS).filter(
  ([c]) => !["id", "version", "createdAt", "updatedAt", "lastImportId"].includes(c),
);
const UPDATE_SQL = `UPDATE "Identity" AS i SET ${UPDATABLE.map(([c]) => `"${c}" = CASE WHEN '${c}' = ANY(r.changed) THEN r."${c}" ELSE i."${c}" END`).join(", ")},
  version = i.version + 1, "updatedAt" = r."updatedAt", "lastImportId" = r."lastImportId"
  FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, version integer, changed text[], "updatedAt" timestamptz, "lastImportId" uuid, ${UPDATABLE.map(([c, t]) => `"${c}" ${t}`).join(", ")})
  WHERE i.id = r.id AND i.version = r.version`;

type Update = PlannedWrite & { existing: ExistingIdentity };

/** Writes one planned batch and its audit events (one per identity) in the caller's transaction. */
export async function applyBatch(
  tx: Tx,
  actor: Actor,
  writes: PlannedWrite[],
  format: string,
  clock: Clock,
  importRunId: string,
): Promise<void> {
  const at = clock.now();
  const events: AuditEventInput[] = [];
  const creates = writes.filter((w) => !w.existing).map((w) => ({ ...w, id: randomUUID() }));
  const updates = writes.filter((w): w is Update => !!w.existing);
  await insertRows(
    tx,
    "Identity",
    IDENTITY_COLUMNS,
    creates.map((w) => ({
      status: "active",
      flags: [],
      humanUse: false,
      ...w.data,
      ...summarizeCredentials(w.credentials ?? []),
      id: w.id,
      createdAt: at,
      updatedAt: at,
      version: 1,
      lastImportId: importRunId,
    })),
  );
  for (const w of creates) events.push(event(actor, w.id, w, format, null, w.data));

  if (updates.length > 0) {
    const changedRows = updates.map((w) => ({
      ...w.data,
      id: w.existing.id,
      version: w.existing.version,
      changed: w.item.changes ?? [],
      updatedAt: at,
      lastImportId: importRunId,
    }));
    const count = await tx.$executeRawUnsafe(UPDATE_SQL, JSON.stringify(changedRows));
    if (count !== updates.length) {
      throw new DomainError(
        "CONFLICT",
        "Some identities in the file were changed by someone else during the import. Nothing was imported: run the import again.",
      );
    }
  }
  const rescoped = updates.filter((w) => w.item.changes?.includes("scopes"));
  if (rescoped.length > 0) await tx.entitlement.deleteMany({ where: { identityId: { in: rescoped.map((w) => w.existing.id) } } });
  const scopeRows = [
    ...creates.map((w) => ({ id: w.id, scopes: w.scopes })),
    ...rescoped.map((w) => ({ id: w.existing.id, scopes: w.scopes })),
  ];
  await insertRows(
    tx,
    "Entitlement",
    ENTITLEMENT_COLUMNS,
    scopeRows.flatMap((w) =>
      (w.scopes ?? []).map((s) => ({ ...s, environment: s.environment ?? null, id: randomUUID(), identityId: w.id, createdAt: at })),
    ),
  );

  const recredentialed = [
    ...creates.filter((w) => w.credentials).map((w) => ({ id: w.id, credentials: w.credentials!, isNew: true })),
    ...updates
      .filter((w) => w.item.changes?.includes("credentials"))
      .map((w) => ({ id: w.existing.id, credentials: w.credentials!, isNew: false })),
  ];
  await writeCredentials(tx, recredentialed, at);
  // Federated credentials written now are linked to their cloud identity's entry; and any new identity may be
  // the cloud identity that workloads registered earlier are federated to.
  await linkFederatedCredentials(tx, [...new Set([...creates.map((w) => w.id), ...recredentialed.map((w) => w.id)])], {
    outgoing: recredentialed.some((w) => w.credentials.some((c) => c.federatedWith)),
  });
  const usage = updates.filter((w) => w.scopeUsage).map((w) => ({ id: w.existing.id, usage: w.scopeUsage! }));
  await writeScopeUsage(tx, usage, at);

  const SPECIAL = new Set(["scopes", "credentials", "scope usage"]);
  for (const w of updates) {
    const changes = w.item.changes ?? [];
    const changed = Object.fromEntries(changes.filter((f) => !SPECIAL.has(f)).map((f) => [f, w.data[f as keyof typeof w.data]]));
    const before = Object.fromEntries(
      changes.map((f) => [
        f,
        f === "scopes"
          ? w.existing.scopeKeys
          : f === "credentials"
            ? w.existing.credentials.map(credentialView)
            : f === "scope usage"
              ? null
              : w.existing[f as keyof ExistingIdentity],
      ]),
    );
    events.push(
      event(actor, w.existing.id, w, format, before, {
        ...changed,
        ...(changes.includes("scopes") ? { scopes: w.scopes } : {}),
        ...(changes.includes("credentials") ? { credentials: w.credentials!.map(credentialView) } : {}),
        ...(w.scopeUsage ? { "scope usage": w.scopeUsage } : {}),
      }),
    );
  }
  await appendAuditEvents(tx, events, clock);
}

/** Replaces the credentials of these identities with what the source states, then their summaries. */
async function writeCredentials(
  tx: Tx,
  identities: { id: string; credentials: PlannedCredential[]; isNew: boolean }[],
  at: Date,
): Promise<void> {
  if (identities.length === 0) return;
  // New identities have nothing to drop: only the changed ones are looked at.
  const changed = identities.filter((w) => !w.isNew);
  if (changed.length > 0)
    await tx.$executeRawUnsafe(
      DROP_UNLISTED_SQL,
      JSON.stringify(changed.map((w) => ({ id: w.id, handles: w.credentials.map((c) => c.handle) }))),
    );
  const rows = identities.flatMap((w) => w.credentials.map((c) => ({ ...c, identityId: w.id })));
  for (let i = 0; i < rows.length; i += 5_000)
    await tx.$executeRawUnsafe(UPSERT_CREDENTIALS_SQL, JSON.stringify(rows.slice(i, i + 5_000)), at.toISOString());
  // New identities were inserted with their summary already; only changed ones are recomputed.
  await refreshCredentialSummary(
    tx,
    changed.map((w) => w.id),
  );
}

async function writeScopeUsage(tx: Tx, identities: { id: string; usage: PlannedScopeUsage[] }[], at: Date): Promise<void> {
  if (identities.length === 0) return;
  const rows = JSON.stringify(identities.flatMap((w) => w.usage.map((u) => ({ ...u, identityId: w.id }))));
  await tx.$executeRawUnsafe(UPDATE_SCOPE_USAGE_SQL, rows);
  await tx.$executeRawUnsafe(INSERT_SCOPE_USAGE_SQL, rows, at.toISOString());
}

function event(actor: Actor, id: string, w: PlannedWrite, format: string, before: object | null, after: object): AuditEventInput {
  return {
    actor,
    action: w.existing ? "identity.update" : "identity.create",
    target: { type: "identity", id, label: w.data.name },
    outcome: "allowed",
    reason: `import (${format}, row ${w.item.row})`,
    before: before && JSON.parse(JSON.stringify(before)),
    after: JSON.parse(
      JSON.stringify({
        ...after,
        ...(w.scopes && !w.existing ? { scopes: w.scopes } : {}),
        ...(w.credentials && !w.existing ? { credentials: w.credentials.map(credentialView) } : {}),
      }),
    ),
  };
}
