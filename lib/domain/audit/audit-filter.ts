import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";

const optionalText = z
  .string()
  .trim()
  .max(200, "must be at most 200 characters")
  .optional()
  .transform((v) => (v ? v : undefined));

const optionalDate = (field: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      // The form's datetime-local values carry no zone; the page labels them UTC, so read them as UTC.
      const date = new Date(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v) ? `${v}Z` : v);
      if (Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: `${field} must be a date and time, e.g. 2026-01-31T09:00` });
        return z.NEVER;
      }
      return date;
    });

/** The audit log's filters, as they travel in the URL. */
export const auditFilterSchema = z.object({
  actor: optionalText,
  action: optionalText,
  target: optionalText,
  outcome: z.enum(["allowed", "denied"], { error: "outcome must be allowed or denied" }).optional().or(z.literal("").transform(() => undefined)),
  from: optionalDate("from"),
  to: optionalDate("to"),
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
