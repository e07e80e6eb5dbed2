import type { Db } from "@/lib/db/types";
import { systemActor } from "../../authz/actor";
import { type ChainReport, verifyAuditChain } from "../../audit/verify-audit-chain";
import type { Clock } from "../../shared/clock";

export type PackVerification = {
  sha256: string;
  /** The export that recorded this exact file, when there is one. */
  recorded: { seq: string; at: string; by: string; filename: string; asOf: string } | null;
  chain: ChainReport;
};

/**
 * Is the file with this SHA-256 (hex) an evidence pack the console handed out, unchanged? It must be the one an export recorded
 * in the audit log, and the log itself must verify (so the record cannot have been slipped in afterwards).
 */
export async function verifyEvidencePack(db: Db, clock: Clock, hash: string): Promise<PackVerification> {
  const [event] = await db.$queryRaw<{ seq: bigint; at: Date; actorLabel: string; after: { filename?: string; asOf?: string } }[]>`
    SELECT seq, at, "actorLabel", after FROM "AuditEvent"
    WHERE action = 'posture.export' AND outcome = 'allowed' AND after->>'sha256' = ${`sha256:${hash}`}
    ORDER BY seq LIMIT 1`;
  const chain = await verifyAuditChain({ actor: systemActor("system:evidence-verify"), db, clock });
  return {
    sha256: hash,
    recorded: event
      ? {
          seq: event.seq.toString(),
          at: event.at.toISOString(),
          by: event.actorLabel,
          filename: event.after.filename ?? "",
          asOf: event.after.asOf ?? "",
        }
      : null,
    chain,
  };
}
