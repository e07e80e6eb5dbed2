import type { Tx } from "@/lib/db/types";
import { type AuditEventInput, appendAuditEvents } from "../../audit/append-audit-event";
import type { Actor } from "../../authz/actor";
import type { Clock } from "../../shared/clock";
import type { ImportOptions } from "./import-row";

// A full export of a source (one AWS account, one cluster, one GitHub org) lists everything that source
// has. Identities the registry holds from that source but the file no longer lists have gone from it:
// they are marked (goneFromSourceAt), never deleted, since the registry's record and its history are the
// evidence a review needs. The keys the file listed are in the import's import_keys table.

const GONE_WHERE = `i.source = $1 AND i."goneFromSourceAt" IS NULL
  AND NOT EXISTS (SELECT 1 FROM import_keys k WHERE k.platform = i.platform AND k."externalId" = i."externalId")`;

/** Marks (or, in a dry run, counts) the identities of `source` that the file did not list. */
export async function markGoneFromSource(tx: Tx, actor: Actor, clock: Clock, source: string, dryRun: boolean, format: string) {
  if (dryRun) {
    const rows = await tx.$queryRawUnsafe<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM "Identity" i WHERE ${GONE_WHERE}`,
      source,
    );
    return rows[0]?.count ?? 0;
  }
  const at = clock.now();
  const gone = await tx.$queryRawUnsafe<{ id: string; name: string }[]>(
    `UPDATE "Identity" i SET "goneFromSourceAt" = $2::timestamptz, version = i.version + 1, "updatedAt" = $2::timestamptz
     WHERE ${GONE_WHERE} RETURNING i.id, i.name`,
    source,
    at.toISOString(),
  );
  const events: AuditEventInput[] = gone.map((g) => ({
    actor,
    action: "identity.update",
    target: { type: "identity", id: g.id, label: g.name },
    outcome: "allowed",
    reason: `import (${format}): no longer listed by ${source}`,
    before: { goneFromSourceAt: null },
    after: { goneFromSourceAt: at.toISOString() },
  }));
  await appendAuditEvents(tx, events, clock);
  return gone.length;
}

const SOURCE_OPTION: Record<string, { platform: string; option: "cluster" | "org"; what: string }> = {
  kubernetes: { platform: "kubernetes", option: "cluster", what: "cluster" },
  "github-pats": { platform: "github", option: "org", what: "organization" },
};

/**
 * (App installations name their organization themselves, so only these two formats can lose it.)
 * Forgetting the cluster (or org) registers every identity again under another external id. When the file
 * names none but the registry already holds identities of that platform under named sources, say so.
 */
export async function sourceWarnings(tx: Tx, format: string, options: ImportOptions, sources: Set<string>): Promise<string[]> {
  const expected = SOURCE_OPTION[format];
  if (!expected || options[expected.option]?.trim()) return [];
  const known = await tx.$queryRawUnsafe<{ source: string }[]>(
    `SELECT DISTINCT source FROM "Identity" WHERE source LIKE $1 AND source NOT IN (SELECT jsonb_array_elements_text($2::jsonb)) LIMIT 6`,
    `${expected.platform}:%`,
    JSON.stringify([...sources]),
  );
  if (known.length === 0) return [];
  const names = known.map((k) => k.source.slice(expected.platform.length + 1)).filter(Boolean);
  if (names.length === 0) return [];
  return [
    `No ${expected.what} was given, but the registry already holds ${expected.platform} identities from ${names.slice(0, 5).join(", ")}: without the ${expected.what}, these rows get other external ids and would be registered a second time. Give the ${expected.what} (${expected.option}) if this file is from one of them.`,
  ];
}
