import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { enforce } from "../../authz/enforce";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { REMEDIATION_STATUSES } from "../vocabulary";
import { describeChange } from "./remediation-events";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const listRemediationSchema = z.object({
  status: z.preprocess(
    blank,
    z.enum(REMEDIATION_STATUSES, { error: `status must be one of ${REMEDIATION_STATUSES.join(", ")}` }).default("open"),
  ),
  runId: z.preprocess(blank, z.uuid("runId must be a review run's id").optional()),
  page: z.preprocess(
    blank,
    z.coerce
      .number({ error: "page must be a page number" })
      .int("page must be a whole number")
      .min(1, "page must be 1 or more")
      .max(100_000, "page must be at most 100000")
      .default(1),
  ),
  pageSize: z.preprocess(
    blank,
    z.coerce
      .number({ error: "pageSize must be a number" })
      .int("pageSize must be a whole number")
      .min(1, "pageSize must be at least 1")
      .max(500, "pageSize must be at most 500")
      .default(100),
  ),
});

export type RemediationTaskDto = {
  id: string;
  runId: string;
  /** "Quarterly production #3" */
  run: string;
  identityId: string;
  name: string;
  platform: string;
  externalId: string;
  outcome: string | null;
  /** What the holding system must do, in words ("revoke 2 scopes, set status suspended"). */
  summary: string;
  /** The change as applied (scopes with their levels and environments, status, expiry, rotation date). */
  change: Record<string, unknown>;
  remediationStatus: string;
  remediationNote: string | null;
  appliedAt: string | null;
  remediationUpdatedAt: string | null;
};

export type RemediationPage = { tasks: RemediationTaskDto[]; total: number; page: number; pageSize: number };

type Row = Omit<RemediationTaskDto, "summary" | "change" | "appliedAt" | "remediationUpdatedAt"> & {
  change: Record<string, unknown> | null;
  appliedAt: Date | null;
  remediationUpdatedAt: Date | null;
};

/**
 * The review outcomes waiting for the systems that hold the identities (status open by default), oldest
 * first, a page at a time: what a script that carries them out reads, then answers with review.remediate.
 */
export async function listRemediation({ actor, db, clock, input }: UseCaseArgs): Promise<RemediationPage> {
  await enforce(db, clock, actor, "review.list");
  const q = await validate(listRemediationSchema, input);
  const run = q.runId ? Prisma.sql`AND it."runId" = ${q.runId}::uuid` : Prisma.empty;
  const [rows, [count]] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT it.id::text, it."runId"::text AS "runId", (r.settings->>'campaignName') || ' #' || r.number AS run,
        it."identityId"::text AS "identityId", it.name, it.platform, it."externalId", it.outcome,
        it."appliedBefore"->'change' AS change, it."remediationStatus", it."remediationNote", it."appliedAt", it."remediationUpdatedAt"
      FROM "ReviewItem" it JOIN "ReviewRun" r ON r.id = it."runId"
      WHERE it."remediationStatus" = ${q.status} ${run}
      ORDER BY it."appliedAt" NULLS LAST, it.id
      LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "ReviewItem" it WHERE it."remediationStatus" = ${q.status} ${run}`,
  ]);
  return {
    tasks: rows.map((r) => ({
      ...r,
      change: r.change ?? {},
      summary: describeChange(r.change ?? {}),
      appliedAt: r.appliedAt?.toISOString() ?? null,
      remediationUpdatedAt: r.remediationUpdatedAt?.toISOString() ?? null,
    })),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}
