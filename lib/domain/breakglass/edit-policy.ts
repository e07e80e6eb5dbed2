import safeRegex from "safe-regex2";
import { z } from "zod";
import { actingPerson } from "../authz/actor";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { safeText } from "../shared/safe-text";
import { teamField } from "../users/team-input";
import { type PolicyRowDto, toPolicyRowDto } from "./list-policy";

const minutes = (field: string, max: number) =>
  z.coerce
    .number({ error: `${field} must be a whole number of minutes` })
    .int(`${field} must be a whole number of minutes`)
    .min(1, `${field} must be at least 1`)
    .max(max, `${field} must be at most ${max}`)
    .optional();

function validPattern(p: string | null | undefined): boolean {
  if (!p) return true;
  try {
    new RegExp(p, "u");
    return true;
  } catch {
    return false;
  }
}

export const editPolicySchema = z.object({
  id: z.uuid("id must be a break-glass policy row id"),
  version: z.coerce.number({ error: "version must be the row's version" }).int("version must be the row's version"),
  maxDurationMinutes: minutes("maxDurationMinutes", 14 * 24 * 60),
  approvalsRequired: z.coerce
    .number({ error: "approvalsRequired must be 1 to 5" })
    .int("approvalsRequired must be 1 to 5")
    .min(1, "approvalsRequired must be at least 1")
    .max(5, "approvalsRequired must be at most 5")
    .optional(),
  pendingExpiryMinutes: minutes("pendingExpiryMinutes", 7 * 24 * 60),
  emergencyAllowed: z.boolean({ error: "emergencyAllowed must be true or false" }).optional(),
  afterActionRequired: z.boolean({ error: "afterActionRequired must be true or false" }).optional(),
  /** A regular expression every ticket must match whole; null or "" for no ticket required. */
  ticketPattern: z
    .preprocess(
      (v) => (v === "" ? null : v),
      safeText("ticketPattern").max(200, "ticketPattern must be at most 200 characters").nullable().optional(),
    )
    .refine(validPattern, "ticketPattern must be a valid regular expression")
    // It runs on every filed ticket: a pattern with nested repetition could take exponential time on one.
    .refine(
      (p) => !validPattern(p) || !p || safeRegex(p),
      "ticketPattern has nested repetition (like (a+)+) that could hang the server on some tickets; simplify it",
    ),
  /**
   * Only approvers whose team (User.team) is exactly this decide and review requests filed under the row, and
   * only they (with admins, who always may) are told of them; null or "" for any approver.
   */
  approverTeam: teamField("approverTeam").optional(),
});

const FIELDS = [
  "maxDurationMinutes",
  "approvalsRequired",
  "pendingExpiryMinutes",
  "emergencyAllowed",
  "afterActionRequired",
  "ticketPattern",
  "approverTeam",
] as const;

/**
 * An admin changes one row of the break-glass policy (in person), audited before/after, refused when the row
 * changed since it was read (version). Requests already filed keep the policy they were filed under.
 */
export const editPolicy = defineMutation({
  action: "breakglass.policy",
  input: editPolicySchema,
  lockKey: () => "breakglass-policy",
  load: async () => ({ type: "console" as const }),
  async change({ tx, actor, input }) {
    const row = await tx.breakGlassPolicy.findUnique({ where: { id: input.id } });
    if (!row) throw new DomainError("NOT_FOUND", "There is no such break-glass policy row.");
    if (row.version !== input.version)
      throw new DomainError("CONFLICT", "Someone changed this policy row since you opened it. Reload and make your change again.");
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const data: Record<string, unknown> = {};
    for (const field of FIELDS) {
      const value = input[field];
      if (value === undefined || value === row[field]) continue;
      before[field] = row[field];
      after[field] = value;
      data[field] = value;
    }
    if (Object.keys(data).length === 0) throw new DomainError("VALIDATION", "Nothing to change: every field given already has that value.");
    const updated = await tx.breakGlassPolicy.update({
      where: { id: row.id },
      data: { ...data, updatedById: actingPerson(actor)?.userId ?? null, version: { increment: 1 } },
    });
    const result: PolicyRowDto = toPolicyRowDto(updated);
    return {
      result,
      events: {
        target: { type: "breakglass-policy", id: row.id, label: `${row.level} in ${row.environment}` },
        before: before as never,
        after: after as never,
      },
    };
  },
});
