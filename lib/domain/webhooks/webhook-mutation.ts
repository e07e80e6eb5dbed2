import type { Tx } from "@/lib/db/types";
import type { AuditTarget } from "../audit/append-audit-event";
import { DomainError } from "../shared/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A refused caller's record names the endpoint they asked for, when what they sent is an id. */
export const webhookSubject = (raw: unknown): AuditTarget => {
  const id = raw && typeof raw === "object" ? (raw as Record<string, unknown>).id : undefined;
  return { type: "webhook", id: typeof id === "string" && UUID.test(id) ? id : null };
};

export const webhookLockKey = (id: string) => `webhook:${id}`;

/** The console itself is the target the policy judges (webhook.manage is an admin's, role only). */
export const consoleTarget = async () => ({ type: "console" as const });

export async function loadEndpoint(tx: Tx, id: string) {
  const endpoint = await tx.webhookEndpoint.findUnique({ where: { id } });
  if (!endpoint) throw new DomainError("NOT_FOUND", "This webhook endpoint does not exist (any more).");
  return endpoint;
}
