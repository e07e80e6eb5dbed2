import { z } from "zod";
import type { AuditTarget } from "../audit/append-audit-event";
import { actingPerson } from "../authz/actor";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { inboxOwner } from "./list-inbox";

export const markReadSchema = z
  .object({
    id: z.uuid("id must be an inbox entry's id").optional(),
    all: z.literal(true, { error: "all must be true" }).optional(),
  })
  .refine((v) => (v.id === undefined) !== (v.all === undefined), {
    message: "name one entry (id) or all of them (all: true)",
    path: ["id"],
  });

/**
 * Marks one inbox entry, or all of them, read. Only ever the person's own entries (another person's id is
 * NOT_FOUND, as if it did not exist). Recorded like every change: one event per call, naming the entry or
 * how many were marked.
 */
export const markRead = defineMutation({
  action: "notification.markRead",
  input: markReadSchema,
  lockKey: (_input, actor) => `inbox:${inboxOwner({ actor })}`,
  load: async () => ({ type: "console" as const }),
  async change({ tx, actor, clock, input }) {
    const userId = inboxOwner({ actor });
    const now = clock.now();
    if (input.id) {
      const entry = await tx.notification.findFirst({ where: { id: input.id, userId }, select: { id: true, title: true, readAt: true } });
      if (!entry) throw new DomainError("NOT_FOUND", "That inbox entry does not exist (or is not yours).");
      if (!entry.readAt) await tx.notification.update({ where: { id: entry.id }, data: { readAt: now } });
      const target: AuditTarget = { type: "notification", id: entry.id, label: entry.title };
      return { result: { marked: entry.readAt ? 0 : 1 }, events: { target, after: { read: true } } };
    }
    const { count } = await tx.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
    return {
      result: { marked: count },
      events: {
        target: { type: "user", id: userId, label: actingPerson(actor)?.email ?? null },
        reason: `${count} inbox ${count === 1 ? "entry" : "entries"} marked read`,
      },
    };
  },
});
