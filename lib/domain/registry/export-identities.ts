import { z } from "zod";
import { recordAuditEvent } from "../audit/run-audited";
import { enforce } from "../authz/enforce";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { GENERIC_COLUMNS } from "./import/generic";
import { toCsv } from "../shared/csv";
import { identityFilterSchema, identityWhere, ownersMatching } from "./identity-filter";

const schema = identityFilterSchema.extend({ format: z.enum(["csv", "json"], { error: "format must be csv or json" }).default("csv") });

const BATCH = 1_000;

/**
 * The registry's current filtered view, in the console's own import format (so an export can be edited
 * and imported back). Streams in keyset batches: memory stays flat however large the registry.
 */
export async function exportIdentities({
  actor,
  db,
  clock,
  input,
}: UseCaseArgs): Promise<{ format: "csv" | "json"; chunks: AsyncGenerator<string> }> {
  await enforce(db, clock, actor, "registry.export", { type: "registry" });
  const { format, sort: _sort, dir: _dir, ...filter } = await validate(schema, input);
  await recordAuditEvent(db, clock, {
    actor,
    action: "registry.export",
    target: { type: "registry", label: format },
    outcome: "allowed",
    after: JSON.parse(JSON.stringify(filter)),
  });
  const where = identityWhere({ ...filter, sort: "name", dir: "asc" }, clock.now(), await ownersMatching(db, filter.q));

  async function* rows() {
    let after: string | undefined;
    for (;;) {
      const batch = await db.identity.findMany({
        where: after ? { AND: [where, { id: { gt: after } }] } : where,
        orderBy: { id: "asc" },
        take: BATCH,
        include: { owner: { select: { email: true } }, backupOwner: { select: { email: true } }, entitlements: true },
      });
      yield batch.map((i) => ({
        ...i,
        ownerEmail: i.owner?.email ?? "",
        backupOwnerEmail: i.backupOwner?.email ?? "",
        credentialIssuedAt: i.credentialIssuedAt?.toISOString() ?? "",
        credentialRotatedAt: i.credentialRotatedAt?.toISOString() ?? "",
        credentialExpiresAt: i.credentialExpiresAt?.toISOString() ?? "",
        lastUsedAt: i.lastUsedAt?.toISOString() ?? "",
        scopes: i.entitlements.map((e) => [e.resource, e.action, e.level, e.environment ?? ""].join("|")).join(";"),
      }));
      if (batch.length < BATCH) return;
      after = batch.at(-1)!.id;
    }
  }

  async function* chunks(): AsyncGenerator<string> {
    if (format === "csv") {
      yield `${GENERIC_COLUMNS.join(",")}\n`;
      for await (const batch of rows()) if (batch.length) yield `${toCsv(GENERIC_COLUMNS, batch)}\n`;
      return;
    }
    yield "[";
    let first = true;
    for await (const batch of rows()) {
      for (const row of batch) {
        const item = Object.fromEntries(GENERIC_COLUMNS.map((c) => [c, c === "tags" ? row.tags : (row[c as keyof typeof row] ?? "")]));
        yield `${first ? "" : ","}\n${JSON.stringify(item)}`;
        first = false;
      }
    }
    yield "\n]\n";
  }
  return { format, chunks: chunks() };
}
