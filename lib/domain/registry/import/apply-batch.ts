import { randomUUID } from "node:crypto";
import { insertRows } from "@/lib/db/insert-rows";
import type { Tx } from "@/lib/db/types";
import { type AuditEventInput, appendAuditEvents } from "../../audit/append-audit-event";
import type { Actor } from "../../authz/actor";
import type { Clock } from "../../shared/clock";
import { DomainError } from "../../shared/errors";
import type { ExistingIdentity, PlannedWrite } from "./plan-import";

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
  credentialType: "text",
  credentialIssuedAt: "timestamptz",
  credentialRotatedAt: "timestamptz",
  credentialExpiresAt: "timestamptz",
  lastUsedAt: "timestamptz",
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

// One statement updates a whole batch: each row sets only the columns it changes. The version the plan
// read must still be there, so an edit made by someone during the import is never silently overwritten.
const UPDATABLE = Object.entries(IDENTITY_COLUMNS).filter(([c]) => !["id", "version", "createdAt", "updatedAt"].includes(c));
const UPDATE_SQL = `UPDATE "Identity" AS i SET ${UPDATABLE.map(([c]) => `"${c}" = CASE WHEN '${c}' = ANY(r.changed) THEN r."${c}" ELSE i."${c}" END`).join(", ")},
  version = i.version + 1, "updatedAt" = r."updatedAt"
  FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, version integer, changed text[], "updatedAt" timestamptz, ${UPDATABLE.map(([c, t]) => `"${c}" ${t}`).join(", ")})
  WHERE i.id = r.id AND i.version = r.version`;

type Update = PlannedWrite & { existing: ExistingIdentity };

/** Writes one planned batch and its audit events (one per identity) in the caller's transaction. */
export async function applyBatch(tx: Tx, actor: Actor, writes: PlannedWrite[], format: string, clock: Clock): Promise<void> {
  const at = clock.now();
  const events: AuditEventInput[] = [];
  const creates = writes.filter((w) => !w.existing).map((w) => ({ ...w, id: randomUUID() }));
  const updates = writes.filter((w): w is Update => !!w.existing);
  await insertRows(
    tx,
    "Identity",
    IDENTITY_COLUMNS,
    creates.map((w) => ({ status: "active", ...w.data, id: w.id, createdAt: at, updatedAt: at, version: 1 })),
  );
  for (const w of creates) events.push(event(actor, w.id, w, format, null, w.data));

  if (updates.length > 0) {
    const changedRows = updates.map((w) => ({
      ...w.data,
      id: w.existing.id,
      version: w.existing.version,
      changed: w.item.changes ?? [],
      updatedAt: at,
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

  for (const w of updates) {
    const changes = w.item.changes ?? [];
    const changed = Object.fromEntries(changes.filter((f) => f !== "scopes").map((f) => [f, w.data[f as keyof typeof w.data]]));
    const before = Object.fromEntries(
      changes.map((f) => [f, f === "scopes" ? w.existing.scopeKeys : w.existing[f as keyof ExistingIdentity]]),
    );
    events.push(
      event(actor, w.existing.id, w, format, before, { ...changed, ...(changes.includes("scopes") ? { scopes: w.scopes } : {}) }),
    );
  }
  await appendAuditEvents(tx, events, clock);
}

function event(actor: Actor, id: string, w: PlannedWrite, format: string, before: object | null, after: object): AuditEventInput {
  return {
    actor,
    action: w.existing ? "identity.update" : "identity.create",
    target: { type: "identity", id, label: w.data.name },
    outcome: "allowed",
    reason: `import (${format}, row ${w.item.row})`,
    before: before && JSON.parse(JSON.stringify(before)),
    after: JSON.parse(JSON.stringify({ ...after, ...(w.scopes && !w.existing ? { scopes: w.scopes } : {}) })),
  };
}
