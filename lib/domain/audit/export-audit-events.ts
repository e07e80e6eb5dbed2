import type { Db } from "@/lib/db/types";
import { enforce } from "../authz/enforce";
import type { UseCaseArgs } from "../shared/use-case";
import { toCsv } from "../shared/csv";
import { validate } from "../shared/validate";
import { toAuditEventDto } from "./audit-event-dto";
import { type AuditFilter, auditFilterSchema, auditWhere } from "./audit-filter";
import { recordAuditEvent } from "./run-audited";

const COLUMNS = [
  "seq",
  "at",
  "actorType",
  "actorLabel",
  "action",
  "targetType",
  "targetId",
  "targetLabel",
  "outcome",
  "reason",
  "ip",
  "userAgent",
  "requestId",
  "before",
  "after",
  "hash",
] as const;

const BATCH = 1_000;

/**
 * Exports the filtered log as CSV, oldest first, in batches so memory stays flat on a large log.
 * The export itself is evidence handed out, so it is recorded before the first byte is produced.
 */
export async function exportAuditEvents({ actor, db, clock, input }: UseCaseArgs): Promise<AsyncGenerator<string>> {
  await enforce(db, clock, actor, "audit.export", { type: "audit-log" });
  const filter = await validate(auditFilterSchema, input);
  await recordAuditEvent(db, clock, {
    actor,
    action: "audit.export",
    target: { type: "audit-log" },
    outcome: "allowed",
    after: JSON.parse(JSON.stringify(filter)),
  });
  return rows(db, filter);
}

async function* rows(db: Db, filter: AuditFilter): AsyncGenerator<string> {
  yield `${COLUMNS.join(",")}\n`;
  let after: bigint | undefined;
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: after === undefined ? auditWhere(filter) : { AND: [auditWhere(filter), { seq: { gt: after } }] },
      orderBy: { seq: "asc" },
      take: BATCH,
    });
    for (const row of batch) {
      const dto = toAuditEventDto(row);
      yield `${toCsv(COLUMNS, [dto])}\n`;
    }
    if (batch.length < BATCH) return;
    after = batch.at(-1)!.seq;
  }
}
