import { z } from "zod";
import { actingPerson } from "../authz/actor";
import { loadIdentityTarget } from "../registry/load-identity-target";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { optionalIsoDate } from "../shared/input";
import { safeText } from "../shared/safe-text";
import { checkOf } from "./checks";

export const FINDING_DECISIONS = ["accept", "postpone", "reopen"] as const;
const MAX_DAYS = 366;

export const decideFindingSchema = z.object({
  findingId: z.uuid("findingId must be a finding id"),
  /** accept: the risk is accepted until a date; postpone: it will be fixed by a date; reopen: undo either. */
  decision: z.enum(FINDING_DECISIONS, { error: "decision must be accept, postpone or reopen" }),
  reason: z.preprocess(
    (v) => (v === "" ? undefined : v),
    safeText("reason")
      .trim()
      .min(3, "reason is required: say why (at least 3 characters)")
      .max(1_000, "reason must be at most 1000 characters")
      .optional(),
  ),
  /** Until when (ISO 8601): after it the finding reads as open again. Required to accept or postpone. */
  until: optionalIsoDate("until"),
});

/**
 * The owner, backup owner or an admin accepts a finding's risk, or postpones it, until a date (at most a year),
 * with a reason; or re-opens it. Audited before and after. After `until` it reads as open everywhere at once and
 * the hourly evaluation records the re-opening. A finding the system resolved cannot be accepted.
 */
export const decideFinding = defineMutation({
  action: "posture.accept",
  input: decideFindingSchema,
  lockKey: (input) => `finding:${input.findingId}`,
  async load(tx, input) {
    const finding = await tx.finding.findUnique({ where: { id: input.findingId } });
    if (!finding) throw new DomainError("NOT_FOUND", "There is no such finding.");
    return Object.assign(await loadIdentityTarget(tx, finding.identityId), { finding });
  },
  async change({ tx, actor, clock, input, target }) {
    const now = clock.now();
    const { finding } = target;
    if (finding.status === "resolved")
      throw new DomainError("CONFLICT", "This finding is resolved: its condition cleared, there is nothing to accept.");
    const before = {
      checkId: finding.checkId,
      status: finding.status,
      until: finding.until?.toISOString() ?? null,
      reason: finding.decisionReason,
    };
    if (input.decision !== "reopen") {
      const problems: Record<string, string[]> = {};
      if (!input.reason) problems.reason = [`reason is required to ${input.decision} a finding`];
      if (!input.until) problems.until = [`until is required: the date after which it re-opens`];
      else if (input.until.getTime() <= now.getTime()) problems.until = ["until must be in the future"];
      else if (input.until.getTime() > now.getTime() + MAX_DAYS * 86_400_000) problems.until = [`until must be within ${MAX_DAYS} days`];
      if (Object.keys(problems).length > 0)
        throw new DomainError("VALIDATION", `Please correct the input. ${Object.values(problems).flat().join("; ")}`, problems);
    }
    const status = input.decision === "accept" ? "accepted" : input.decision === "postpone" ? "postponed" : "open";
    const updated = await tx.finding.update({
      where: { id: finding.id },
      data: {
        status,
        until: input.decision === "reopen" ? null : input.until!,
        decisionReason: input.decision === "reopen" ? null : input.reason!,
        decidedById: input.decision === "reopen" ? null : actingPerson(actor)!.userId,
        updatedAt: now,
      },
    });
    // The identity's posture bits follow at once (an accepted risk no longer counts as failing).
    await tx.postureDirty.upsert({ where: { identityId: finding.identityId }, create: { identityId: finding.identityId }, update: {} });
    return {
      result: { id: updated.id, status: updated.status, until: updated.until?.toISOString() ?? null },
      events: {
        reason: `${checkOf(finding.checkId).title}: ${input.decision}${input.reason ? `: ${input.reason}` : ""}`,
        before,
        after: { checkId: finding.checkId, status, until: updated.until?.toISOString() ?? null },
      },
    };
  },
});
