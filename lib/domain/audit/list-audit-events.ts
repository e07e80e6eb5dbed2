import { z } from "zod";
import { enforce } from "../authz/enforce";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { type AuditEventDto, toAuditEventDto } from "./audit-event-dto";
import { auditFilterSchema, auditWhere } from "./audit-filter";

export const listAuditEventsSchema = auditFilterSchema.extend({
  // Keyset pagination on seq, newest first: stays fast on a log of millions of rows, unlike OFFSET.
  before: z
    .string()
    .regex(/^\d{1,18}$/, "before must be an event number")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export type AuditPage = { events: AuditEventDto[]; nextBefore: string | null };

export async function listAuditEvents({ actor, db, clock, input }: UseCaseArgs): Promise<AuditPage> {
  await enforce(db, clock, actor, "audit.read", { type: "audit-log" });
  const { before, pageSize, ...filter } = await validate(listAuditEventsSchema, input);
  const where = auditWhere(filter);
  const rows = await db.auditEvent.findMany({
    where: before ? { AND: [where, { seq: { lt: BigInt(before) } }] } : where,
    orderBy: { seq: "desc" },
    take: pageSize + 1,
  });
  const page = rows.slice(0, pageSize);
  return {
    events: page.map(toAuditEventDto),
    nextBefore: rows.length > pageSize ? page.at(-1)!.seq.toString() : null,
  };
}
