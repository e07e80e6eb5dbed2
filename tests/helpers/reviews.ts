import type { Db } from "@/lib/db/types";
import type { UserActor } from "@/lib/domain/authz/actor";
import type { Clock } from "@/lib/domain/shared/clock";
import { refreshCredentialSummary } from "@/lib/domain/registry/credentials/credential-summary";
import { createCampaign } from "@/lib/domain/reviews/campaigns/create-campaign";
import { launchCampaign } from "@/lib/domain/reviews/campaigns/launch-campaign";

/** A clock the test moves by hand. */
export function movableClock(start: string): Clock & { advance(ms: number): void; set(at: string): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms), set: (at) => (now = new Date(at).getTime()) };
}

export const DAY = 86_400_000;
let counter = 0;

export type ScopeSpec = {
  resource: string;
  action?: string;
  level: "read" | "write" | "admin";
  environment?: string | null;
  lastUsedAt?: Date | null;
};

/**
 * An identity as an import would leave it: one credential (its summary refreshed), its scopes. `tag` names the
 * test's own identities so a campaign scoped by tag sees only them.
 */
export async function makeIdentity(
  db: Db,
  o: {
    tag: string;
    ownerId: string | null;
    backupOwnerId?: string | null;
    environment?: string;
    kind?: string;
    vendor?: string | null;
    credential?: { type?: string; issuedAt?: Date; expiresAt?: Date | null; lastUsedAt?: Date | null; usage?: string };
    scopes?: ScopeSpec[];
    name?: string;
  },
) {
  counter += 1;
  const name = o.name ?? `${o.tag}-identity-${counter}`;
  const identity = await db.identity.create({
    data: {
      name,
      kind: o.kind ?? "service_account",
      platform: "aws",
      externalId: `${o.tag}/${counter}/${Date.now()}`,
      environment: o.environment ?? "production",
      purpose: `Runs the ${o.tag} jobs`,
      ownerId: o.ownerId,
      backupOwnerId: o.backupOwnerId ?? null,
      vendor: o.vendor ?? null,
      tags: [o.tag],
    },
  });
  if (o.credential) {
    const c = o.credential;
    await db.credential.create({
      data: {
        identityId: identity.id,
        handle: `key-${counter}`,
        type: c.type ?? "static_secret",
        issuedAt: c.issuedAt ?? null,
        expiresAt: c.expiresAt ?? null,
        lastUsedAt: c.lastUsedAt ?? null,
        usage: c.usage ?? (c.lastUsedAt ? "known" : "unknown"),
      },
    });
    await db.$transaction((tx) => refreshCredentialSummary(tx, [identity.id]));
  }
  for (const s of o.scopes ?? [])
    await db.entitlement.create({
      data: {
        identityId: identity.id,
        resource: s.resource,
        action: s.action ?? s.level,
        level: s.level,
        environment: s.environment ?? null,
        lastUsedAt: s.lastUsedAt ?? null,
        usage: s.lastUsedAt ? "known" : "unknown",
      },
    });
  return db.identity.findUniqueOrThrow({ where: { id: identity.id } });
}

/** Defines a campaign over the identities tagged `tag` and launches its first run; returns both ids. */
export async function launchTagged(
  db: Db,
  clock: Clock,
  admin: UserActor,
  tag: string,
  fields: Record<string, unknown> = {},
): Promise<{ campaignId: string; runId: string; itemCount: number }> {
  const { id } = await createCampaign({ actor: admin, db, clock, input: { name: `Review ${tag}`, scope: { tag }, ...fields } });
  const launched = await launchCampaign({ actor: admin, db, clock, input: { campaignId: id } });
  return { campaignId: id, runId: launched.runId, itemCount: launched.itemCount };
}
