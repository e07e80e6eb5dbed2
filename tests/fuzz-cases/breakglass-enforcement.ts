import type { Db } from "@/lib/db/types";
import { fileAfterActionReview } from "@/lib/domain/breakglass/after-action";
import { checkGrant } from "@/lib/domain/breakglass/check-grant";
import type { Clock } from "@/lib/domain/shared/clock";
import type { UseCase } from "@/lib/domain/shared/use-case";
import { BREAKGLASS_ENFORCEMENT_EXAMPLE_IDS } from "@/lib/http/openapi/routes-breakglass-enforcement";

/** The break-glass enforcement use-cases that tests/fuzz.test.ts throws hostile input at. */
export const BREAKGLASS_ENFORCEMENT_USE_CASES: Record<string, UseCase<unknown, unknown>> = {
  checkGrant: checkGrant as UseCase<unknown, unknown>,
  fileAfterActionReview,
};

/**
 * The rows the OpenAPI examples stand for (tests/openapi.test.ts): an identity owned by `ownerId` with an
 * active production-admin elevation that `ownerId` requested and its after-action review due, so an admin's
 * run of each example succeeds. Returns the example ids mapped to the real ones.
 */
export async function seedBreakglassEnforcementExamples(db: Db, clock: Clock, ownerId: string): Promise<Record<string, string>> {
  const now = clock.now();
  const identity = await db.identity.create({
    data: {
      name: "breakglass-example-bot",
      kind: "service_account",
      platform: "aws",
      externalId: `arn:aws:iam::123456789012:user/breakglass-example-${now.getTime()}`,
      environment: "production",
      purpose: "Exports billing",
      ownerId,
      tags: [],
    },
  });
  const request = await db.breakGlassRequest.create({
    data: {
      identityId: identity.id,
      requesterId: ownerId,
      scopes: [{ resource: "arn:aws:s3:::billing", action: "s3:*", level: "admin", environment: "production" }],
      policy: { environment: "production", level: "admin", maxDurationMinutes: 240, afterActionRequired: true },
      reason: "Billing export outage",
      durationMinutes: 60,
      emergency: true,
      status: "approved",
      requestedAt: now,
      pendingUntil: new Date(now.getTime() + 86_400_000),
      startAt: now,
      approvalsRequired: 2,
      approvedAt: now,
      activeFrom: now,
      expiresAt: new Date(now.getTime() + 3_600_000),
    },
  });
  await db.afterActionReview.create({
    data: { requestId: request.id, identityId: identity.id, dueAt: new Date(now.getTime() + 86_400_000) },
  });
  return { [BREAKGLASS_ENFORCEMENT_EXAMPLE_IDS.identity]: identity.id, [BREAKGLASS_ENFORCEMENT_EXAMPLE_IDS.request]: request.id };
}
