import { z } from "zod";
import { actingPerson } from "../authz/actor";
import { defineMutation } from "../shared/define-mutation";
import { DomainError } from "../shared/errors";
import { THRESHOLD_FIELDS } from "./vocabulary";

const days = (field: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${field} must be a whole number of days` })
    .int(`${field} must be a whole number of days`)
    .min(min, `${field} must be at least ${min}`)
    .max(max, `${field} must be at most ${max}`)
    .optional();

export const editPosturePolicySchema = z.object({
  version: z.coerce.number({ error: "version must be the policy's version" }).int("version must be the policy's version"),
  rotationMaxDays: days("rotationMaxDays", 1, 3_650),
  unusedMaxDays: days("unusedMaxDays", 1, 3_650),
  lifetimeMaxDays: days("lifetimeMaxDays", 1, 3_650),
  expiringWithinDays: days("expiringWithinDays", 1, 365),
  reviewMaxDays: days("reviewMaxDays", 7, 3_650),
  newIdentityGraceDays: days("newIdentityGraceDays", 0, 365),
});

/**
 * An admin changes the posture policy's thresholds (in person), audited before/after, refused when it changed
 * since it was read. Every active identity is marked for re-evaluation in the same transaction, so the findings
 * follow the new thresholds within the next runs of the evaluation job.
 */
export const editPosturePolicy = defineMutation({
  action: "posture.policy",
  input: editPosturePolicySchema,
  lockKey: () => "posture-policy",
  load: async () => ({ type: "console" as const }),
  async change({ tx, actor, clock, input }) {
    const row = await tx.posturePolicy.findUniqueOrThrow({ where: { id: "current" } });
    if (row.version !== input.version)
      throw new DomainError("CONFLICT", "Someone changed the posture policy since you opened it. Reload and make your change again.");
    const before: Record<string, number> = {};
    const after: Record<string, number> = {};
    for (const field of THRESHOLD_FIELDS) {
      const value = input[field];
      if (value === undefined || value === row[field]) continue;
      before[field] = row[field];
      after[field] = value;
    }
    if (Object.keys(after).length === 0)
      throw new DomainError("VALIDATION", "Nothing to change: every threshold given already has that value.");
    const updated = await tx.posturePolicy.update({
      where: { id: "current" },
      data: { ...after, version: { increment: 1 }, updatedById: actingPerson(actor)?.userId ?? null, updatedAt: clock.now() },
    });
    await tx.$executeRaw`INSERT INTO "PostureDirty" ("identityId") SELECT id FROM "Identity" WHERE status = 'active' ON CONFLICT DO NOTHING`;
    return {
      result: { version: updated.version, ...Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f, updated[f]])) },
      events: { target: { type: "posture-policy", id: "current", label: "posture policy" }, before, after },
    };
  },
});
