import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/types";
import type { Actor } from "../../authz/actor";
import { emitEvents } from "../../notifications/emit-event";
import { assertEligibleOwners } from "../../registry/owner-eligibility";
import type { Clock } from "../../shared/clock";
import { defineMutation } from "../../shared/define-mutation";
import { DomainError, type FieldErrors } from "../../shared/errors";
import { applyItems } from "../apply/apply-items";
import { DECISIONS, type Decision, SCOPE_DECISIONS, type ScopeDecision } from "../vocabulary";
import { NON_PRODUCTION, REDUCE_LEVELS, decisionReasonSchema, keepUntilSchema, rotateBySchema } from "./decision-input";
import { keepUntilProblem, reasonRequiredFor, reduceProblems, rotateByProblem, stageEnded } from "./decision-rules";
import { type LoadedItem, itemAuditTarget, itemLockKey, loadItemTarget } from "./item-target";
import { nextReviewer } from "./pass-on";

const scopeChoiceSchema = z.object({
  id: z.uuid("scopes: each id must be a scope id of this item"),
  decision: z.enum(SCOPE_DECISIONS, { error: `scopes: each decision must be one of ${SCOPE_DECISIONS.join(", ")}` }),
  reduceToLevel: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.enum(REDUCE_LEVELS, { error: `reduceToLevel must be one of ${REDUCE_LEVELS.join(", ")}` }).optional(),
  ),
  reduceToEnvironment: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.enum(NON_PRODUCTION, { error: `reduceToEnvironment must be a non-production environment: ${NON_PRODUCTION.join(", ")}` }).optional(),
  ),
});

export const decideItemSchema = z
  .object({
    id: z.uuid("id must be a review item id"),
    decision: z.enum(DECISIONS, { error: `decision must be one of ${DECISIONS.join(", ")}` }),
    decisionReason: decisionReasonSchema,
    /** keep_until: the date access ends (sets an expiry, or shortens the one there is). */
    keepUntil: keepUntilSchema,
    /** rotate_by: the date by which the credential must be rotated. */
    rotateBy: rotateBySchema,
    /** transfer: the new owner (someone who may own identities). */
    transferToId: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.uuid("transferToId must be a user id").optional()),
    /**
     * Per scope: keep, revoke or reduce. The whole set each time: a scope left out goes back to undecided (kept).
     */
    scopes: z
      .array(scopeChoiceSchema, { error: "scopes must be a list of { id, decision }" })
      .max(1_000, "scopes: at most 1000")
      .default([]),
  })
  .superRefine((v, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (v.decision === "keep_until" && !v.keepUntil) issue(["keepUntil"], "keepUntil is required: the date access ends");
    if (v.decision !== "keep_until" && v.keepUntil) issue(["keepUntil"], "keepUntil is only for the decision keep_until");
    if (v.decision === "rotate_by" && !v.rotateBy) issue(["rotateBy"], "rotateBy is required: the date the credential must be rotated by");
    if (v.decision !== "rotate_by" && v.rotateBy) issue(["rotateBy"], "rotateBy is only for the decision rotate_by");
    if (v.decision === "transfer" && !v.transferToId) issue(["transferToId"], "transferToId is required: choose the new owner");
    if (v.decision !== "transfer" && v.transferToId) issue(["transferToId"], "transferToId is only for the decision transfer");
    const whole = v.decision === "suspend" || v.decision === "decommission" || v.decision === "dont_know";
    const seen = new Set<string>();
    v.scopes.forEach((s, i) => {
      if (seen.has(s.id)) issue(["scopes", i, "id"], "scopes: each scope at most once");
      seen.add(s.id);
      if (whole && s.decision !== "keep")
        issue(["scopes", i, "decision"], `scopes: a ${v.decision} decision covers the whole identity; leave its scopes undecided`);
      if (s.decision !== "reduce" && (s.reduceToLevel || s.reduceToEnvironment))
        issue(["scopes", i, "reduceToLevel"], "reduceToLevel and reduceToEnvironment are only for a reduce");
    });
  });

export type DecideItemInput = z.output<typeof decideItemSchema>;

/** What a decision leaves on the item: the reviewer's page shows it; the API answers it. */
export type DecisionResult = {
  id: string;
  decision: Decision | null;
  decisionReason: string | null;
  decidedAt: string | null;
  keepUntil: string | null;
  rotateBy: string | null;
  transferToId: string | null;
  scopes: { id: string; decision: ScopeDecision | null; reduceToLevel: string | null; reduceToEnvironment: string | null }[];
  /** For "don't know": who the item went to. */
  passedTo: { userId: string; rung: string } | null;
  /** In apply mode as_decided: whether the outcome was applied now. */
  applied: boolean;
};

type ScopeState = { id: string; decision: string | null; reduceToLevel: string | null; reduceToEnvironment: string | null };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The decision as the audit log records it (before and after). */
function snapshot(
  item: Pick<LoadedItem["item"], "decision" | "decisionReason" | "keepUntil" | "rotateBy" | "transferToId" | "reviewerId">,
  scopes: (ScopeState & { resource: string; action: string })[],
): Prisma.InputJsonObject {
  return {
    decision: item.decision,
    decisionReason: item.decisionReason,
    keepUntil: iso(item.keepUntil),
    rotateBy: iso(item.rotateBy),
    transferToId: item.transferToId,
    reviewerId: item.reviewerId,
    scopes: scopes
      .filter((s) => s.decision)
      .map((s) => ({
        scope: `${s.resource}:${s.action}`,
        decision: s.decision,
        ...(s.reduceToLevel ? { reduceToLevel: s.reduceToLevel } : {}),
        ...(s.reduceToEnvironment ? { reduceToEnvironment: s.reduceToEnvironment } : {}),
      })),
  };
}

/**
 * Refuses a decision the run no longer takes: the stage ended (a job may not have closed it yet), or the
 * outcome was already applied (apply mode as_decided: an admin rolls it back first).
 */
export function assertDecidable(loaded: LoadedItem, now: Date): void {
  if (stageEnded(loaded.run, now))
    throw new DomainError("CONFLICT", "This review's stage has ended: decisions can no longer be made or changed.");
  if (loaded.item.appliedAt && !loaded.item.rolledBackAt)
    throw new DomainError(
      "CONFLICT",
      "This decision was already applied to the registry; an admin must roll it back before it can change.",
    );
}

/** Runs the engine's apply for these items of one run, in apply mode as_decided (a no-op otherwise). */
export async function applyIfAsDecided(
  tx: Tx,
  clock: Clock,
  actor: Actor,
  loaded: Pick<LoadedItem, "settings" | "run">,
  itemIds: string[],
) {
  if (loaded.settings.applyMode !== "as_decided" || itemIds.length === 0) return false;
  await applyItems(tx, clock, actor, { runId: loaded.run.id, itemIds });
  return true;
}

/**
 * A reviewer's decision on one item: the identity as a whole (certify, keep until a date, require rotation
 * by a date, transfer, suspend, decommission, or "don't know") and each scope (keep, revoke, reduce). The
 * policy lets only a reviewer the item is assigned to decide, while its stage is open, and never the first
 * stage's decider in the second. A decision may change until the stage ends; each is audited before/after.
 * "Don't know" leaves the item undecided and passes it to the next rung of the reviewer rule.
 */
export const decideItem = defineMutation({
  action: "review.decide",
  input: decideItemSchema,
  lockKey: (input) => itemLockKey(input.id),
  load: (tx, input) => loadItemTarget(tx, input.id),
  subject: (raw) => ({ type: "review-item", id: idOf(raw) }),
  async change({ tx, actor, clock, input, target }) {
    const now = clock.now();
    assertDecidable(target, now);
    const { item } = target;
    const actorId = actor.type === "user" ? actor.userId : "";
    const before = snapshot(item, item.scopes);

    if (input.decision === "dont_know") return passOn(tx, clock, actorId, target, before);

    // Each scope's choice: the ones given, the rest undecided (kept).
    const byId = new Map(item.scopes.map((s) => [s.id, s]));
    const fieldErrors: FieldErrors = {};
    const add = (field: string, message: string) => (fieldErrors[field] ??= []).push(message);
    input.scopes.forEach((s, i) => {
      const scope = byId.get(s.id);
      if (!scope) return add(`scopes.${i}.id`, "scopes: that scope is not one of this item's");
      if (s.decision === "reduce")
        for (const [field, message] of Object.entries(reduceProblems(scope, item.environment, s))) add(`scopes.${i}.${field}`, message);
    });
    const chosen = new Map(input.scopes.map((s) => [s.id, s]));
    const scopes: (ScopeState & (typeof item.scopes)[number])[] = item.scopes.map((s) => {
      const c = chosen.get(s.id);
      return {
        ...s,
        decision: c?.decision ?? null,
        reduceToLevel: c?.decision === "reduce" ? (c.reduceToLevel ?? null) : null,
        reduceToEnvironment: c?.decision === "reduce" ? (c.reduceToEnvironment ?? null) : null,
      };
    });
    if (input.keepUntil) {
      const problem = keepUntilProblem(input.keepUntil, item, now);
      if (problem) add("keepUntil", problem);
    }
    if (input.rotateBy) {
      const problem = rotateByProblem(input.rotateBy, now);
      if (problem) add("rotateBy", problem);
    }
    if (input.transferToId && input.transferToId === item.ownerId) add("transferToId", "transferToId: that person already owns it");
    // A review hands ownership on; it is not a way for a backup owner or a fallback reviewer to take it (the
    // registry's own transfer is the owner's or an admin's alone).
    if (input.transferToId && input.transferToId === actorId && !(actor.type === "user" && actor.roles.includes("admin")))
      add("transferToId", "transferToId: you cannot transfer the identity to yourself in a review; ask its owner or an admin");
    const needs = reasonRequiredFor(input.decision, item, scopes);
    if (needs && !input.decisionReason) add("decisionReason", `decisionReason is required ${needs}`);
    if (Object.keys(fieldErrors).length > 0)
      throw new DomainError(
        "VALIDATION",
        `Please correct the decision. ${Object.entries(fieldErrors)
          .map(([f, m]) => `${f}: ${m.join(", ")}`)
          .join("; ")}`,
        fieldErrors,
      );
    if (input.transferToId) await assertEligibleOwners(tx, { transferToId: input.transferToId });

    const next = {
      decision: input.decision,
      decisionReason: input.decisionReason ?? null,
      keepUntil: input.keepUntil ?? null,
      rotateBy: input.rotateBy ?? null,
      transferToId: input.transferToId ?? null,
    };
    await tx.reviewItem.update({
      where: { id: item.id },
      data: { ...next, decidedById: actorId, decidedAt: now, version: { increment: 1 } },
    });
    await writeScopes(tx, item.id, scopes);
    const applied = await applyIfAsDecided(tx, clock, actor, target, [item.id]);
    const result: DecisionResult = {
      id: item.id,
      ...next,
      keepUntil: iso(next.keepUntil),
      rotateBy: iso(next.rotateBy),
      decidedAt: now.toISOString(),
      scopes: scopes.map(({ id, decision, reduceToLevel, reduceToEnvironment }) => ({
        id,
        decision: decision as ScopeDecision | null,
        reduceToLevel,
        reduceToEnvironment,
      })),
      passedTo: null,
      applied,
    };
    return {
      result,
      events: {
        target: itemAuditTarget(item),
        reason: next.decisionReason,
        before,
        after: snapshot({ ...next, reviewerId: item.reviewerId }, scopes),
      },
    };
  },
});

/** Every scope of the item in one statement: the choices given, the rest back to undecided. */
async function writeScopes(tx: Tx, itemId: string, scopes: ScopeState[]): Promise<void> {
  if (scopes.length === 0) return;
  const rows = scopes.map(({ id, decision, reduceToLevel, reduceToEnvironment }) => ({ id, decision, reduceToLevel, reduceToEnvironment }));
  await tx.$executeRaw`
    UPDATE "ReviewItemScope" AS s
    SET decision = r.decision, "reduceToLevel" = r."reduceToLevel", "reduceToEnvironment" = r."reduceToEnvironment"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, decision text, "reduceToLevel" text, "reduceToEnvironment" text)
    WHERE s.id = r.id AND s."itemId" = ${itemId}::uuid`;
}

/**
 * "Don't know": the item stays undecided (any decision made before is withdrawn) and goes to the next rung of
 * the reviewer rule; the person saying it leaves the item's reviewers. An added reviewer (escalation) who does
 * not know just steps off: the assigned reviewer still has it.
 */
async function passOn(tx: Tx, clock: Clock, actorId: string, loaded: LoadedItem, before: Prisma.InputJsonObject) {
  const { item, run, settings } = loaded;
  const extra = item.extraReviewerIds.filter((id) => id !== actorId);
  let passedTo: DecisionResult["passedTo"] = null;
  let reviewerId = item.reviewerId;
  let rung = item.reviewerRung;
  if (item.reviewerId === actorId) {
    const next = await nextReviewer(tx, loaded, actorId);
    passedTo = next;
    reviewerId = next.userId;
    rung = next.rung;
  }
  const reviewers = extra.filter((id) => id !== reviewerId);
  await tx.reviewItem.update({
    where: { id: item.id },
    data: {
      decision: null,
      decisionReason: null,
      decidedById: null,
      decidedAt: null,
      keepUntil: null,
      rotateBy: null,
      transferToId: null,
      reviewerId,
      reviewerRung: rung,
      extraReviewerIds: reviewers,
      version: { increment: 1 },
    },
  });
  await tx.reviewItemScope.updateMany({
    where: { itemId: item.id },
    data: { decision: null, reduceToLevel: null, reduceToEnvironment: null },
  });
  if (passedTo) {
    const label = `${settings.campaignName} #${run.number}`;
    const due = run.dueAt.toISOString().slice(0, 10);
    await emitEvents(tx, clock, [
      {
        type: "review.assigned",
        recipients: [passedTo.userId],
        title: `${item.name} to review in ${label}, due ${due}`,
        body: `The previous reviewer did not know whether ${item.name} should keep its access, and the reviewer rule passes it to you. Decisions are due on ${due}.`,
        link: `/reviews/items/${item.id}`,
        dedupeKey: `review:${item.id}:assigned:${passedTo.userId}`,
        data: { runId: run.id, itemId: item.id, identityId: item.identityId, rung: passedTo.rung, dueAt: run.dueAt.toISOString() },
      },
    ]);
  }
  const result: DecisionResult = {
    id: item.id,
    decision: null,
    decisionReason: null,
    decidedAt: null,
    keepUntil: null,
    rotateBy: null,
    transferToId: null,
    scopes: item.scopes.map((s) => ({ id: s.id, decision: null, reduceToLevel: null, reduceToEnvironment: null })),
    passedTo,
    applied: false,
  };
  return {
    result,
    events: {
      target: itemAuditTarget(item),
      reason: passedTo ? `don't know: passed to the ${passedTo.rung.replace("_", " ")}` : "don't know: stepped off the item",
      before,
      after: { decision: "dont_know", reviewerId, reviewerRung: rung, passedTo: passedTo?.userId ?? null },
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The item a caller named, recorded with a refusal only when it is an id. */
export function idOf(raw: unknown): string | null {
  const value = raw && typeof raw === "object" ? (raw as Record<string, unknown>).id : undefined;
  return typeof value === "string" && UUID.test(value) ? value : null;
}
