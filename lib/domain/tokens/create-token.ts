import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/types";
import { actingPerson, type Actor, type TokenKind, type UserActor } from "../authz/actor";
import { toRoles } from "../authz/roles";
import type { Action } from "../authz/policy";
import { type EventDraft, defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { refreshCredentialSummary } from "../registry/credentials/credential-summary";
import { identityAuditView } from "../registry/identity-dto";
import { assertEligibleOwners } from "../registry/owner-eligibility";
import { triggerReviews } from "../reviews/events/trigger-review";
import { generateToken, type NewToken } from "./token-format";
import { type TokenDto, toTokenDto, tokenAuditView, tokenLabel, WITH_OWNER } from "./token-dto";
import { createPersonalTokenSchema, createServiceTokenSchema, type TokenDeps } from "./token-input";
import { scopeLevel, scopeProblems } from "./token-scopes";

/** The new token and, this once, the token itself: the console keeps only its hash. */
export type CreatedToken = { token: TokenDto; secret: string };

/** Where the console's own service and agent tokens are registered (the registry's platform). */
export const CONSOLE_PLATFORM = "nhi-console";

const DAY_MS = 86_400_000;

function creatorOf(actor: Actor): UserActor {
  // Both actions are people-only (policy.ts): the role check has already refused anything but a person.
  const person = actingPerson(actor);
  if (!person || actor.type !== "user") throw new DomainError("FORBIDDEN", "Only a person signed in to the console may make tokens.");
  return person;
}

function assertScopes(scopes: readonly Action[], people: { who: string; person: UserActor }[], kind: TokenKind) {
  const problems = scopeProblems(scopes, people, kind);
  if (problems.length > 0)
    throw new DomainError("VALIDATION", `A token may not do more than the people it answers to. ${problems.join("; ")}`, {
      scopes: problems,
    });
}

type NewTokenFields = {
  kind: TokenKind;
  name: string;
  purpose: string;
  scopes: Action[];
  expiresInDays: number;
  ownerId: string;
  createdById: string;
};

async function insertToken(tx: Tx, now: Date, fields: NewTokenFields, secret: NewToken, identityId: string | null) {
  const { expiresInDays, ...rest } = fields;
  return tx.apiToken.create({
    data: {
      ...rest,
      id: randomUUID(),
      prefix: secret.prefix,
      tokenHash: secret.tokenHash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + expiresInDays * DAY_MS),
      identityId,
    },
    include: WITH_OWNER,
  });
}

/**
 * A person makes a token of their own: a name, a purpose, scopes (policy actions, none beyond what they may do
 * now) and a life in days (30 by default, at most the configured maximum). The token is returned this once.
 */
export const createPersonalToken = (deps: TokenDeps) =>
  defineMutation({
    action: "token.createPersonal",
    input: createPersonalTokenSchema(deps.maxDays),
    lockKey: (_input, actor) => `tokens:${actingPerson(actor)?.userId ?? "none"}`,
    load: async () => ({ type: "console" as const }),
    async change({ tx, actor, clock, input }) {
      const creator = creatorOf(actor);
      assertScopes(input.scopes, [{ who: "you", person: creator }], "personal");
      const now = clock.now();
      const secret = generateToken();
      const fields = { ...input, kind: "personal" as const, ownerId: creator.userId, createdById: creator.userId };
      const row = await insertToken(tx, now, fields, secret, null);
      const result: CreatedToken = { token: toTokenDto(row, now), secret: secret.token };
      return { result, events: { target: { type: "token", id: row.id, label: tokenLabel(row) }, after: tokenAuditView(row) } };
    },
  });

/**
 * An admin makes a token for a service or an AI agent, sponsored by a named person who answers for it (an
 * active person who may own identities). Its scopes are within what both the sponsor and the admin may do.
 * The token is a non-human identity like any other: it is registered in the same transaction (platform
 * nhi-console, kind api_key or ai_agent, the sponsor as owner, one scope per policy action, one credential
 * whose handle is the token's prefix), so it is reviewed and judged by posture like every other.
 */
export const createServiceToken = (deps: TokenDeps) =>
  defineMutation({
    action: "token.createService",
    input: createServiceTokenSchema(deps.maxDays),
    lockKey: (input) => `tokens:${input.ownerId}`,
    load: async () => ({ type: "console" as const }),
    async change({ tx, actor, clock, input }) {
      const creator = creatorOf(actor);
      await assertEligibleOwners(tx, { ownerId: input.ownerId });
      const sponsor = await tx.user.findUniqueOrThrow({ where: { id: input.ownerId } });
      const sponsorActor: UserActor = {
        type: "user",
        userId: sponsor.id,
        email: sponsor.email,
        name: sponsor.name,
        roles: toRoles(sponsor.roles),
        request: actor.request,
      };
      assertScopes(
        input.scopes,
        sponsor.id === creator.userId
          ? [{ who: "you", person: creator }]
          : [
              { who: `the sponsor (${sponsor.name})`, person: sponsorActor },
              { who: "you", person: creator },
            ],
        input.kind,
      );
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
      const secret = generateToken();
      // The registry entry first (the token points to it): its external id is the token's prefix.
      const { id: identityId } = await tx.identity.create({
        data: {
          name: input.name,
          kind: input.kind === "agent" ? "ai_agent" : "api_key",
          platform: CONSOLE_PLATFORM,
          externalId: secret.prefix,
          environment: "production",
          purpose: input.purpose,
          ownerId: input.ownerId,
          tags: ["api-token", `${input.kind}-token`],
        },
        select: { id: true },
      });
      const row = await insertToken(tx, now, { ...input, createdById: creator.userId }, secret, identityId);
      await tx.credential.create({
        data: { identityId, handle: row.prefix, type: "static_secret", status: "active", issuedAt: now, expiresAt, usage: "never" },
      });
      await tx.entitlement.createMany({
        data: input.scopes.map((scope) => ({ identityId, resource: CONSOLE_PLATFORM, action: scope, level: scopeLevel(scope) })),
      });
      await refreshCredentialSummary(tx, [identityId]);
      const identity = await tx.identity.findUniqueOrThrow({ where: { id: identityId } });
      const result: CreatedToken = { token: toTokenDto(row, now), secret: secret.token };
      // An agent token is an AI agent registered: its sponsor certifies it where a campaign has that trigger.
      const reviews =
        input.kind === "agent"
          ? await triggerReviews(tx, clock, {
              trigger: "agent_registered",
              identityIds: [identityId],
              what: `AI agent token ${row.prefix} registered`,
              event: { tokenId: row.id },
            })
          : [];
      const events: EventDraft[] = [
        { target: { type: "token", id: row.id, label: tokenLabel(row) }, after: tokenAuditView(row) },
        {
          action: "identity.create",
          target: { type: "identity", id: identity.id, label: identity.name },
          after: { ...identityAuditView(identity), scopes: input.scopes },
          reason: `registered as the ${input.kind} token ${row.prefix}`,
        },
        ...reviews,
      ];
      return { result, events };
    },
  });
