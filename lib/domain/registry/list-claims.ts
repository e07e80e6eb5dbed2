import { z } from "zod";
import { enforce } from "../authz/enforce";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { undoReason } from "./claim-identity";
import { PERSON_SELECT, type PersonDto } from "./identity-dto";

export const listClaimsSchema = z.object({
  // Keyset pagination on the audit log's seq, newest first (as the audit log itself pages).
  before: z
    .string()
    .regex(/^\d{1,18}$/, "before must be an event number")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  pageSize: z.coerce.number({ error: "pageSize must be a number" }).int().min(1).max(100).default(25),
});

export type ClaimDto = {
  /** The claim's audit event number: what an undo names. */
  seq: string;
  at: string;
  claimer: { id: string | null; label: string };
  identity: { id: string; name: string; exists: boolean };
  /** Who owns it now (null: ownerless again). */
  owner: PersonDto | null;
  /** "open": the claimer still owns it (an admin may undo); "undone"; "moved": it has changed hands since. */
  state: "open" | "undone" | "moved";
};

export type ClaimsPage = { claims: ClaimDto[]; nextBefore: string | null };

/**
 * Recent claims, newest first, read from the audit log's identity.claim events: the console's notice to
 * admins that someone took an ownerless identity (there is no mail yet), with what became of each.
 */
export async function listClaims({ actor, db, clock, input }: UseCaseArgs): Promise<ClaimsPage> {
  await enforce(db, clock, actor, "identity.reviewClaims", { type: "registry" });
  const { before, pageSize } = await validate(listClaimsSchema, input);
  const rows = await db.auditEvent.findMany({
    where: { action: "identity.claim", outcome: "allowed", ...(before ? { seq: { lt: BigInt(before) } } : {}) },
    orderBy: { seq: "desc" },
    take: pageSize + 1,
    select: { seq: true, at: true, actorId: true, actorLabel: true, targetId: true, targetLabel: true },
  });
  const page = rows.slice(0, pageSize);
  const ids = [...new Set(page.map((r) => r.targetId).filter((id): id is string => !!id))];
  const [identities, undos] = await Promise.all([
    db.identity.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, ownerId: true, owner: { select: PERSON_SELECT } } }),
    db.auditEvent.findMany({
      where: { action: "identity.undoClaim", outcome: "allowed", reason: { in: page.map((r) => undoReason(r.seq.toString())) } },
      select: { reason: true },
    }),
  ]);
  const byId = new Map(identities.map((i) => [i.id, i]));
  const undone = new Set(undos.map((u) => u.reason));
  return {
    claims: page.map((r): ClaimDto => {
      const seq = r.seq.toString();
      const identity = r.targetId ? byId.get(r.targetId) : undefined;
      const owner = identity?.owner
        ? { id: identity.owner.id, name: identity.owner.name, email: identity.owner.email, active: identity.owner.status === "active" }
        : null;
      const state = undone.has(undoReason(seq)) ? "undone" : identity && identity.ownerId === r.actorId ? "open" : "moved";
      return {
        seq,
        at: r.at.toISOString(),
        claimer: { id: r.actorId, label: r.actorLabel },
        identity: { id: r.targetId ?? "", name: identity?.name ?? r.targetLabel ?? "(unknown)", exists: !!identity },
        owner,
        state,
      };
    }),
    nextBefore: rows.length > pageSize ? page.at(-1)!.seq.toString() : null,
  };
}
