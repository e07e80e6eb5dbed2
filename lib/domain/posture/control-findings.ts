import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { enforce } from "../authz/enforce";
import { DomainError } from "../shared/errors";
import type { UseCase } from "../shared/use-case";
import { validate } from "../shared/validate";
import { checkOf, type CheckDefinition } from "./checks";
import { CONTROL_MASKS } from "./control-masks";
import { dashboardFilterSchema, filterSql } from "./dashboard";
import { FRAMEWORKS, type Control } from "./frameworks";

export const controlFindingsSchema = dashboardFilterSchema.extend({
  control: z.string().trim().min(1, "control is required").max(40, "control must be at most 40 characters"),
  /** One of the control's checks, to narrow the identities to it. */
  check: z.preprocess((v) => (v === "" ? undefined : v), z.string().max(60, "check must be at most 60 characters").optional()),
  page: z.coerce
    .number({ error: "page must be a number" })
    .int("page must be a whole number")
    .min(1, "page must be at least 1")
    .max(100_000, "page is too large")
    .default(1),
});

const PAGE_SIZE = 50;

export type ControlFindings = {
  framework: { id: string; short: string };
  control: Control;
  checks: (Pick<CheckDefinition, "id" | "title" | "rationale" | "severity" | "thresholds"> & { failing: number })[];
  identities: {
    findingId: string;
    identityId: string;
    name: string;
    environment: string;
    owner: string | null;
    checkId: string;
    severity: string;
    status: string;
    firstSeenAt: string;
    evidence: unknown;
  }[];
  total: number;
  page: number;
  pageSize: number;
};

/** A control's drill-down: the checks that evidence it (with how many identities fail each) and the failing identities, paged. */
export const controlFindings: UseCase<z.input<typeof controlFindingsSchema>, ControlFindings> = async ({
  actor,
  db,
  clock,
  input: raw,
}) => {
  await enforce(db, clock, actor, "posture.read");
  const f = await validate(controlFindingsSchema, raw);
  const mask = CONTROL_MASKS.find((c) => c.framework === f.framework && c.controlId === f.control);
  const control = FRAMEWORKS[f.framework].controls.find((c) => c.id === f.control);
  if (!mask || !control) throw new DomainError("NOT_FOUND", `No check evidences ${f.control} of ${FRAMEWORKS[f.framework].short}.`);
  if (f.check && !mask.checkIds.includes(f.check))
    throw new DomainError("VALIDATION", `check must be one of ${mask.checkIds.join(", ")}`, {
      check: [`check must be one of ${mask.checkIds.join(", ")}`],
    });
  const now = clock.now();
  const checkIds = f.check ? [f.check] : mask.checkIds;
  const where = filterSql(f);
  const open = Prisma.sql`(fd.status = 'open' OR (fd.status IN ('accepted', 'postponed') AND fd.until <= ${now}))`;
  const [perCheck, [count], rows] = await Promise.all([
    db.$queryRaw<{ checkId: string; n: number }[]>`
      SELECT fd."checkId", count(*)::int AS n FROM "Finding" fd JOIN "Identity" i ON i.id = fd."identityId"
      WHERE fd."checkId" = ANY(${mask.checkIds}) AND ${open} AND ${where} GROUP BY fd."checkId"`,
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Finding" fd JOIN "Identity" i ON i.id = fd."identityId"
      WHERE fd."checkId" = ANY(${checkIds}) AND ${open} AND ${where}`,
    db.$queryRaw<
      {
        findingId: string;
        identityId: string;
        name: string;
        environment: string;
        owner: string | null;
        checkId: string;
        severity: string;
        status: string;
        firstSeenAt: Date;
        evidence: unknown;
      }[]
    >`
      SELECT fd.id::text AS "findingId", i.id::text AS "identityId", i.name, i.environment, u.name AS owner, fd."checkId", fd.severity,
        fd.status, fd."firstSeenAt", fd.evidence
      FROM "Finding" fd JOIN "Identity" i ON i.id = fd."identityId" LEFT JOIN "User" u ON u.id = i."ownerId"
      WHERE fd."checkId" = ANY(${checkIds}) AND ${open} AND ${where}
      ORDER BY CASE fd.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, i.name, fd."checkId"
      LIMIT ${PAGE_SIZE} OFFSET ${(f.page - 1) * PAGE_SIZE}`,
  ]);
  const failing = new Map(perCheck.map((r) => [r.checkId, r.n]));
  return {
    framework: { id: f.framework, short: FRAMEWORKS[f.framework].short },
    control,
    checks: mask.checkIds.map((id) => {
      const c = checkOf(id);
      return { id, title: c.title, rationale: c.rationale, severity: c.severity, thresholds: c.thresholds, failing: failing.get(id) ?? 0 };
    }),
    identities: rows.map((r) => ({ ...r, firstSeenAt: r.firstSeenAt.toISOString() })),
    total: count?.n ?? 0,
    page: f.page,
    pageSize: PAGE_SIZE,
  };
};
