import { actingPerson } from "../authz/actor";
import type { TokenTarget } from "../authz/policy";
import { type EventDraft, defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { refreshCredentialSummary } from "../registry/credentials/credential-summary";
import { type TokenDto, toTokenDto, tokenTarget, WITH_OWNER } from "./token-dto";
import { tokenIdSchema } from "./token-input";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Revokes a token at once: its next request is refused (the bearer check reads the token on every request).
 * A service or agent token's registry entry follows: its credential becomes inactive and the identity is
 * decommissioned, with the reason, so the registry never shows a dead token as a live identity.
 */
export const revokeToken = defineMutation({
  action: "token.revoke",
  input: tokenIdSchema,
  lockKey: (input) => `token:${input.id}`,
  subject: (raw) => {
    const id = raw && typeof raw === "object" ? (raw as Record<string, unknown>).id : undefined;
    return { type: "token", id: typeof id === "string" && UUID.test(id) ? id : null };
  },
  load: async (tx, input): Promise<TokenTarget> => {
    const row = await tx.apiToken.findUnique({ where: { id: input.id }, select: { id: true, prefix: true, name: true, ownerId: true } });
    if (!row) throw new DomainError("NOT_FOUND", "There is no such token.");
    return tokenTarget(row);
  },
  async change({ tx, actor, clock, input }) {
    const current = await tx.apiToken.findUniqueOrThrow({ where: { id: input.id } });
    if (current.revokedAt) throw new DomainError("CONFLICT", `${current.prefix} was already revoked.`);
    const now = clock.now();
    const row = await tx.apiToken.update({
      where: { id: input.id },
      data: { revokedAt: now, revokedById: actingPerson(actor)?.userId ?? null },
      include: WITH_OWNER,
    });
    const events: EventDraft[] = [{ before: { revokedAt: null }, after: { revokedAt: now.toISOString() } }];
    if (row.identityId) {
      const identity = await tx.identity.findUnique({ where: { id: row.identityId }, select: { id: true, name: true, status: true } });
      await tx.credential.updateMany({ where: { identityId: row.identityId, handle: row.prefix }, data: { status: "inactive" } });
      if (identity) {
        await tx.identity.update({
          where: { id: identity.id },
          data: { status: "decommissioned", version: { increment: 1 } },
        });
        await refreshCredentialSummary(tx, [identity.id]);
        events.push({
          action: "identity.setStatus",
          target: { type: "identity", id: identity.id, label: identity.name },
          reason: `its API token ${row.prefix} was revoked`,
          before: { status: identity.status },
          after: { status: "decommissioned" },
        });
      }
    }
    const result: TokenDto = toTokenDto(row, now);
    return { result, events };
  },
});
