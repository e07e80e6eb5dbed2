import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import { actingPerson } from "../authz/actor";
import { enforce, refuse } from "../authz/enforce";
import { can } from "../authz/policy";
import { TOKEN_KINDS } from "../authz/actor";
import { DomainError } from "../shared/errors";
import { lastPage } from "../shared/pages";
import type { UseCaseArgs } from "../shared/use-case";
import { validate } from "../shared/validate";
import { TOKEN_STATUSES, type TokenDto, toTokenDto, WITH_OWNER } from "./token-dto";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const listTokensSchema = z.object({
  kind: z.preprocess(blankToUndefined, z.enum(TOKEN_KINDS, { error: `kind must be one of ${TOKEN_KINDS.join(", ")}` }).optional()),
  status: z.preprocess(
    blankToUndefined,
    z.enum(TOKEN_STATUSES as ["active", "expired", "revoked"], { error: `status must be one of ${TOKEN_STATUSES.join(", ")}` }).optional(),
  ),
  /** mine (default): the tokens the caller answers for or made; all: everyone's (those who may issue service tokens: admins). */
  owner: z.preprocess(blankToUndefined, z.enum(["mine", "all"], { error: "owner must be mine or all" }).default("mine")),
  page: z.coerce
    .number({ error: "page must be a number" })
    .int("page must be a whole number")
    .min(1, "page must be 1 or more")
    .max(100_000)
    .default(1),
  pageSize: z.coerce
    .number({ error: "pageSize must be a number" })
    .int()
    .min(1, "pageSize must be 1 or more")
    .max(200, "pageSize must be at most 200")
    .default(50),
});

export type TokenPage = { tokens: TokenDto[]; total: number; page: number; pageSize: number; allOwners: boolean };

/**
 * API tokens, newest first, a page at a time: one's own (those one answers for or made), or (for those who
 * may issue service tokens, the admins) everyone's. Filters: kind, status (active, expired, revoked).
 */
export async function listTokens({ actor, db, clock, input }: UseCaseArgs): Promise<TokenPage> {
  await enforce(db, clock, actor, "token.list");
  const { kind, status, owner, page, pageSize } = await validate(listTokensSchema, input);
  const person = actingPerson(actor);
  if (!person) throw new DomainError("UNAUTHENTICATED", "Sign in first.");
  // Seeing everyone's tokens goes with issuing service tokens (the policy's admins): judged for the person,
  // so an admin's token with token.list sees what its owner would.
  const allOwners = owner === "all" && can(person, "token.createService");
  if (owner === "all" && !allOwners)
    await refuse(
      db,
      clock,
      actor,
      "token.list",
      { type: "token", label: "everyone's tokens" },
      {
        allowed: false,
        reason: "only those who issue service tokens (admins) may list everyone's tokens",
      },
    );
  const now = clock.now();
  const where: Prisma.ApiTokenWhereInput = {
    // One's own: those one answers for, and those one made for a sponsor.
    ...(allOwners ? {} : { OR: [{ ownerId: person.userId }, { createdById: person.userId }] }),
    ...(kind ? { kind } : {}),
    ...(status === "revoked" ? { revokedAt: { not: null } } : {}),
    ...(status === "active" ? { revokedAt: null, expiresAt: { gt: now } } : {}),
    ...(status === "expired" ? { revokedAt: null, expiresAt: { lte: now } } : {}),
  };
  const pageOf = (p: number) =>
    db.apiToken.findMany({
      where,
      include: WITH_OWNER,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (p - 1) * pageSize,
      take: pageSize,
    });
  const [rows, total] = await Promise.all([pageOf(page), db.apiToken.count({ where })]);
  const last = lastPage(total, pageSize);
  const shown = page <= last ? rows : await pageOf(last);
  return { tokens: shown.map((r) => toTokenDto(r, now)), total, page: Math.min(page, last), pageSize, allOwners };
}
