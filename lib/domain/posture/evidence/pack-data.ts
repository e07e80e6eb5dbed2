import { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import { CHECKS, CHECKS_VERSION, checkOf } from "../checks";
import { CONTROL_MASKS } from "../control-masks";
import { readThresholds } from "../evaluate";
import { FRAMEWORK_IDS, FRAMEWORKS, FRAMEWORKS_VERSION } from "../frameworks";
import { countByMask, summarise } from "../posture-cells";

// What an evidence pack holds, read as of a moment: the controls and their status (the day's posture summary when
// one was recorded that day, otherwise the stored counts), the findings open then, every review decision and
// break-glass request up to then with its after-action review, the posture policy and checks in force, and the
// audit chain's verification up to its head. The summary is read at once; the rows (a million findings at
// 500,000 identities) are read in batches by key, so a pack of any size is written in bounded memory.

export type PackSummary = {
  asOf: string;
  generatedAt: string;
  generatedBy: string;
  versions: { frameworks: string; checks: string };
  policy: Record<string, number>;
  checks: { id: string; title: string; severity: string; controls: Record<string, string[]> }[];
  /** Every control of every framework; those no check evidences are "not evaluated" (failing null). */
  controls: {
    framework: string;
    controlId: string;
    title: string;
    checks: string[];
    failing: number | null;
    status: "passing" | "failing" | "not evaluated";
  }[];
  activeIdentities: number;
  audit: { intact: boolean; checked: number; headSeq: string; headHash: string; problem: string | null };
};

export type FindingRow = {
  identity: string;
  identityId: string;
  owner: string;
  check: string;
  severity: string;
  status: string;
  firstSeenAt: string;
  evidence: string;
};

export type ReviewRow = {
  campaign: string;
  run: number;
  identity: string;
  decision: string;
  reviewer: string;
  decidedAt: string;
  reason: string;
  outcome: string;
  remediation: string;
};

export type BreakglassRow = {
  identity: string;
  requester: string;
  scopes: string;
  status: string;
  requestedAt: string;
  activeFrom: string;
  expiresAt: string;
  emergency: boolean;
  approvers: string;
  afterAction: string;
};

const BATCH = 5_000;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : "");

export async function readPackSummary(
  db: Db,
  asOf: Date,
  generated: { at: Date; by: string },
  chain: { intact: boolean; checked: number; problem: string | null },
): Promise<PackSummary> {
  const policy = await db.$transaction((tx) => readThresholds(tx));
  const day = asOf.toISOString().slice(0, 10);
  const [summary, [active], head] = await Promise.all([
    db.postureDay.findUnique({ where: { day: new Date(`${day}T00:00:00.000Z`) } }),
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Identity" WHERE status = 'active' AND "createdAt" <= ${asOf}`,
    db.auditEvent.findFirst({ where: { at: { lte: asOf } }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } }),
  ]);
  const liveControls = summary ? null : await liveFailing(db);
  const stored = (summary?.summary as { controls?: Record<string, number> } | undefined)?.controls ?? {};
  return {
    asOf: asOf.toISOString(),
    generatedAt: generated.at.toISOString(),
    generatedBy: generated.by,
    versions: { frameworks: FRAMEWORKS_VERSION, checks: CHECKS_VERSION },
    policy,
    checks: CHECKS.map((c) => ({ id: c.id, title: c.title, severity: c.severity, controls: c.controls as Record<string, string[]> })),
    controls: FRAMEWORK_IDS.flatMap((framework) =>
      FRAMEWORKS[framework].controls.map((control) => {
        const key = `${framework}:${control.id}`;
        const mask = CONTROL_MASKS.find((c) => c.framework === framework && c.controlId === control.id);
        const failing = !mask ? null : liveControls ? (liveControls.get(key) ?? 0) : (stored[key] ?? 0);
        return {
          framework: FRAMEWORKS[framework].short,
          controlId: control.id,
          title: control.title,
          checks: mask?.checkIds ?? [],
          failing,
          status: failing === null ? ("not evaluated" as const) : failing === 0 ? ("passing" as const) : ("failing" as const),
        };
      }),
    ),
    activeIdentities: active?.n ?? 0,
    audit: { ...chain, headSeq: head?.seq.toString() ?? "0", headHash: head?.hash ?? "" },
  };
}

/** Failing identities per control now, from the dashboard's stored counts (no summary was recorded that day). */
async function liveFailing(db: Db): Promise<Map<string, number>> {
  const totals = summarise(await countByMask(db, {}), CONTROL_MASKS);
  return new Map(CONTROL_MASKS.map((c, k) => [`${c.framework}:${c.controlId}`, totals.controls[k] ?? 0]));
}

const openAsOf = (asOf: Date) => Prisma.sql`f."firstSeenAt" <= ${asOf} AND (f."resolvedAt" IS NULL OR f."resolvedAt" > ${asOf})`;

/** How many findings, review items and break-glass requests the pack holds (the PDF's headings need them first). */
export async function countPackRows(db: Db, asOf: Date): Promise<{ findings: number; reviews: number; breakglass: number }> {
  const [[findings], [reviews], [breakglass]] = await Promise.all([
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Finding" f WHERE ${openAsOf(asOf)}`,
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "ReviewItem" it JOIN "ReviewRun" r ON r.id = it."runId" WHERE r."launchedAt" <= ${asOf}`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "BreakGlassRequest" b WHERE b."requestedAt" <= ${asOf}`,
  ]);
  return { findings: findings?.n ?? 0, reviews: reviews?.n ?? 0, breakglass: breakglass?.n ?? 0 };
}

/** The findings open as of the date, by identity name: a batch of identities (by the name index) at a time. */
export async function* findingBatches(db: Db, asOf: Date, batch = BATCH): AsyncGenerator<FindingRow[]> {
  let after: { name: string; id: string } | null = null;
  for (;;) {
    const page: { id: string; name: string }[] = await db.$queryRaw<{ id: string; name: string }[]>`
      SELECT i.id::text, i.name FROM "Identity" i
      WHERE ${after ? Prisma.sql`(i.name, i.id) > (${after.name}, ${after.id}::uuid)` : Prisma.sql`true`}
      ORDER BY i.name, i.id LIMIT ${batch}`;
    if (page.length === 0) return;
    after = page[page.length - 1]!;
    const rows = await db.$queryRaw<
      {
        identity: string;
        identityId: string;
        owner: string | null;
        checkId: string;
        severity: string;
        status: string;
        firstSeenAt: Date;
        evidence: unknown;
      }[]
    >`
      SELECT i.name AS identity, i.id::text AS "identityId", u.email AS owner, f."checkId", f.severity, f.status, f."firstSeenAt", f.evidence
      FROM "Finding" f JOIN "Identity" i ON i.id = f."identityId" LEFT JOIN "User" u ON u.id = i."ownerId"
      WHERE f."identityId" = ANY(${page.map((p) => p.id)}::uuid[]) AND ${openAsOf(asOf)}
      ORDER BY i.name, i.id, f."checkId"`;
    yield rows.map((f) => ({
      identity: f.identity,
      identityId: f.identityId,
      owner: f.owner ?? "",
      check: checkOf(f.checkId).title,
      severity: f.severity,
      status: f.status,
      firstSeenAt: iso(f.firstSeenAt),
      evidence: JSON.stringify(f.evidence ?? {}),
    }));
    if (page.length < batch) return;
  }
}

/** Every review item of the runs launched by the date, run by run, by identity name; decisions made later are blank. */
export async function* reviewBatches(db: Db, asOf: Date, batch = BATCH): AsyncGenerator<ReviewRow[]> {
  const runs = await db.$queryRaw<{ id: string; campaign: string; number: number }[]>`
    SELECT r.id::text, r.settings->>'campaignName' AS campaign, r.number FROM "ReviewRun" r
    WHERE r."launchedAt" <= ${asOf} ORDER BY r."launchedAt", r.number`;
  for (const run of runs) {
    let after: { name: string; id: string } | null = null;
    for (;;) {
      const rows: {
        id: string;
        identity: string;
        decision: string | null;
        reviewer: string | null;
        decidedAt: Date | null;
        reason: string | null;
        outcome: string | null;
        remediation: string | null;
      }[] = await db.$queryRaw`
        SELECT it.id::text, it.name AS identity, it.decision, u.email AS reviewer, it."decidedAt", it."decisionReason" AS reason,
          it.outcome, it."remediationStatus" AS remediation
        FROM "ReviewItem" it LEFT JOIN "User" u ON u.id = it."decidedById"
        WHERE it."runId" = ${run.id}::uuid ${after ? Prisma.sql`AND (it.name, it.id) > (${after.name}, ${after.id}::uuid)` : Prisma.empty}
        ORDER BY it.name, it.id LIMIT ${batch}`;
      if (rows.length === 0) break;
      const last = rows[rows.length - 1]!;
      after = { name: last.identity, id: last.id };
      yield rows.map((r) => {
        const decided = !!r.decidedAt && r.decidedAt <= asOf;
        return {
          campaign: run.campaign,
          run: run.number,
          identity: r.identity,
          decision: decided ? (r.decision ?? "") : "",
          reviewer: decided ? (r.reviewer ?? "") : "",
          decidedAt: decided ? iso(r.decidedAt) : "",
          reason: decided ? (r.reason ?? "") : "",
          outcome: r.outcome ?? "",
          remediation: r.remediation ?? "",
        };
      });
      if (rows.length < batch) break;
    }
  }
}

/** Every break-glass request filed by the date, oldest first, with its approvals and after-action review. */
export async function* breakglassBatches(db: Db, asOf: Date, batch = BATCH): AsyncGenerator<BreakglassRow[]> {
  let after: { requestedAt: Date; id: string } | null = null;
  for (;;) {
    const rows: {
      id: string;
      identity: string;
      requester: string | null;
      scopes: unknown;
      status: string;
      requestedAt: Date;
      activeFrom: Date | null;
      expiresAt: Date | null;
      emergency: boolean;
      approvers: string | null;
      verdict: string | null;
      filedAt: Date | null;
      rotationRequired: boolean | null;
    }[] = await db.$queryRaw`
      SELECT b.id::text, i.name AS identity, u.email AS requester, b.scopes, b.status, b."requestedAt", b."activeFrom", b."expiresAt", b.emergency,
        (SELECT string_agg(a.email || ' ' || p.decision, '; ' ORDER BY p.at) FROM "BreakGlassApproval" p JOIN "User" a ON a.id = p."approverId"
          WHERE p."requestId" = b.id) AS approvers,
        aar.verdict, aar."filedAt", aar."rotationRequired"
      FROM "BreakGlassRequest" b JOIN "Identity" i ON i.id = b."identityId" LEFT JOIN "User" u ON u.id = b."requesterId"
      LEFT JOIN "AfterActionReview" aar ON aar."requestId" = b.id
      WHERE b."requestedAt" <= ${asOf} ${after ? Prisma.sql`AND (b."requestedAt", b.id) > (${after.requestedAt}, ${after.id}::uuid)` : Prisma.empty}
      ORDER BY b."requestedAt", b.id LIMIT ${batch}`;
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    after = { requestedAt: last.requestedAt, id: last.id };
    yield rows.map((b) => ({
      identity: b.identity,
      requester: b.requester ?? "",
      scopes: ((b.scopes as { resource: string; action: string; level: string; environment: string }[]) ?? [])
        .map((s) => `${s.resource}:${s.action} ${s.level} ${s.environment}`)
        .join("; "),
      status: b.status,
      requestedAt: iso(b.requestedAt),
      activeFrom: iso(b.activeFrom),
      expiresAt: iso(b.expiresAt),
      emergency: b.emergency,
      approvers: b.approvers ?? "",
      afterAction: b.filedAt
        ? `${b.verdict}${b.rotationRequired ? ", rotation demanded" : ""} (${iso(b.filedAt)})`
        : b.verdict === null && b.rotationRequired !== null
          ? "not filed"
          : "",
    }));
    if (rows.length < batch) return;
  }
}
