import type { Db, Tx } from "@/lib/db/types";
import type { Clock } from "../shared/clock";
import { type AuditEventInput, appendAuditEvent } from "./append-audit-event";

/**
 * Runs a change and its audit event in one transaction: either both are stored or neither is.
 * `change` returns the result for the caller and the event describing what it did.
 */
export async function runAudited<T>(db: Db, clock: Clock, change: (tx: Tx) => Promise<{ result: T; event: AuditEventInput }>): Promise<T> {
  return db.$transaction(async (tx) => {
    const { result, event } = await change(tx);
    await appendAuditEvent(tx, event, clock);
    return result;
  });
}

/** Records an event on its own, e.g. a refusal, whose surrounding work is not going to happen. */
export async function recordAuditEvent(db: Db, clock: Clock, event: AuditEventInput): Promise<void> {
  await db.$transaction((tx) => appendAuditEvent(tx, event, clock));
}
