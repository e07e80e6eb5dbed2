import { z } from "zod";
import { recordAuditEvent } from "../audit/run-audited";
import { enforce } from "../authz/enforce";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { GENERIC_COLUMNS } from "./import/generic";
import { credentialView } from "./import/plan-credentials";
import { toCsv } from "../shared/csv";
import type { Prisma } from "@/lib/db/generated/client";
import { identityFilterSchema, identityOrder, identityWhere, ownersMatching, type IdentityFilter } from "./identity-filter";

const schema = identityFilterSchema.extend({ format: z.enum(["csv", "json"], { error: "format must be csv or json" }).default("csv") });

const BATCH = 1_000;

type SortValue = string | Date | null;

/**
 * The rows after `last` in the list's order (identityOrder: the sort column in its direction, nulls last,
 * then id): keyset paging on (sort column, id), so the export streams in the order the person was looking at.
 */
function afterRow(
  sort: IdentityFilter["sort"],
  dir: IdentityFilter["dir"],
  last: { id: string; value: SortValue },
): Prisma.IdentityWhereInput {
  const sameValueLaterId = { [sort]: last.value, id: { gt: last.id } } as Prisma.IdentityWhereInput;
  if (last.value === null) return sameValueLaterId;
  const beyond = { [sort]: { [dir === "asc" ? "gt" : "lt"]: last.value } } as Prisma.IdentityWhereInput;
  const nullable = sort === "credentialExpiresAt" || sort === "lastUsedAt";
  return { OR: [beyond, sameValueLaterId, ...(nullable ? [{ [sort]: null } as Prisma.IdentityWhereInput] : [])] };
}

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
  const { format, ...filter } = await validate(schema, input);
  await recordAuditEvent(db, clock, {
    actor,
    action: "registry.export",
    target: { type: "registry", label: format },
    outcome: "allowed",
    after: JSON.parse(JSON.stringify(filter)),
  });
  const where = identityWhere(filter, clock.now(), await ownersMatching(db, filter.q));

  async function* rows() {
    let last: { id: string; value: SortValue } | undefined;
    for (;;) {
      const batch = await db.identity.findMany({
        where: last ? { AND: [where, afterRow(filter.sort, filter.dir, last)] } : where,
        orderBy: identityOrder(filter),
        take: BATCH,
        include: {
          owner: { select: { email: true } },
          backupOwner: { select: { email: true } },
          entitlements: true,
          credentials: { orderBy: { handle: "asc" } },
        },
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
        credentials: i.credentials.map(credentialView),
      }));
      if (batch.length < BATCH) return;
      const end = batch.at(-1)!;
      last = { id: end.id, value: end[filter.sort] };
    }
  }

  async function* chunks(): AsyncGenerator<string> {
    if (format === "csv") {
      yield `${GENERIC_COLUMNS.join(",")}\n`;
      for await (const batch of rows())
        if (batch.length)
          yield `${toCsv(
            GENERIC_COLUMNS,
            batch.map((r) => ({ ...r, credentials: r.credentials.length ? JSON.stringify(r.credentials) : "" })),
          )}\n`;
      return;
    }
    yield "[";
    let first = true;
    for await (const batch of rows()) {
      for (const row of batch) {
        const item = Object.fromEntries(
          GENERIC_COLUMNS.map((c) => [c, c === "tags" || c === "credentials" ? row[c] : (row[c as keyof typeof row] ?? "")]),
        );
        yield `${first ? "" : ","}\n${JSON.stringify(item)}`;
        first = false;
      }
    }
    yield "\n]\n";
  }
  return { format, chunks: chunks() };
}

/** The input schema, for the API description (lib/http/openapi). */
export { schema as exportIdentitiesSchema };
