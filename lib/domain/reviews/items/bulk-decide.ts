import { z } from "zod";
import { isRetryable } from "@/lib/db/database-errors";
import type { Tx } from "@/lib/db/types";
import { type AuditEventInput, appendAuditEvents } from "../../audit/append-audit-event";
import { authorize } from "../../authz/policy";
import type { Clock } from "../../shared/clock";
import { checkRole } from "../../shared/define-mutation";
import { DomainError, fromDatabaseError } from "../../shared/errors";
import type { UseCase } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { applyItems } from "../apply/apply-items";
import type { ApplyMode } from "../vocabulary";
import { decisionReasonSchema, keepUntilSchema, rotateBySchema } from "./decision-input";
import { keepUntilProblem, reasonRequiredFor, rotateByProblem, stageEnded } from "./decision-rules";
import { itemAuditTarget, itemTarget } from "./item-target";

/** A bulk decision: one for every selected item. `revoke_risky` certifies the rest and revokes each risky scope. */
export const BULK_DECISIONS = ["certify", "keep_until", "rotate_by", "suspend", "decommission", "revoke_risky"] as const;
export type BulkDecision = (typeof BULK_DECISIONS)[number];
export const BULK_DECISION_LABELS: Record<BulkDecision, string> = {
  certify: "Certify (keep)",
  keep_until: "Keep until a date",
  rotate_by: "Require rotation by a date",
  suspend: "Suspend",
  decommission: "Decommission",
  revoke_risky: "Revoke the risky scopes, keep the rest",
};

export const MAX_BULK_ITEMS = 1_000;
/** How many skipped or refused items the answer names (the counts cover all). */
const SAMPLE = 50;

export const bulkDecideSchema = z
  .object({
    ids: z
      .array(z.uuid("ids must be review item ids"), { error: "ids must be a list of review item ids" })
      .min(1, "ids: select at least one item")
      .max(MAX_BULK_ITEMS, `ids: at most ${MAX_BULK_ITEMS} items at once`),
    decision: z.enum(BULK_DECISIONS, { error: `decision must be one of ${BULK_DECISIONS.join(", ")}` }),
    decisionReason: decisionReasonSchema,
    keepUntil: keepUntilSchema,
    rotateBy: rotateBySchema,
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.decision === "keep_until" && !v.keepUntil) issue("keepUntil", "keepUntil is required: the date access ends");
    if (v.decision !== "keep_until" && v.keepUntil) issue("keepUntil", "keepUntil is only for the decision keep_until");
    if (v.decision === "rotate_by" && !v.rotateBy) issue("rotateBy", "rotateBy is required: the date the credential must be rotated by");
    if (v.decision !== "rotate_by" && v.rotateBy) issue("rotateBy", "rotateBy is only for the decision rotate_by");
  });

export type BulkItemNote = { id: string; name: string; reason: string };
export type BulkDecideResult = {
  decision: BulkDecision;
  /** Items asked for that exist. */
  matched: number;
  decided: number;
  /** The decision does not fit them (the stage ended, already applied, a date past their expiry, no risky scope). */
  skipped: number;
  /** Not the actor's to decide (the policy's reason), recorded as refused. */
  refused: number;
  /** Ids that name no item. */
  missing: number;
  skips: BulkItemNote[];
  refusals: BulkItemNote[];
};

type Row = {
  id: string;
  name: string;
  runId: string;
  stage: number;
  reviewerId: string | null;
  extraReviewerIds: string[];
  firstStageDecidedById: string | null;
  risks: string[];
  credentialExpiresAt: Date | null;
  appliedAt: Date | null;
  rolledBackAt: Date | null;
  decision: string | null;
  decisionReason: string | null;
  keepUntil: Date | null;
  rotateBy: Date | null;
  runStatus: string;
  runStage: number;
  endsAt: Date;
  applyMode: ApplyMode;
};
type ScopeRow = { itemId: string; risky: boolean; resource: string; action: string; level: string; decision: string | null };

const MAX_ATTEMPTS = 3;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * One decision for many items (up to 1,000) with one reason. Like the registry's bulk change, each item is
 * judged by the policy on its own (review.decide: assigned to the actor, stage open, not the first stage's
 * decider); the allowed ones are written in one statement (and their scopes in another), each gets its own
 * audit event, and the refused ones are reported and recorded as refused. Items the decision does not fit are
 * skipped with why. A reason the decision needs for any item (revoking, suspending, keeping risky access) is
 * required for the whole set. Apply mode as_decided applies the decided items at once, run by run.
 */
export const bulkDecide: UseCase<z.input<typeof bulkDecideSchema>, BulkDecideResult> = Object.defineProperty(
  async ({ actor, db, clock, input: raw }: Parameters<UseCase<unknown, unknown>>[0]): Promise<BulkDecideResult> => {
    await checkRole({ actor, db, clock, input: raw }, "review.decide", () => ({ type: "review-item", id: null }));
    const input = await validate(bulkDecideSchema, raw);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await db.$transaction((tx) => decideSet(tx, clock, actor, input), { timeout: 30_000 });
      } catch (error) {
        if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
        throw fromDatabaseError(error) ?? error;
      }
    }
  },
  "name",
  { value: "review.decide" },
);

async function decideSet(tx: Tx, clock: Clock, actor: Parameters<typeof authorize>[0], input: z.output<typeof bulkDecideSchema>) {
  const now = clock.now();
  const ids = [...new Set(input.ids)].sort();
  // The same per-item locks a single decision takes, in one order, so a bulk and a single decision queue.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('review-item:' || k, 0)) FROM unnest(${ids}::text[]) AS k`;
  const rows = await tx.$queryRaw<Row[]>`
    SELECT it.id, it.name, it."runId", it.stage, it."reviewerId", it."extraReviewerIds", it."firstStageDecidedById", it.risks,
      it."credentialExpiresAt", it."appliedAt", it."rolledBackAt", it.decision, it."decisionReason", it."keepUntil", it."rotateBy",
      r.status AS "runStatus", r.stage AS "runStage", r."endsAt", COALESCE(r.settings->>'applyMode', 'on_close') AS "applyMode"
    FROM "ReviewItem" it JOIN "ReviewRun" r ON r.id = it."runId"
    WHERE it.id = ANY (${ids}::uuid[])
    ORDER BY it.name, it.id`;
  const scopes = await tx.$queryRaw<ScopeRow[]>`
    SELECT "itemId", risky, resource, action, level, decision FROM "ReviewItemScope" WHERE "itemId" = ANY (${ids}::uuid[])`;
  const scopesOf = new Map<string, ScopeRow[]>();
  for (const s of scopes) scopesOf.set(s.itemId, [...(scopesOf.get(s.itemId) ?? []), s]);

  const result: BulkDecideResult = {
    decision: input.decision,
    matched: rows.length,
    decided: 0,
    skipped: 0,
    refused: 0,
    missing: ids.length - rows.length,
    skips: [],
    refusals: [],
  };
  const refused: { row: Row; reason: string }[] = [];
  const decided: Row[] = [];
  const needReason = new Map<string, number>();
  const itemDecision = input.decision === "revoke_risky" ? "certify" : input.decision;
  for (const row of rows) {
    const target = itemTarget(row, { status: row.runStatus, stage: row.runStage });
    const verdict = authorize(actor, "review.decide", target);
    if (!verdict.allowed) {
      refused.push({ row, reason: verdict.reason });
      continue;
    }
    const own = scopesOf.get(row.id) ?? [];
    const skip = stageEnded(row, now)
      ? "the stage has ended"
      : row.appliedAt && !row.rolledBackAt
        ? "its decision was already applied; an admin must roll it back first"
        : input.keepUntil
          ? keepUntilProblem(input.keepUntil, row, now)
          : input.rotateBy
            ? rotateByProblem(input.rotateBy, now)
            : input.decision === "revoke_risky" && !own.some((s) => s.risky)
              ? "it has no risky scope to revoke"
              : null;
    if (skip) {
      result.skipped += 1;
      if (result.skips.length < SAMPLE) result.skips.push({ id: row.id, name: row.name, reason: skip });
      continue;
    }
    const needs = reasonRequiredFor(
      itemDecision,
      row,
      own.map((s) => ({ ...s, decision: input.decision === "revoke_risky" && s.risky ? ("revoke" as const) : null })),
    );
    if (needs) needReason.set(needs, (needReason.get(needs) ?? 0) + 1);
    decided.push(row);
  }
  if (needReason.size > 0 && !input.decisionReason) {
    const [why, n] = [...needReason.entries()].sort((a, b) => b[1] - a[1])[0]!;
    const message = `decisionReason is required ${why} (${n} of the selected items)`;
    throw new DomainError("VALIDATION", `Please correct the decision. decisionReason: ${message}`, { decisionReason: [message] });
  }
  result.refused = refused.length;
  result.refusals = refused.slice(0, SAMPLE).map(({ row, reason }) => ({ id: row.id, name: row.name, reason }));
  result.decided = decided.length;

  const decidedIds = decided.map((r) => r.id);
  const actorId = actor.type === "user" ? actor.userId : null;
  if (decidedIds.length > 0) {
    await tx.$executeRaw`
      UPDATE "ReviewItem" SET decision = ${itemDecision}, "decisionReason" = ${input.decisionReason ?? null},
        "decidedById" = ${actorId}::uuid, "decidedAt" = ${now}, "keepUntil" = ${input.keepUntil ?? null},
        "rotateBy" = ${input.rotateBy ?? null}, "transferToId" = NULL, version = version + 1
      WHERE id = ANY (${decidedIds}::uuid[])`;
    const revokeRisky = input.decision === "revoke_risky";
    await tx.$executeRaw`
      UPDATE "ReviewItemScope" SET decision = CASE WHEN ${revokeRisky} AND risky THEN 'revoke' END,
        "reduceToLevel" = NULL, "reduceToEnvironment" = NULL
      WHERE "itemId" = ANY (${decidedIds}::uuid[])`;
    const asDecided = new Map<string, string[]>();
    for (const r of decided) if (r.applyMode === "as_decided") asDecided.set(r.runId, [...(asDecided.get(r.runId) ?? []), r.id]);
    for (const [runId, itemIds] of asDecided) await applyItems(tx, clock, actor, { runId, itemIds });
  }

  const after = {
    decision: itemDecision,
    decisionReason: input.decisionReason ?? null,
    keepUntil: iso(input.keepUntil ?? null),
    rotateBy: iso(input.rotateBy ?? null),
    transferToId: null,
  };
  const events: AuditEventInput[] = [
    ...refused.map(({ row, reason }): AuditEventInput => ({
      actor,
      action: "review.decide",
      target: itemAuditTarget(row),
      outcome: "denied",
      reason: `bulk ${input.decision}: ${reason}`,
    })),
    ...decided.map((row): AuditEventInput => {
      const risky = (scopesOf.get(row.id) ?? []).filter((s) => s.risky).map((s) => `${s.resource}:${s.action}`);
      return {
        actor,
        action: "review.decide",
        target: itemAuditTarget(row),
        outcome: "allowed",
        reason: input.decisionReason ?? `bulk ${input.decision}`,
        before: {
          decision: row.decision,
          decisionReason: row.decisionReason,
          keepUntil: iso(row.keepUntil),
          rotateBy: iso(row.rotateBy),
          scopes: (scopesOf.get(row.id) ?? [])
            .filter((s) => s.decision)
            .map((s) => ({ scope: `${s.resource}:${s.action}`, decision: s.decision })),
        },
        after: {
          ...after,
          bulk: true,
          scopes: input.decision === "revoke_risky" ? risky.map((scope) => ({ scope, decision: "revoke" })) : [],
        },
      };
    }),
  ];
  await appendAuditEvents(tx, events, clock);
  return result;
}
