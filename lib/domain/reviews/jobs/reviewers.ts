import type { Tx } from "@/lib/db/types";

export const DAY = 86_400_000;

/** A run as the jobs name it in notices: "Quarterly production #3". */
export const runLabel = (run: { number: number; settings: unknown }) =>
  `${(run.settings as { campaignName: string }).campaignName} #${run.number}`;

/**
 * Each person who may still decide items of the run's current stage (the assigned reviewer and those
 * escalation or "don't know" added), with how many undecided items wait for them: one statement.
 */
export async function undecidedPerPerson(tx: Tx, runId: string, stage: number): Promise<{ userId: string; n: number }[]> {
  return tx.$queryRaw<{ userId: string; n: number }[]>`
    SELECT p AS "userId", count(*)::int AS n
    FROM "ReviewItem" it CROSS JOIN LATERAL unnest(ARRAY[it."reviewerId"::text] || it."extraReviewerIds") AS p
    WHERE it."runId" = ${runId}::uuid AND it.stage = ${stage} AND it.decision IS NULL AND it."appliedAt" IS NULL AND p IS NOT NULL
    GROUP BY p ORDER BY p`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
