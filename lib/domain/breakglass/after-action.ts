import { z } from "zod";
import type { Tx } from "@/lib/db/types";
import { actingPerson } from "../authz/actor";
import type { BreakGlassTarget } from "../authz/policy";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { safeText } from "../shared/safe-text";
import { labelOf } from "./sweep";

export const VERDICTS = ["justified", "not_justified", "misuse"] as const;

export const fileAfterActionSchema = z.object({
  requestId: z.uuid("requestId must be a break-glass request id"),
  whatWasDone: safeText("whatWasDone")
    .trim()
    .min(1, "whatWasDone is required: say what was done with the elevation")
    .max(4_000, "whatWasDone must be at most 4,000 characters"),
  verdict: z.enum(VERDICTS, { error: "verdict must be justified, not_justified or misuse" }),
  rotationRequired: z.boolean({ error: "rotationRequired must be true or false" }),
});

type Loaded = BreakGlassTarget & { reviewId: string; filedAt: Date | null; identityId: string };

/** The request as the policy judges it (requester, the identity's token sponsor, approver team) and its after-action review. */
async function loadReview(tx: Tx, requestId: string): Promise<Loaded> {
  const [row] = await tx.$queryRaw<
    {
      id: string;
      requesterId: string;
      identityId: string;
      scopes: unknown;
      name: string | null;
      sponsor: string | null;
      approverTeam: string | null;
      reviewId: string | null;
      filedAt: Date | null;
    }[]
  >`
    SELECT r.id::text, r."requesterId"::text AS "requesterId", r."identityId"::text AS "identityId", r.scopes, i.name,
      (SELECT t."ownerId"::text FROM "ApiToken" t WHERE t."identityId" = r."identityId") AS sponsor,
      r.policy->>'approverTeam' AS "approverTeam",
      a.id::text AS "reviewId", a."filedAt"
    FROM "BreakGlassRequest" r LEFT JOIN "Identity" i ON i.id = r."identityId"
    LEFT JOIN "AfterActionReview" a ON a."requestId" = r.id
    WHERE r.id = ${requestId}::uuid
    FOR UPDATE OF r`;
  if (!row) throw new DomainError("NOT_FOUND", "That break-glass request does not exist.");
  if (!row.reviewId) throw new DomainError("NOT_FOUND", "This break-glass request has no after-action review to file.");
  return {
    type: "breakglass-request",
    id: row.id,
    label: labelOf(row.name, row.scopes),
    requesterId: row.requesterId,
    identitySponsorId: row.sponsor,
    approverTeam: row.approverTeam,
    reviewId: row.reviewId,
    filedAt: row.filedAt,
    identityId: row.identityId,
  };
}

/**
 * Files the after-action review of an emergency or production-admin elevation: what was done, the verdict,
 * and whether the identity's credential must be rotated (the next break-glass on it waits for that rotation).
 * An approver or admin in person who is neither the requester nor the identity's token sponsor, and in the
 * approver team of the request's policy when it names one (admins always may): the policy's rule, a refusal
 * is recorded. Filed once.
 */
export const fileAfterActionReview = defineMutation({
  action: "breakglass.review",
  input: fileAfterActionSchema,
  lockKey: (input) => `breakglass:${input.requestId}`,
  load: (tx, input) => loadReview(tx, input.requestId),
  subject: (raw) => {
    const id = raw && typeof raw === "object" ? (raw as Record<string, unknown>).requestId : undefined;
    return { type: "breakglass-request", id: typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id) ? id : null };
  },
  async change({ tx, actor, clock, input, target }) {
    if (target.filedAt)
      throw new DomainError("CONFLICT", `The after-action review was already filed on ${target.filedAt.toISOString()}: it is filed once.`);
    const now = clock.now();
    const reviewerId = actingPerson(actor)?.userId ?? null;
    const filed = await tx.afterActionReview.updateMany({
      where: { id: target.reviewId, filedAt: null },
      data: { filedAt: now, reviewerId, whatWasDone: input.whatWasDone, verdict: input.verdict, rotationRequired: input.rotationRequired },
    });
    if (filed.count !== 1) throw new DomainError("CONFLICT", "The after-action review was filed meanwhile.");
    return {
      result: {
        requestId: target.id,
        identityId: target.identityId,
        filedAt: now.toISOString(),
        verdict: input.verdict,
        rotationRequired: input.rotationRequired,
      },
      events: {
        reason: `after-action review: ${input.verdict.replace("_", " ")}${input.rotationRequired ? "; the credential must be rotated" : ""}`,
        after: { verdict: input.verdict, rotationRequired: input.rotationRequired, whatWasDone: input.whatWasDone },
      },
    };
  },
});

/**
 * A rotation of the identity's credential recorded at `at` closes what filed after-action reviews demanded
 * (rotationRequired), when it came after the filing. Called from the rotation use-case in its transaction;
 * returns how many demands it closed.
 */
export async function recordRotationAfterReview(tx: Tx, identityId: string, at: Date): Promise<number> {
  return tx.$executeRaw`
    UPDATE "AfterActionReview" SET "rotationRecordedAt" = ${at}
    WHERE "identityId" = ${identityId}::uuid AND "rotationRequired" AND "rotationRecordedAt" IS NULL
      AND "filedAt" IS NOT NULL AND "filedAt" <= ${at}`;
}
