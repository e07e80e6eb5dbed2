import { z } from "zod";
import { enforce } from "../authz/enforce";
import { can } from "../authz/policy";
import type { UseCase } from "../shared/use-case";
import { validate } from "../shared/validate";
import { openCloseOut } from "./activation";
import { readsAllRequests } from "./readers";
import type { ElevatedScope } from "./request-input";

/** An elevation live now, as the registry shows it: what, until when (the page counts down to expiresAt). */
export type LiveElevation = { requestId: string; scopes: ElevatedScope[]; activeFrom: string; expiresAt: string; emergency: boolean };

export type IdentityElevations = {
  /** The server's clock when it was read: countdowns start from it. */
  asOf: string;
  active: LiveElevation[];
  /** Requests waiting for approvers, and approved ones starting later. */
  waiting: { requestId: string; scopes: ElevatedScope[]; status: "pending" | "scheduled"; at: string }[];
  /** Why a new request would be refused now (an unfiled after-action review, an unrecorded rotation), or null. */
  blockedBy: string | null;
  may: { request: boolean; killSwitch: boolean };
  /** Suspended or retired, with nothing live or waiting: the kill switch has nothing left to do. */
  nothingToStop: boolean;
  /** Where this reader finds the identity's break-glass history: every request (readers of all) or their own. */
  historyView: "all" | "mine";
};

const live = (now: Date) => ({ status: "approved", activeFrom: { lte: now }, expiresAt: { gt: now } });

/** The elevations of one identity for its page: active with their ends, waiting, and whether a new one may be asked. */
export const identityElevationsSchema = z.object({
  identityId: z.uuid("identityId must be an identity id"),
  /** Asking for an extension of this grant: its own open after-action review does not hold the extension up. */
  extendsRequestId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid("extendsRequestId must be a request id").optional()),
});

export const identityElevations: UseCase<z.input<typeof identityElevationsSchema>, IdentityElevations> = async ({
  actor,
  db,
  clock,
  input: raw,
}) => {
  await enforce(db, clock, actor, "breakglass.read");
  const { identityId, extendsRequestId } = await validate(identityElevationsSchema, raw);
  const now = clock.now();
  const [identity, active, waiting, blockedBy] = await Promise.all([
    db.identity.findUnique({ where: { id: identityId }, select: { id: true, ownerId: true, backupOwnerId: true, status: true } }),
    db.breakGlassRequest.findMany({ where: { identityId, ...live(now) }, orderBy: { expiresAt: "asc" }, take: 50 }),
    db.breakGlassRequest.findMany({
      where: {
        identityId,
        OR: [
          { status: "pending", pendingUntil: { gt: now } },
          { status: "approved", activeFrom: { gt: now } },
        ],
      },
      orderBy: { requestedAt: "asc" },
      take: 50,
    }),
    openCloseOut(db, identityId, extendsRequestId, now),
  ]);
  const target = identity
    ? { type: "identity" as const, id: identity.id, ownerId: identity.ownerId, backupOwnerId: identity.backupOwnerId }
    : null;
  return {
    asOf: now.toISOString(),
    active: active.map((r) => ({
      requestId: r.id,
      scopes: r.scopes as ElevatedScope[],
      activeFrom: r.activeFrom!.toISOString(),
      expiresAt: r.expiresAt!.toISOString(),
      emergency: r.emergency,
    })),
    waiting: waiting.map((r) => ({
      requestId: r.id,
      scopes: r.scopes as ElevatedScope[],
      status: r.status === "pending" ? ("pending" as const) : ("scheduled" as const),
      at: (r.status === "pending" ? r.pendingUntil : r.activeFrom!).toISOString(),
    })),
    blockedBy,
    may: {
      request: !!target && identity!.status === "active" && can(actor, "breakglass.request", target),
      killSwitch: !!target && can(actor, "breakglass.killSwitch", target),
    },
    nothingToStop: !!identity && identity.status !== "active" && active.length === 0 && waiting.length === 0,
    historyView: readsAllRequests(actor) ? "all" : "mine",
  };
};

/**
 * The elevations live now on each of the identities of a registry page: one query over the (identityId, status,
 * expiresAt) index, whatever the page size.
 */
export type ActiveElevations = { asOf: string; byIdentity: Record<string, LiveElevation[]> };

export const activeElevations: UseCase<{ identityIds: string[] }, ActiveElevations> = async ({ actor, db, clock, input: raw }) => {
  await enforce(db, clock, actor, "breakglass.read");
  const { identityIds } = await validate(
    z.object({ identityIds: z.array(z.uuid("identityIds must be identity ids")).max(200, "identityIds: at most 200") }),
    raw,
  );
  const now = clock.now();
  if (identityIds.length === 0) return { asOf: now.toISOString(), byIdentity: {} };
  const rows = await db.breakGlassRequest.findMany({
    where: { identityId: { in: identityIds }, ...live(now) },
    orderBy: { expiresAt: "asc" },
  });
  const byIdentity: Record<string, LiveElevation[]> = {};
  for (const r of rows)
    (byIdentity[r.identityId] ??= []).push({
      requestId: r.id,
      scopes: r.scopes as ElevatedScope[],
      activeFrom: r.activeFrom!.toISOString(),
      expiresAt: r.expiresAt!.toISOString(),
      emergency: r.emergency,
    });
  return { asOf: now.toISOString(), byIdentity };
};
