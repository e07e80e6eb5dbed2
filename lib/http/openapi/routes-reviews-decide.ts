import { bulkDecideSchema } from "@/lib/domain/reviews/items/bulk-decide";
import { decideItemSchema } from "@/lib/domain/reviews/items/decide-item";
import { getReviewItemSchema } from "@/lib/domain/reviews/items/get-review-item";
import { listMyItemsSchema } from "@/lib/domain/reviews/items/list-my-items";
import { reassignItemSchema } from "@/lib/domain/reviews/items/reassign-item";
import type { RouteDoc } from "./describe";

// The access reviews' routes (decide), spread into ROUTES (routes.ts). Same rules as there: one entry per route
// file and method, the use-case's own zod schema, an example the tests run against the real route.

/** The examples' ids (tests/fuzz-cases/reviews-decide.ts seeds rows that stand for them). */
export const REVIEW_EXAMPLE_IDS = {
  item: "3c1f9e2a-7b4d-4e8f-9a0b-1c2d3e4f5a6b",
  run: "4d2e0f3b-8c5e-4f9a-8b1c-2d3e4f5a6b7c",
  identity: "5e3f1a4c-9d6f-4a0b-9c2d-3e4f5a6b7c8d",
  scope: "6f4a2b5d-0e7a-4b1c-8d3e-4f5a6b7c8d9e",
  reviewer: "7a5b3c6e-1f8b-4c2d-9e4f-5a6b7c8d9e0f",
  heir: "8b6c4d7f-2a9c-4d3e-8f5a-6b7c8d9e0f1a",
} as const;
const X = REVIEW_EXAMPLE_IDS;
const tag = "Access reviews";
const reviewer = { id: X.reviewer, name: "Ada Lovelace", email: "ada@example.com", active: true };
const run = {
  id: X.run,
  number: 1,
  campaignName: "Production access, quarterly",
  dueAt: "2026-12-08T09:00:00.000Z",
  endsAt: "2026-12-15T09:00:00.000Z",
};
const scopeDecision = { id: X.scope, decision: "revoke", reduceToLevel: null, reduceToEnvironment: null };

export const REVIEW_DECIDE_ROUTES: RouteDoc[] = [
  {
    method: "GET",
    path: "/api/reviews/items",
    operationId: "listMyReviewItems",
    tag,
    summary: "The caller's review items across open runs, with progress per run",
    description:
      "Items assigned to the caller (or to the person a token answers for), including those added by escalation or \"don't know\", in every open run at the item's stage. Same query parameters as the /reviews page; `total` is exact.",
    auth: "review.inbox",
    input: { schema: listMyItemsSchema, in: "query" },
    example: { query: { status: "undecided", risk: "privileged_production", sort: "due", page: "1", pageSize: "50" } },
    response: {
      data: "InboxPage (lib/domain/reviews/items/list-my-items.ts): { items: InboxItemDto[], total, page, pageSize, runs: InboxRunProgress[] }",
      example: {
        items: [
          {
            id: X.item,
            identityId: X.identity,
            name: "deploy-bot",
            kind: "service_account",
            platform: "aws",
            environment: "production",
            risks: ["privileged_production", "unused"],
            recommendation: "revoke",
            recommendationReason: "revoke: unused for 142 days",
            decision: null,
            decidedAt: null,
            lastUsedAt: "2026-07-05T08:00:00.000Z",
            usage: "known",
            stage: 1,
            rung: "owner",
            scopes: 2,
            riskyScopes: 1,
            run,
          },
        ],
        total: 1,
        page: 1,
        pageSize: 50,
        runs: [{ runId: X.run, number: 1, campaignName: run.campaignName, dueAt: run.dueAt, endsAt: run.endsAt, decided: 0, total: 1 }],
      },
    },
  },
  {
    method: "GET",
    path: "/api/reviews/items/{id}",
    operationId: "getReviewItem",
    tag,
    summary: "One review item with the evidence a reviewer needs",
    description:
      "The identity as it was at launch (purpose, owners, credential age, rotation, expiry, last use), each scope with its level, environment, last use and whether it is risky, open findings, risks, the recommendation with its reason, previous reviews of the identity, and the decision so far. Its reviewers read it with review.inbox; admins and auditors read every item (review.list).",
    auth: "review.inbox",
    input: { schema: getReviewItemSchema, in: "path", path: { id: "id" } },
    example: { path: { id: X.item } },
    response: {
      data: "ReviewItemDto (lib/domain/reviews/items/get-review-item.ts)",
      example: {
        id: X.item,
        run: {
          id: X.run,
          number: 1,
          campaignId: X.run,
          campaignName: run.campaignName,
          status: "open",
          stage: 1,
          dueAt: run.dueAt,
          endsAt: run.endsAt,
          applyMode: "on_close",
        },
        identity: {
          id: X.identity,
          name: "deploy-bot",
          kind: "service_account",
          platform: "aws",
          externalId: "arn:aws:iam::123456789012:user/deploy-bot",
          environment: "production",
          purpose: "Deploys the storefront from CI",
          status: "active",
          team: null,
          vendor: null,
          owner: reviewer,
          backupOwner: null,
          credentialType: "static_secret",
          oldestCredentialAt: "2025-10-20T00:00:00.000Z",
          credentialAgeDays: 400,
          credentialRotatedAt: null,
          credentialExpiresAt: "2027-03-04T00:00:00.000Z",
          lastUsedAt: "2026-07-05T08:00:00.000Z",
          usage: "known",
          activeCredentials: 1,
          neverExpires: false,
          humanUse: false,
        },
        findings: [],
        risks: [{ risk: "privileged_production", label: "Admin or write in production" }],
        recommendation: "revoke",
        recommendationReason: "revoke: unused for 142 days",
        scopes: [
          {
            id: X.scope,
            resource: "payments-db",
            action: "admin",
            level: "admin",
            environment: "production",
            lastUsedAt: null,
            usage: "unknown",
            risky: true,
            decision: null,
            reduceToLevel: null,
            reduceToEnvironment: null,
          },
        ],
        stage: 1,
        reviewer,
        reviewerRung: "owner",
        extraReviewers: [],
        decision: {
          decision: null,
          decisionReason: null,
          decidedBy: null,
          decidedAt: null,
          keepUntil: null,
          rotateBy: null,
          transferTo: null,
        },
        firstStage: null,
        outcome: null,
        remediationStatus: "not_needed",
        previous: [],
        keepNeedsReason: "to keep admin or write access in production",
        may: { decide: true, reassign: true, why: null },
      },
    },
  },
  {
    method: "POST",
    path: "/api/reviews/items/{id}/decision",
    operationId: "decideReviewItem",
    tag,
    summary: "Decide an item: the identity as a whole and each scope",
    description:
      "certify, keep_until (keepUntil: sets or shortens the expiry, never lengthens it), rotate_by (rotateBy), transfer (transferToId), suspend, decommission, or dont_know (passes the item to the next reviewer of the rule). `scopes` is the whole set of per-scope choices (keep, revoke, reduce with reduceToLevel and/or reduceToEnvironment); scopes left out are kept. `decisionReason` is required for every revoke, a suspension or decommission, and to keep risky access. Changeable until the stage ends. A person signed in: every API token is refused.",
    auth: "review.decide",
    input: { schema: decideItemSchema, in: "body", path: { id: "id" } },
    errors: ["CONFLICT"],
    example: {
      path: { id: X.item },
      body: {
        decision: "certify",
        decisionReason: "The nightly export still needs read access",
        scopes: [{ id: X.scope, decision: "revoke" }],
      },
    },
    response: {
      data: "DecisionResult (lib/domain/reviews/items/decide-item.ts)",
      example: {
        id: X.item,
        decision: "certify",
        decisionReason: "The nightly export still needs read access",
        decidedAt: "2026-06-01T12:00:00.000Z",
        keepUntil: null,
        rotateBy: null,
        transferToId: null,
        scopes: [scopeDecision],
        passedTo: null,
        applied: false,
      },
    },
  },
  {
    method: "POST",
    path: "/api/reviews/items/bulk-decision",
    operationId: "bulkDecideReviewItems",
    tag,
    summary: "One decision and one reason for up to 1,000 items",
    description:
      "certify, keep_until, rotate_by, suspend, decommission, or revoke_risky (revoke each risky scope, keep the rest). Each item is judged on its own: those not the caller's to decide are refused (and recorded), those the decision does not fit are skipped with why; `missing` counts ids that name no item. A reason the decision needs for any item is required for all. A person signed in: every API token is refused.",
    auth: "review.decide",
    input: { schema: bulkDecideSchema, in: "body" },
    example: { body: { ids: [X.item], decision: "revoke_risky", decisionReason: "Admin access is not needed by the nightly export" } },
    response: {
      data: "BulkDecideResult (lib/domain/reviews/items/bulk-decide.ts)",
      example: {
        decision: "revoke_risky",
        matched: 1,
        decided: 1,
        skipped: 0,
        refused: 0,
        missing: 0,
        skips: [],
        refusals: [],
      },
    },
  },
  {
    method: "POST",
    path: "/api/reviews/items/{id}/reassign",
    operationId: "reassignReviewItem",
    tag,
    summary: "Hand an item to another reviewer (its reviewer or an admin)",
    description:
      "To someone who may own identities. Audited, and the new reviewer is told; no date moves. A person signed in: every API token is refused.",
    auth: "review.reassign",
    input: { schema: reassignItemSchema, in: "body", path: { id: "id" } },
    errors: ["CONFLICT"],
    example: { path: { id: X.item }, body: { toUserId: X.heir, reason: "Ada moved to the data team" } },
    response: {
      data: "ReassignResult (lib/domain/reviews/items/reassign-item.ts)",
      example: { id: X.item, reviewerId: X.heir, reviewerRung: "reassigned", dueAt: run.dueAt },
    },
  },
];
