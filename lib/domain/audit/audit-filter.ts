import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { isoDateBound, storableText } from "../shared/input";

const optionalText = storableText("filter")
  .trim()
  .max(200, "must be at most 200 characters")
  .optional()
  .transform((v) => (v ? v : undefined));

// The form's datetime-local values carry no zone; the page labels them UTC, and isoDateBound reads them so.

/** The audit log's filters, as they travel in the URL. */
export const auditFilterSchema = z.object({
  actor: optionalText,
  action: optionalText,
  target: optionalText,
  outcome: z
    .enum(["allowed", "denied"], { error: "outcome must be allowed or denied" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  from: isoDateBound("from"),
  to: isoDateBound("to"),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Every clause is served by an index on AuditEvent (see schema.prisma). */
export function auditWhere(filter: AuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(filter.actor ? { actorLabel: filter.actor.toLowerCase() } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.target ? { OR: [{ targetId: filter.target }, { targetLabel: filter.target }] } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.from || filter.to ? { at: { ...(filter.from && { gte: filter.from }), ...(filter.to && { lte: filter.to }) } } : {}),
  };
}
