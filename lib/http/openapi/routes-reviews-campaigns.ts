import { z } from "zod";
import { campaignFieldsSchema } from "@/lib/domain/reviews/campaign-input";
import { getCampaignSchema } from "@/lib/domain/reviews/campaigns/get-campaign";
import { launchCampaignSchema } from "@/lib/domain/reviews/campaigns/launch-campaign";
import { listCampaignsSchema } from "@/lib/domain/reviews/campaigns/list-campaigns";
import { updateCampaignSchema } from "@/lib/domain/reviews/campaigns/update-campaign";
import { exportEvidenceSchema } from "@/lib/domain/reviews/evidence/export-evidence";
import { runProgressSchema } from "@/lib/domain/reviews/progress/run-progress";
import type { RouteDoc } from "./describe";

// The access reviews' routes (campaigns), spread into ROUTES (routes.ts). Same rules as there: one entry per route
// file and method, the use-case's own zod schema, an example the tests run against the real route.

const tag = "Access reviews: campaigns";

// tests/openapi.test.ts runs these in order: the create's answer stands for CAMPAIGN_ID from then on, the
// launch's for RUN_ID.
const CAMPAIGN_ID = "3e1f8a52-7c4b-4d2e-9a16-5b8c0d7e4f21";
const RUN_ID = "8c2d4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e4f";
const ADMIN = { id: "5a7b9c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d", name: "Grace Admin", email: "grace@example.com", active: true };

const definition = {
  name: "Production write access, quarterly",
  description: "Owners certify or cut every admin or write scope in production.",
  scope: { environment: "production", tag: "payments" },
  durationDays: 14,
  reminderDays: [7, 1],
  escalationDays: [1, 3, 5],
  graceDays: 7,
  nonResponseAction: "keep_flag",
  applyMode: "on_close",
  recurrence: "quarterly",
};

const run = {
  id: RUN_ID,
  number: 1,
  status: "open",
  stage: 1,
  trigger: "manual",
  launchedAt: "2026-06-01T12:00:00.000Z",
  dueAt: "2026-06-15T12:00:00.000Z",
  endsAt: "2026-06-22T12:00:00.000Z",
  closedAt: null,
  itemCount: 1200,
  decided: 830,
};

const campaign = {
  id: CAMPAIGN_ID,
  name: definition.name,
  description: definition.description,
  status: "active",
  trigger: null,
  scope: definition.scope,
  scopeInWords: ["in production", "active or suspended (decommissioned identities are left out)", "tagged payments"],
  owner: ADMIN,
  fallbackReviewers: [],
  secondStageReviewers: [],
  durationDays: 14,
  reminderDays: [7, 1],
  escalationDays: [1, 3, 5],
  graceDays: 7,
  secondStageItems: "none",
  secondStageDays: 7,
  nonResponseAction: "keep_flag",
  applyMode: "on_close",
  recurrence: "quarterly",
  cron: null,
  recurrenceInWords: "Quarterly",
  followUpRound: false,
  followUpDays: 7,
  observationDays: 14,
  nextRunAt: null,
  version: 1,
  createdAt: "2026-06-01T12:00:00.000Z",
  updatedAt: "2026-06-01T12:00:00.000Z",
  latestRun: run,
};

/** What the preview reads: the definition under `campaign` (checked as the create checks it). */
const previewSchema = z.object({ campaign: campaignFieldsSchema });

export const REVIEW_CAMPAIGNS_ROUTES: RouteDoc[] = [
  {
    method: "POST",
    path: "/api/reviews/campaigns",
    operationId: "createReviewCampaign",
    tag,
    summary: "Define an access-review campaign (nothing is launched)",
    description:
      "Scope is any registry filter plus the review's risk filters (`thirdParty`, `openFindings`). Every person named must be able to review (active, with a role that may own identities). Preview it, then launch it.",
    auth: "review.manage",
    input: { schema: campaignFieldsSchema, in: "body" },
    example: { body: definition },
    response: { data: "{ id, name }: the campaign as created", example: { id: CAMPAIGN_ID, name: definition.name } },
  },
  {
    method: "GET",
    path: "/api/reviews/campaigns",
    operationId: "listReviewCampaigns",
    tag,
    summary: "Campaigns, newest first, each with its latest run's progress",
    auth: "review.list",
    input: { schema: listCampaignsSchema, in: "query" },
    example: { query: { status: "active", recurrence: "quarterly" } },
    response: {
      data: "CampaignPage (lib/domain/reviews/campaigns/list-campaigns.ts): { campaigns: CampaignDto[], total, page, pageSize }",
      example: { campaigns: [campaign], total: 1, page: 1, pageSize: 25 },
    },
  },
  {
    method: "POST",
    path: "/api/reviews/campaigns/preview",
    operationId: "previewReviewCampaign",
    tag,
    summary: "What launching a definition would create, before anything is created",
    description:
      "The same statement the launch runs, counted instead of inserted: items, items per reviewer and the rung of the reviewer rule that chose them, items with no reviewer, owners passed over and why, recommendations, and what the non-response action would do if nobody answered.",
    auth: "review.preview",
    input: { schema: previewSchema, in: "body" },
    example: { body: { campaign: definition } },
    response: {
      data: "CampaignPreview (lib/domain/reviews/launch/preview-campaign.ts)",
      example: {
        items: 1200,
        scopes: 3400,
        riskyItems: 410,
        reviewers: [{ reviewerId: ADMIN.id, name: ADMIN.name, email: ADMIN.email, items: 1150, rungs: { owner: 1100, backup_owner: 50 } }],
        noReviewer: 0,
        byRung: { owner: 1100, backup_owner: 50, campaign_owner: 50 },
        ownerSkipped: { missing: 50, deactivated: 50, not_eligible: 0 },
        recommendations: { keep: 900, revoke: 250, shorten: 50 },
        nonResponse: {
          action: "keep_flag",
          label: "Keep and flag for follow-up (default)",
          identities: 1200,
          scopes: 0,
          text: "Nothing is removed: 1,200 identities stay as they are, flagged as not reviewed.",
        },
      },
    },
  },
  {
    method: "GET",
    path: "/api/reviews/campaigns/{id}",
    operationId: "getReviewCampaign",
    tag,
    summary: "A campaign's definition (in words too) and its runs, newest first",
    auth: "review.list",
    input: { schema: getCampaignSchema, in: "path", path: { id: "campaignId" } },
    example: { path: { id: CAMPAIGN_ID } },
    response: {
      data: "CampaignDetailDto (lib/domain/reviews/campaigns/get-campaign.ts): CampaignDto plus runs (the 24 newest) and runCount",
      example: { ...campaign, runs: [run], runCount: 1 },
    },
  },
  {
    method: "PATCH",
    path: "/api/reviews/campaigns/{id}",
    operationId: "updateReviewCampaign",
    tag,
    summary: "Change some fields of a campaign's definition",
    description:
      "Fields left out keep their value; the whole definition is checked again. Send `expectedVersion` (the `version` you read) to be refused (409) if someone changed it since. A run under way keeps the settings it was launched with; an archived campaign cannot be changed.",
    auth: "review.manage",
    input: { schema: updateCampaignSchema, in: "body", path: { id: "campaignId" } },
    errors: ["CONFLICT"],
    example: { path: { id: CAMPAIGN_ID }, body: { expectedVersion: 1, durationDays: 21, reminderDays: [10, 3] } },
    response: {
      data: "{ id, name, version, changed }: the fields that changed (recorded before and after in the audit log)",
      example: { id: CAMPAIGN_ID, name: definition.name, version: 2, changed: ["durationDays", "reminderDays"] },
    },
  },
  {
    method: "POST",
    path: "/api/reviews/campaigns/{id}/launch",
    operationId: "launchReviewCampaign",
    tag,
    summary: "Launch the campaign's next run now",
    description:
      "Snapshots every identity in scope with its scopes, assigns reviewers by the rule and tells them, in one transaction. Refused (409) while a run of the campaign is open, or once it is archived.",
    auth: "review.launch",
    input: { schema: launchCampaignSchema, in: "path", path: { id: "campaignId" } },
    errors: ["CONFLICT"],
    example: { path: { id: CAMPAIGN_ID } },
    response: {
      data: "LaunchResult (lib/domain/reviews/launch/launch-run.ts) with nextRunAt",
      example: {
        runId: RUN_ID,
        number: 1,
        itemCount: 1200,
        scopeCount: 3400,
        reviewers: 37,
        noReviewer: 0,
        dueAt: "2026-06-15T12:00:00.000Z",
        endsAt: "2026-06-22T12:00:00.000Z",
        nextRunAt: "2026-09-01T12:00:00.000Z",
      },
    },
  },
  {
    method: "GET",
    path: "/api/reviews/runs/{id}",
    operationId: "getReviewRunProgress",
    tag,
    summary: "Where a run stands: decided and undecided, by decision, outcome, remediation status and reviewer",
    description:
      "A reviewer is `overdue` while undecided items remain after the run's due date. `reviewer: null` counts the items nobody could be assigned.",
    auth: "review.list",
    input: { schema: runProgressSchema, in: "path", path: { id: "runId" } },
    example: { path: { id: RUN_ID } },
    response: {
      data: "RunProgressDto (lib/domain/reviews/progress/run-progress.ts)",
      example: {
        run: {
          ...run,
          campaignId: CAMPAIGN_ID,
          campaignName: definition.name,
          settings: {
            campaignName: definition.name,
            scope: definition.scope,
            campaignOwnerId: ADMIN.id,
            fallbackReviewerIds: [],
            durationDays: 14,
            graceDays: 7,
            reminderDays: [7, 1],
            escalationDays: [1, 3, 5],
            secondStageItems: "none",
            secondStageReviewerIds: [],
            secondStageDays: 7,
            nonResponseAction: "keep_flag",
            applyMode: "on_close",
            followUpRound: false,
            followUpDays: 7,
            observationDays: 14,
          },
          launchedBy: ADMIN,
          closedBy: null,
          remindersSent: 0,
          escalationStep: 0,
          overdue: false,
        },
        total: 1200,
        decided: 830,
        undecided: 370,
        byDecision: { certify: 700, suspend: 30, keep_until: 100, undecided: 370 },
        byScopeDecision: { keep: 2900, revoke: 320, reduce: 80, undecided: 100 },
        byOutcome: { pending: 1200 },
        byRemediation: { not_needed: 1200 },
        byRecommendation: { keep: 900, revoke: 250, shorten: 50 },
        byStage: { "1": 1200 },
        reviewers: [{ reviewer: ADMIN, total: 40, decided: 12, undecided: 28, overdue: false }],
        overdueReviewers: 0,
      },
    },
  },
  {
    method: "GET",
    path: "/api/reviews/runs/{id}/evidence",
    operationId: "exportReviewEvidence",
    tag,
    summary: "A run's evidence as CSV or PDF",
    description:
      "Scope, reviewers, every item with its decision, decider, time and reason, its scope decisions, outcome and remediation status, and the audit chain's head hash at export (also in the `X-Audit-Head-Hash` header). The export is recorded in the audit log first; the head named is that record or a later event. Streams however large the run.",
    auth: "review.export",
    input: { schema: exportEvidenceSchema, in: "query", path: { id: "runId" } },
    example: { path: { id: RUN_ID }, query: { format: "pdf" } },
    response: {
      file: {
        contentTypes: ["text/csv", "application/pdf"],
        description: "The file (`review-evidence-<campaign>-<run>-<time>.csv` or `.pdf`).",
      },
    },
  },
];
