import { enforce } from "../authz/enforce";
import type { UseCase } from "../shared/use-case";
import { CHECKS, type PostureThresholds } from "./checks";

export type PosturePolicyDto = PostureThresholds & {
  version: number;
  updatedAt: string;
  /** Which checks read each threshold. */
  usedBy: Record<keyof PostureThresholds, string[]>;
};

/** The posture policy in force (everyone reads the rules the dashboard judges by). */
export const getPosturePolicy: UseCase<Record<string, never>, PosturePolicyDto> = async ({ actor, db, clock }) => {
  await enforce(db, clock, actor, "posture.read");
  const row = await db.posturePolicy.findUniqueOrThrow({ where: { id: "current" } });
  const usedBy = {} as Record<keyof PostureThresholds, string[]>;
  for (const c of CHECKS) for (const t of c.thresholds) (usedBy[t] ??= []).push(c.title);
  return {
    rotationMaxDays: row.rotationMaxDays,
    unusedMaxDays: row.unusedMaxDays,
    lifetimeMaxDays: row.lifetimeMaxDays,
    expiringWithinDays: row.expiringWithinDays,
    reviewMaxDays: row.reviewMaxDays,
    newIdentityGraceDays: row.newIdentityGraceDays,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    usedBy,
  };
};
