import { z } from "zod";
import { enforce } from "../authz/enforce";
import { can } from "../authz/policy";
import type { UseCase } from "../shared/use-case";
import { validate } from "../shared/validate";
import { checkOf } from "./checks";
import { FRAMEWORK_IDS, FRAMEWORKS } from "./frameworks";

export type IdentityFindingDto = {
  id: string;
  checkId: string;
  title: string;
  rationale: string;
  severity: string;
  /** As of now: an accepted or postponed finding whose date passed reads as open. */
  status: string;
  evidence: unknown;
  firstSeenAt: string;
  resolvedAt: string | null;
  reopenedCount: number;
  until: string | null;
  decisionReason: string | null;
  /** "OWASP NHI: NHI7 · SP 800-53: IA-5 …" per framework. */
  controls: { framework: string; ids: string[] }[];
};

export type IdentityFindings = { asOf: string; findings: IdentityFindingDto[]; mayDecide: boolean };

/** An identity's posture findings, open first, with the controls each evidences; whether the reader may accept them. */
export const identityFindings: UseCase<{ identityId: string }, IdentityFindings> = async ({ actor, db, clock, input: raw }) => {
  await enforce(db, clock, actor, "posture.read");
  const { identityId } = await validate(z.object({ identityId: z.uuid("identityId must be an identity id") }), raw);
  const now = clock.now();
  const [identity, rows] = await Promise.all([
    db.identity.findUnique({ where: { id: identityId }, select: { id: true, ownerId: true, backupOwnerId: true } }),
    db.finding.findMany({ where: { identityId }, orderBy: [{ status: "asc" }, { checkId: "asc" }] }),
  ]);
  const effective = (r: (typeof rows)[number]) =>
    (r.status === "accepted" || r.status === "postponed") && r.until && r.until.getTime() <= now.getTime() ? "open" : r.status;
  const rank = { open: 0, postponed: 1, accepted: 2, resolved: 3 } as Record<string, number>;
  const findings = rows
    .map((r) => {
      const check = checkOf(r.checkId);
      return {
        id: r.id,
        checkId: r.checkId,
        title: check.title,
        rationale: check.rationale,
        severity: r.severity,
        status: effective(r),
        evidence: r.evidence,
        firstSeenAt: r.firstSeenAt.toISOString(),
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
        reopenedCount: r.reopenedCount,
        until: r.until?.toISOString() ?? null,
        decisionReason: r.decisionReason,
        controls: FRAMEWORK_IDS.filter((f) => check.controls[f]?.length).map((f) => ({
          framework: FRAMEWORKS[f].short,
          ids: check.controls[f]!,
        })),
      };
    })
    .sort((a, b) => (rank[a.status] ?? 9) - (rank[b.status] ?? 9));
  return {
    asOf: now.toISOString(),
    findings,
    mayDecide:
      !!identity &&
      can(actor, "posture.accept", { type: "identity", id: identity.id, ownerId: identity.ownerId, backupOwnerId: identity.backupOwnerId }),
  };
};
