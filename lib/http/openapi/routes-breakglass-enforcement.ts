import { fileAfterActionSchema } from "@/lib/domain/breakglass/after-action";
import { checkGrantSchema } from "@/lib/domain/breakglass/check-grant";
import type { RouteDoc } from "./describe";

// The break-glass enforcement routes (the check for provisioning automation, the after-action review), spread
// into ROUTES (routes.ts). Same rules as there: one entry per route file and method, the use-case's own zod
// schema, an example the tests run against the real route.

const tag = "Break-glass";
/** The example request (with an after-action review due) the tests seed for these ids. */
export const BREAKGLASS_ENFORCEMENT_EXAMPLE_IDS = {
  identity: "7b0c8f8e-3f0a-4f57-9a59-0c5d2f1e6a01",
  request: "7b0c8f8e-3f0a-4f57-9a59-0c5d2f1e6a02",
} as const;
const ids = BREAKGLASS_ENFORCEMENT_EXAMPLE_IDS;

export const BREAKGLASS_ENFORCEMENT_ROUTES: RouteDoc[] = [
  {
    method: "GET",
    path: "/api/breakglass/check",
    operationId: "checkGrant",
    tag,
    summary: "Whether an identity holds an elevated scope right now",
    description:
      "For provisioning automation and gatekeepers: computed from the console's clock at the moment of the call (an approved elevation is active from activeFrom up to, not including, expiresAt, to the millisecond), never from a job having run. A grant of a higher level covers a lower one (admin covers write covers read); resource, action and environment match exactly. An unknown identity holds nothing (active false). Pair it with the signed webhook events grant.activated, grant.ended and grant.revoked.",
    auth: "grants.read",
    input: { schema: checkGrantSchema, in: "query" },
    example: {
      query: { identityId: ids.identity, resource: "arn:aws:s3:::billing", action: "s3:*", level: "admin", environment: "production" },
    },
    response: {
      data: "GrantCheck (lib/domain/breakglass/check-grant.ts): active, requestId, activeFrom, expiresAt, secondsLeft (rounded up; 0 when not active), checkedAt",
      example: {
        active: true,
        requestId: ids.request,
        activeFrom: "2026-06-01T12:00:00.000Z",
        expiresAt: "2026-06-01T13:00:00.000Z",
        secondsLeft: 1800,
        checkedAt: "2026-06-01T12:30:00.000Z",
      },
    },
  },
  {
    method: "POST",
    path: "/api/breakglass/requests/{id}/after-action",
    operationId: "fileAfterActionReview",
    tag,
    summary: "File the after-action review of an emergency or production-admin elevation",
    description:
      "An approver or admin in person who is neither the requester nor the identity's token sponsor (refusals are recorded): what was done, the verdict and whether the credential must be rotated. Filed once (409 after). Until it is filed, and until a rotation it demands is recorded on the identity, no new break-glass request on the identity is accepted.",
    auth: "breakglass.review",
    input: { schema: fileAfterActionSchema, in: "body", path: { id: "requestId" } },
    errors: ["NOT_FOUND", "CONFLICT"],
    example: {
      path: { id: ids.request },
      body: { whatWasDone: "Restarted the billing exporter and rolled back its IAM policy", verdict: "justified", rotationRequired: true },
    },
    response: {
      data: "The filing: requestId, identityId, filedAt, verdict, rotationRequired",
      example: {
        requestId: ids.request,
        identityId: ids.identity,
        filedAt: "2026-06-01T14:00:00.000Z",
        verdict: "justified",
        rotationRequired: true,
      },
    },
  },
];
