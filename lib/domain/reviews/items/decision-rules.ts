import type { ReviewItem, ReviewItemScope, ReviewRun } from "@/lib/db/generated/client";
import { LEVELS } from "../../registry/vocabulary";
import { type Decision, RISK_LABELS, type Risk, type ScopeDecision } from "../vocabulary";

// The rules a decision must keep, shared by a single decision and a bulk one, so both refuse the same things
// with the same words. Framework-free and pure: the use-cases hand in the rows and the time.

/** Item risks that, kept, need a reason whatever the scopes (the scope-borne ones are judged per kept scope). */
const ITEM_RISKS_NEEDING_REASON: readonly Risk[] = ["unused", "expired", "third_party"];
/** Risks that come from the scopes: a reason is needed while a risky scope is kept. */
const SCOPE_RISKS: readonly Risk[] = ["privileged_production", "wildcard"];

/** Decisions that keep the identity's access (what is kept risky needs a reason). */
const KEEPS_ACCESS: readonly Decision[] = ["certify", "keep_until"];

export type ScopeChoice = { decision: ScopeDecision | string | null };

/**
 * Why this decision needs a reason, in the words the error shows ("decisionReason is required to …"), or
 * null. Every revoke of a scope, a suspension, a decommission and a transfer need one; so does keeping risky access:
 * certify or keep-until while the item is unused, has an expired credential or belongs to a third party, or
 * while a risky scope (admin or write in production, a wildcard) is kept.
 */
export function reasonRequiredFor(
  decision: Decision,
  item: Pick<ReviewItem, "risks">,
  scopes: readonly (Pick<ReviewItemScope, "risky" | "resource" | "action" | "level"> & ScopeChoice)[],
): string | null {
  if (scopes.some((s) => s.decision === "revoke")) return "to revoke a scope";
  if (decision === "suspend") return "to suspend an identity";
  if (decision === "decommission") return "to decommission an identity";
  if (decision === "transfer") return "to transfer ownership";
  if (!KEEPS_ACCESS.includes(decision)) return null;
  const keptRisky = scopes.filter((s) => s.risky && (s.decision === null || s.decision === "keep"));
  if (keptRisky.length > 0) {
    const wildcard = keptRisky.some((s) => s.resource.includes("*") || s.action.includes("*"));
    return wildcard && !keptRisky.some((s) => s.level === "admin" || s.level === "write")
      ? "to keep a wildcard scope"
      : "to keep admin or write access in production";
  }
  // No scope rows to judge (none at launch) yet a scope-borne risk: judged on the item.
  const itemRisks = item.risks.filter((r): r is Risk => ITEM_RISKS_NEEDING_REASON.includes(r as Risk));
  if (scopes.length === 0) itemRisks.push(...item.risks.filter((r): r is Risk => SCOPE_RISKS.includes(r as Risk)));
  if (itemRisks.length > 0) return `to keep access that is ${itemRisks.map((r) => RISK_LABELS[r].toLowerCase()).join(", ")}`;
  return null;
}

/** The stage takes decisions until it ends (the due date plus the grace days), even before the job closes it. */
export function stageEnded(run: Pick<ReviewRun, "endsAt">, now: Date): boolean {
  return now.getTime() >= run.endsAt.getTime();
}

const dateOnly = (d: Date) => d.toISOString().slice(0, 10);

/**
 * keepUntil sets an expiry where the credential has none, or shortens it: never later than the expiry it has
 * (a review may cut access, never extend it), and in the future.
 */
export function keepUntilProblem(keepUntil: Date, item: Pick<ReviewItem, "credentialExpiresAt">, now: Date): string | null {
  if (keepUntil.getTime() <= now.getTime()) return "keepUntil must be in the future";
  const expires = item.credentialExpiresAt;
  if (expires && keepUntil.getTime() > expires.getTime())
    return expires.getTime() <= now.getTime()
      ? `keepUntil cannot be set: the credential already expired on ${dateOnly(expires)} (require a rotation instead)`
      : `keepUntil must not be later than the credential's expiry (${dateOnly(expires)}): a review may set or shorten an expiry, never lengthen it`;
  return null;
}

export function rotateByProblem(rotateBy: Date, now: Date): string | null {
  return rotateBy.getTime() <= now.getTime() ? "rotateBy must be in the future" : null;
}

const LEVEL_RANK: Record<string, number> = Object.fromEntries(LEVELS.map((l, i) => [l, i]));

/**
 * A reduce must reduce: to a lower level (write to read, admin to write or read), and/or from production to a
 * non-production environment. Returns the problems by field ("reduceToLevel", "reduceToEnvironment").
 */
export function reduceProblems(
  scope: Pick<ReviewItemScope, "level" | "environment">,
  itemEnvironment: string,
  to: { reduceToLevel?: string | null; reduceToEnvironment?: string | null },
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!to.reduceToLevel && !to.reduceToEnvironment) {
    problems.reduceToLevel = "reduceToLevel or reduceToEnvironment is required to reduce a scope";
    return problems;
  }
  if (to.reduceToLevel) {
    const from = LEVEL_RANK[scope.level];
    if (from === undefined || LEVEL_RANK[to.reduceToLevel]! >= from)
      problems.reduceToLevel = `reduceToLevel must be lower than the scope's level (${scope.level})`;
  }
  if (to.reduceToEnvironment) {
    const applies = scope.environment ?? itemEnvironment;
    if (applies !== "production")
      problems.reduceToEnvironment = `reduceToEnvironment: the scope applies in ${applies}, not production; only production can be reduced to another environment`;
  }
  return problems;
}
