import type { Db } from "@/lib/db/types";
import { CHECKS, CHECKS_VERSION, checkOf } from "../checks";
import { CONTROL_MASKS } from "../control-masks";
import { readThresholds } from "../evaluate";
import { FRAMEWORKS, FRAMEWORKS_VERSION } from "../frameworks";

// What an evidence pack holds, read as of a moment: the controls and their status (the day's posture summary when
// one was recorded that day, otherwise the live bits), the findings open then, every review decision and
// break-glass request up to then with its after-action review, the posture policy and checks in force, and the
// audit chain's verification up to its head.

export type PackData = {
  asOf: string;
  generatedAt: string;
  generatedBy: string;
  versions: { frameworks: string; checks: string };
  policy: Record<string, number>;
  checks: { id: string; title: string; severity: string; controls: Record<string, string[]> }[];
  controls: { framework: string; controlId: string; title: string; checks: string[]; failing: number; status: "passing" | "failing" }[];
  activeIdentities: number;
  findings: {
    identity: string;
    identityId: string;
    owner: string;
    check: string;
    severity: string;
    status: string;
    firstSeenAt: string;
    evidence: string;
  }[];
  reviews: {
    campaign: string;
    run: number;
    identity: string;
    decision: string;
    reviewer: string;
    decidedAt: string;
    reason: string;
    outcome: string;
    remediation: string;
  }[];
  breakglass: {
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
  }[];
  audit: { intact: boolean; checked: number; headSeq: string; headHash: string; problem: string | null };
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : "");

export async function readPackData(
  db: Db,
  asOf: Date,
  generated: { at: Date; by: string },
  chain: { intact: boolean; checked: number; problem: string | null },
): Promise<PackData> {
  const policy = await db.$transaction((tx) => readThresholds(tx));
  const day = asOf.toISOString().slice(0, 10);
  const [summary, [active], findings, reviews, breakglass, head] = await Promise.all([
    db.postureDay.findUnique({ where: { day: new Date(`${day}T00:00:00.000Z`) } }),
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Identity" WHERE status = 'active' AND "createdAt" <= ${asOf}`,
    db.$queryRaw<
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
      WHERE f."firstSeenAt" <= ${asOf} AND (f."resolvedAt" IS NULL OR f."resolvedAt" > ${asOf})
      ORDER BY i.name, f."checkId"`,
    db.$queryRaw<
      {
        campaign: string;
        run: number;
        identity: string;
        decision: string | null;
        reviewer: string | null;
        decidedAt: Date | null;
        reason: string | null;
        outcome: string | null;
        remediation: string | null;
      }[]
    >`
      SELECT r.settings->>'campaignName' AS campaign, r.number AS run, it.name AS identity, it.decision, u.email AS reviewer,
        it."decidedAt", it."decisionReason" AS reason, it.outcome, it."remediationStatus" AS remediation
      FROM "ReviewItem" it JOIN "ReviewRun" r ON r.id = it."runId" LEFT JOIN "User" u ON u.id = it."decidedById"
      WHERE r."launchedAt" <= ${asOf} ORDER BY r."launchedAt", r.number, it.name`,
    db.$queryRaw<
      {
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
      }[]
    >`
      SELECT i.name AS identity, u.email AS requester, b.scopes, b.status, b."requestedAt", b."activeFrom", b."expiresAt", b.emergency,
        (SELECT string_agg(a.email || ' ' || p.decision, '; ' ORDER BY p.at) FROM "BreakGlassApproval" p JOIN "User" a ON a.id = p."approverId"
          WHERE p."requestId" = b.id) AS approvers,
        aar.verdict, aar."filedAt", aar."rotationRequired"
      FROM "BreakGlassRequest" b JOIN "Identity" i ON i.id = b."identityId" LEFT JOIN "User" u ON u.id = b."requesterId"
      LEFT JOIN "AfterActionReview" aar ON aar."requestId" = b.id
      WHERE b."requestedAt" <= ${asOf} ORDER BY b."requestedAt"`,
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
    controls: CONTROL_MASKS.map((c) => {
      const failing = liveControls
        ? (liveControls.get(`${c.framework}:${c.controlId}`) ?? 0)
        : (stored[`${c.framework}:${c.controlId}`] ?? 0);
      const control = FRAMEWORKS[c.framework].controls.find((x) => x.id === c.controlId)!;
      return {
        framework: FRAMEWORKS[c.framework].short,
        controlId: c.controlId,
        title: control.title,
        checks: c.checkIds,
        failing,
        status: failing === 0 ? "passing" : "failing",
      };
    }),
    activeIdentities: active?.n ?? 0,
    findings: findings.map((f) => ({
      identity: f.identity,
      identityId: f.identityId,
      owner: f.owner ?? "",
      check: checkOf(f.checkId).title,
      severity: f.severity,
      status: f.status,
      firstSeenAt: iso(f.firstSeenAt),
      evidence: JSON.stringify(f.evidence ?? {}),
    })),
    reviews: reviews.map((r) => ({
      campaign: r.campaign,
      run: r.run,
      identity: r.identity,
      decision: r.decidedAt && r.decidedAt <= asOf ? (r.decision ?? "") : "",
      reviewer: r.decidedAt && r.decidedAt <= asOf ? (r.reviewer ?? "") : "",
      decidedAt: r.decidedAt && r.decidedAt <= asOf ? iso(r.decidedAt) : "",
      reason: r.decidedAt && r.decidedAt <= asOf ? (r.reason ?? "") : "",
      outcome: r.outcome ?? "",
      remediation: r.remediation ?? "",
    })),
    breakglass: breakglass.map((b) => ({
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
    })),
    audit: { ...chain, headSeq: head?.seq.toString() ?? "0", headHash: head?.hash ?? "" },
  };
}

async function liveFailing(db: Db): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ openChecks: bigint }[]>`
    SELECT p."openChecks" FROM "IdentityPosture" p JOIN "Identity" i ON i.id = p."identityId" AND i.status = 'active' WHERE p."openChecks" <> 0`;
  const counts = new Map<string, number>();
  for (const c of CONTROL_MASKS)
    counts.set(`${c.framework}:${c.controlId}`, rows.filter((r) => (BigInt(r.openChecks) & c.mask) !== 0n).length);
  return counts;
}
