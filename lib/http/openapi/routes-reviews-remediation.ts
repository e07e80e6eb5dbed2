import { closeRunSchema } from "@/lib/domain/reviews/close/close-run";
import { listRemediationSchema } from "@/lib/domain/reviews/remediation/list-remediation";
import { rollbackItemSchema } from "@/lib/domain/reviews/remediation/rollback-item";
import { updateRemediationSchema } from "@/lib/domain/reviews/remediation/update-remediation";
import type { RouteDoc } from "./describe";
import { REVIEW_EXAMPLE_IDS } from "./routes-reviews-decide";

// The access reviews' routes (remediation), spread into ROUTES (routes.ts). Same rules as there: one entry per route
// file and method, the use-case's own zod schema, an example the tests run against the real route.

const tag = "Access reviews";
// The decide routes' example run and item (their rows stand for these ids): these examples run after theirs, so
// the close applies the item's decision (a revoked scope), the list shows it as an open task, the script marks it
// done and the admin rolls it back.
const REVIEW_EXAMPLE_RUN_ID = REVIEW_EXAMPLE_IDS.run;
const REVIEW_EXAMPLE_ITEM_ID = REVIEW_EXAMPLE_IDS.item;
const IDENTITY_ID = REVIEW_EXAMPLE_IDS.identity;

const change = {
  action: "certify",
  noResponse: false,
  scopes: [{ change: "revoke", resource: "arn:aws:s3:::billing", action: "s3:PutObject", level: "write", environment: "production" }],
};

export const REVIEW_REMEDIATION_ROUTES: RouteDoc[] = [
  {
    method: "POST",
    path: "/api/reviews/runs/{id}/close",
    operationId: "closeReviewRun",
    tag,
    summary: "End a review run's current stage (its second stage starts, or its outcomes are applied and it closes)",
    description:
      "As the Close button does (people only). A run with a second stage moves its matching items on and re-opens as stage 2; otherwise each decided item is applied as decided and each undecided one gets the campaign's non-response action (never a deletion), each registry change audited, and the run becomes read-only. With a follow-up round, undecided items re-open in a new run instead (`followUpRunId`). All or nothing: a close that fails leaves the run `closing`, and the job reviews.endStage resumes it. A closed run is refused (409).",
    auth: "review.close",
    input: { schema: closeRunSchema, in: "path", path: { id: "runId" } },
    errors: ["CONFLICT"],
    example: { path: { id: REVIEW_EXAMPLE_RUN_ID } },
    response: {
      data: "CloseResult (lib/domain/reviews/close/finish-close.ts): the run's status and stage; for a close, how many outcomes were applied, each outcome's count, identities changed, remediation tasks opened and the follow-up run",
      example: {
        runId: REVIEW_EXAMPLE_RUN_ID,
        status: "closed",
        stage: 1,
        applied: 1,
        outcomes: { changed: 1 },
        changedIdentities: 1,
        remediationOpen: 1,
        followUpRunId: null,
      },
    },
  },
  {
    method: "GET",
    path: "/api/reviews/remediation",
    operationId: "listReviewRemediation",
    tag,
    summary: "Review outcomes the systems that hold the identities must carry out (open tasks by default), oldest first",
    description:
      "For the script that carries changes out: each task names the identity (platform, external id) and the change (scopes revoked or reduced with their levels and environments, a suspension, a decommission, an expiry, a rotation date). Report back with POST /api/reviews/items/{id}/remediation.",
    auth: "review.list",
    input: { schema: listRemediationSchema, in: "query" },
    example: { query: { status: "open", page: "1" } },
    response: {
      data: "RemediationPage (lib/domain/reviews/remediation/list-remediation.ts): tasks (RemediationTaskDto), total, page, pageSize",
      example: {
        tasks: [
          {
            id: REVIEW_EXAMPLE_ITEM_ID,
            runId: REVIEW_EXAMPLE_RUN_ID,
            run: "Quarterly production #1",
            identityId: IDENTITY_ID,
            name: "deploy-bot",
            platform: "aws",
            externalId: "arn:aws:iam::123456789012:user/deploy-bot",
            outcome: "changed",
            summary: "revoke 1 scope",
            change,
            remediationStatus: "open",
            remediationNote: null,
            appliedAt: "2026-06-01T12:00:00.000Z",
            remediationUpdatedAt: "2026-06-01T12:00:00.000Z",
          },
        ],
        total: 1,
        page: 1,
        pageSize: 100,
      },
    },
  },
  {
    method: "POST",
    path: "/api/reviews/items/{id}/remediation",
    operationId: "updateReviewRemediation",
    tag,
    summary: "Report what the holding system did with a review item's change: open, done, failed or not needed",
    description:
      "Admins, or a token scoped `review.remediate` (the automation carrying the change out). Refused (409) for an item nothing was applied to yet.",
    auth: "review.remediate",
    input: { schema: updateRemediationSchema, in: "body", path: { id: "itemId" } },
    errors: ["CONFLICT"],
    example: {
      path: { id: REVIEW_EXAMPLE_ITEM_ID },
      body: { status: "done", note: "access key policy detached by the IAM pipeline run 4711" },
    },
    response: {
      data: "RemediationUpdateDto (lib/domain/reviews/remediation/update-remediation.ts)",
      example: {
        id: REVIEW_EXAMPLE_ITEM_ID,
        remediationStatus: "done",
        remediationNote: "access key policy detached by the IAM pipeline run 4711",
        remediationUpdatedAt: "2026-06-01T12:05:00.000Z",
      },
    },
  },
  {
    method: "POST",
    path: "/api/reviews/items/{id}/rollback",
    operationId: "rollbackReviewItem",
    tag,
    summary: "Undo what a review applied to an identity (admins, in person)",
    description:
      "Revoked scopes come back, reduced ones get their level and environment back, status, owner and credential expiry return to what they were where nobody changed them since. The item's outcome becomes `rolled_back`; a change the holding system had already carried out becomes an open task to undo it there. Audited on the item and on the identity. Refused (409) when the review changed nothing.",
    auth: "review.rollback",
    input: { schema: rollbackItemSchema, in: "body", path: { id: "itemId" } },
    errors: ["CONFLICT"],
    example: { path: { id: REVIEW_EXAMPLE_ITEM_ID }, body: { reason: "the nightly billing export still needs write access" } },
    response: {
      data: "RollbackResult (lib/domain/reviews/remediation/rollback-item.ts): the outcome, the remediation status now, and what was restored",
      example: { id: REVIEW_EXAMPLE_ITEM_ID, outcome: "rolled_back", remediationStatus: "open", restored: ["1 scope(s)"] },
    },
  },
];
