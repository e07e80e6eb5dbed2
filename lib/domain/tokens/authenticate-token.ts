import type { Db } from "@/lib/db/types";
import { anonymousActor, type Actor, type RequestContext, type TokenActor, type TokenKind } from "../authz/actor";
import { toRoles } from "../authz/roles";
import { recordAuditEvent } from "../audit/run-audited";
import type { Clock } from "../shared/clock";
import { refreshCredentialSummary } from "../registry/credentials/credential-summary";
import { hashToken, prefixOf } from "./token-format";

/** The action a refused token is recorded under (not a policy action: nobody is granted "using a token"). */
export const TOKEN_USE_ACTION = "token.use";

/** A token's last use is written at most once a minute, so a busy script does not write on every call. */
export const TOUCH_INTERVAL_MS = 60_000;

export type TokenAuthentication = { ok: true; actor: TokenActor } | { ok: false; reason: string; message: string };

type Row = {
  id: string;
  kind: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  identityId: string | null;
  ownerId: string;
  ownerEmail: string;
  ownerName: string;
  ownerStatus: string;
  ownerRoles: string[];
  identityStatus: string | null;
};

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Turns `Authorization: Bearer nhic_…` into the actor of this request, or refuses it. One indexed read finds
 * the token by its SHA-256 together with its owner as they are now (status, roles) and its registry entry:
 * an unknown, expired or revoked token, one whose owner is deactivated, or one whose registry entry is no
 * longer active is refused, and every refusal is recorded (for an unknown token only its public prefix,
 * never the token). What the token may then do is the policy's question, asked per request with the owner's
 * current roles (a demoted owner's tokens shrink with them).
 */
export async function authenticateToken({
  db,
  clock,
  token,
  request,
}: {
  db: Db;
  clock: Clock;
  token: string;
  request: RequestContext;
}): Promise<TokenAuthentication> {
  const prefix = prefixOf(token);
  if (!prefix)
    return refused(db, clock, anonymousActor("bearer token (malformed)", request), null, "malformed token", {
      message: "That is not an NHI console API token (they read nhic_…). Create one under Settings → API tokens.",
    });
  const [row] = await db.$queryRaw<Row[]>`
    SELECT t.id::text AS id, t.kind, t.name, t.prefix, t.scopes, t."expiresAt", t."revokedAt", t."lastUsedAt",
           t."identityId"::text AS "identityId",
           u.id::text AS "ownerId", u.email AS "ownerEmail", u.name AS "ownerName", u.status::text AS "ownerStatus",
           u.roles AS "ownerRoles", i.status AS "identityStatus"
      FROM "ApiToken" t
      JOIN "User" u ON u.id = t."ownerId"
      LEFT JOIN "Identity" i ON i.id = t."identityId"
     WHERE t."tokenHash" = ${hashToken(token)}`;
  if (!row)
    return refused(db, clock, anonymousActor(`${prefix} (unknown token)`, request), { type: "token", label: prefix }, "unknown token", {
      message: "This API token is not known here: it may be mistyped, or from another installation.",
    });
  const actor: TokenActor = {
    type: "token",
    tokenId: row.id,
    tokenKind: row.kind as TokenKind,
    label: `${row.prefix} (${row.name})`,
    scopes: row.scopes,
    owner: { userId: row.ownerId, email: row.ownerEmail, name: row.ownerName, roles: toRoles(row.ownerRoles) },
    request,
  };
  const target = { type: "token", id: row.id, label: actor.label };
  const now = clock.now();
  if (row.revokedAt)
    return refused(db, clock, actor, target, "revoked", { message: `This API token was revoked on ${day(row.revokedAt)}.` });
  if (row.expiresAt.getTime() <= now.getTime())
    return refused(db, clock, actor, target, "expired", {
      message: `This API token expired on ${day(row.expiresAt)}. Ask for a new one (tokens are made under Settings → API tokens).`,
    });
  if (row.ownerStatus !== "active")
    return refused(db, clock, actor, target, "owner deactivated", {
      message: "The person this API token answers to is deactivated, so the token is refused.",
    });
  if (row.identityStatus !== null && row.identityStatus !== "active")
    return refused(db, clock, actor, target, `registry entry ${row.identityStatus}`, {
      message: `This API token's registry entry is ${row.identityStatus}, so the token is refused.`,
    });
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) await touch(db, row, now, request.ip);
  return { ok: true, actor };
}

async function refused(
  db: Db,
  clock: Clock,
  actor: Actor,
  target: { type: string; id?: string; label?: string } | null,
  reason: string,
  { message }: { message: string },
): Promise<TokenAuthentication> {
  await recordAuditEvent(db, clock, { actor, action: TOKEN_USE_ACTION, target: target ?? { type: "token" }, outcome: "denied", reason });
  return { ok: false, reason, message };
}

/**
 * Notes the use: the token's last use and address, and for a service or agent token its registry entry's
 * credential (last use, usage known) and the identity's credential summary, in one transaction. Conditional,
 * so concurrent requests of one token write once a minute between them.
 */
async function touch(db: Db, row: Row, now: Date, ip: string | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - TOUCH_INTERVAL_MS) } }] },
      data: { lastUsedAt: now, lastUsedIp: ip },
    });
    if (count === 0 || !row.identityId) return;
    await tx.credential.updateMany({
      where: { identityId: row.identityId, handle: row.prefix },
      data: { lastUsedAt: now, usage: "known", lastUsedWhere: ip },
    });
    await refreshCredentialSummary(tx, [row.identityId]);
  });
}
