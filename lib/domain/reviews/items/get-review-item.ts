import { z } from "zod";
import { actingPerson } from "../../authz/actor";
import { describeTarget, enforce, refuse } from "../../authz/enforce";
import { can } from "../../authz/policy";
import { FLAGS, isFlag } from "../../registry/identity-flags";
import { DomainError } from "../../shared/errors";
import type { UseCaseArgs } from "../../shared/use-case";
import { validate } from "../../shared/validate";
import { runSettings } from "../run-settings";
import { type Decision, RISK_LABELS, type Risk, type ScopeDecision } from "../vocabulary";
import { reasonRequiredFor, stageEnded } from "./decision-rules";
import { itemTarget } from "./item-target";

export const getReviewItemSchema = z.object({ id: z.uuid("id must be a review item id") });

export type PersonRef = { id: string; name: string; email: string; active: boolean };

export type ItemScopeDto = {
  id: string;
  resource: string;
  action: string;
  level: string;
  /** Where it applies: its own environment, or the identity's when it names none. */
  environment: string;
  lastUsedAt: string | null;
  usage: string;
  risky: boolean;
  decision: ScopeDecision | null;
  reduceToLevel: string | null;
  reduceToEnvironment: string | null;
};

export type PreviousReviewDto = {
  itemId: string;
  campaignName: string;
  runNumber: number;
  runStatus: string;
  launchedAt: string;
  decision: string | null;
  decisionReason: string | null;
  decidedBy: PersonRef | null;
  decidedAt: string | null;
  outcome: string | null;
};

/** The evidence a machine reviewer needs, as it was at launch, with the decision so far and what they may do. */
export type ReviewItemDto = {
  id: string;
  run: {
    id: string;
    number: number;
    campaignId: string;
    campaignName: string;
    status: string;
    stage: number;
    dueAt: string;
    endsAt: string;
    applyMode: string;
  };
  identity: {
    id: string;
    name: string;
    kind: string;
    platform: string;
    externalId: string;
    environment: string;
    purpose: string;
    status: string;
    team: string | null;
    vendor: string | null;
    owner: PersonRef | null;
    backupOwner: PersonRef | null;
    credentialType: string | null;
    oldestCredentialAt: string | null;
    /** Days since the oldest active credential was issued, at launch. */
    credentialAgeDays: number | null;
    credentialRotatedAt: string | null;
    credentialExpiresAt: string | null;
    lastUsedAt: string | null;
    /** known, never (the source says so) or unknown (it does not report use). */
    usage: string;
    activeCredentials: number;
    neverExpires: boolean;
    humanUse: boolean;
  };
  findings: { flag: string; label: string; why: string }[];
  risks: { risk: string; label: string }[];
  recommendation: string;
  recommendationReason: string;
  scopes: ItemScopeDto[];
  stage: number;
  reviewer: PersonRef | null;
  reviewerRung: string;
  extraReviewers: PersonRef[];
  decision: {
    decision: Decision | null;
    decisionReason: string | null;
    decidedBy: PersonRef | null;
    decidedAt: string | null;
    keepUntil: string | null;
    rotateBy: string | null;
    transferTo: PersonRef | null;
  };
  firstStage: { decision: string | null; decidedBy: PersonRef | null } | null;
  outcome: string | null;
  remediationStatus: string;
  previous: PreviousReviewDto[];
  /** Why keeping everything as it is needs a reason ("to keep admin or write access in production"), or null. */
  keepNeedsReason: string | null;
  may: { decide: boolean; reassign: boolean; why: string | null };
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const PREVIOUS = 20;

/**
 * One item with its evidence. Its reviewers (the assigned one and those added) read it; admins and auditors
 * (review.list) read every item; anyone else is refused, and the refusal recorded.
 */
export async function getReviewItem({ actor, db, clock, input }: UseCaseArgs): Promise<ReviewItemDto> {
  const readsAll = can(actor, "review.list");
  if (!readsAll) await enforce(db, clock, actor, "review.inbox");
  const { id } = await validate(getReviewItemSchema, input);
  const item = await db.reviewItem.findUnique({
    where: { id },
    include: {
      scopes: { orderBy: [{ risky: "desc" }, { resource: "asc" }, { action: "asc" }, { id: "asc" }] },
      run: { include: { campaign: { select: { id: true, name: true } } } },
    },
  });
  if (!item) throw new DomainError("NOT_FOUND", "That review item does not exist.");
  const target = itemTarget(item, item.run);
  const me = actingPerson(actor)?.userId;
  if (!readsAll && !(me && target.reviewerIds.includes(me)))
    await refuse(db, clock, actor, "review.inbox", describeTarget(target), {
      allowed: false,
      reason: "only a reviewer this item is assigned to, an admin or an auditor may read it",
    });

  const previous = await db.reviewItem.findMany({
    where: { identityId: item.identityId, id: { not: item.id } },
    orderBy: [{ run: { launchedAt: "desc" } }, { id: "asc" }],
    take: PREVIOUS,
    select: {
      id: true,
      decision: true,
      decisionReason: true,
      decidedById: true,
      decidedAt: true,
      outcome: true,
      run: { select: { number: true, status: true, launchedAt: true, campaign: { select: { name: true } } } },
    },
  });
  const ids = [
    item.ownerId,
    item.backupOwnerId,
    item.reviewerId,
    ...item.extraReviewerIds,
    item.decidedById,
    item.transferToId,
    item.firstStageDecidedById,
    ...previous.map((p) => p.decidedById),
  ].filter((v): v is string => !!v);
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, name: true, email: true, status: true },
  });
  const byId = new Map(users.map((u) => [u.id, { id: u.id, name: u.name, email: u.email, active: u.status === "active" }]));
  const person = (userId: string | null) => (userId ? (byId.get(userId) ?? null) : null);

  const now = clock.now();
  const settings = runSettings(item.run);
  const decide = can(actor, "review.decide", target);
  const ended = stageEnded(item.run, now);
  const applied = !!item.appliedAt && !item.rolledBackAt;
  const why = !target.open
    ? "This review is closed: its decisions can no longer change."
    : ended
      ? "This review's stage has ended: decisions can no longer be made or changed."
      : applied
        ? "This decision was applied to the registry; an admin must roll it back before it can change."
        : !decide && me && target.firstStageDecidedById === me
          ? "You decided this item in the first stage; a second-stage reviewer decides it now."
          : !decide
            ? "Only a reviewer this item is assigned to may decide it."
            : null;
  return {
    id: item.id,
    run: {
      id: item.run.id,
      number: item.run.number,
      campaignId: item.run.campaign.id,
      campaignName: item.run.campaign.name,
      status: item.run.status,
      stage: item.run.stage,
      dueAt: item.run.dueAt.toISOString(),
      endsAt: item.run.endsAt.toISOString(),
      applyMode: settings.applyMode ?? "on_close",
    },
    identity: {
      id: item.identityId,
      name: item.name,
      kind: item.kind,
      platform: item.platform,
      externalId: item.externalId,
      environment: item.environment,
      purpose: item.purpose,
      status: item.status,
      team: item.team,
      vendor: item.vendor,
      owner: person(item.ownerId),
      backupOwner: person(item.backupOwnerId),
      credentialType: item.credentialType,
      oldestCredentialAt: iso(item.oldestCredentialAt),
      credentialAgeDays: item.oldestCredentialAt
        ? Math.max(0, Math.floor((item.run.launchedAt.getTime() - item.oldestCredentialAt.getTime()) / 86_400_000))
        : null,
      credentialRotatedAt: iso(item.credentialRotatedAt),
      credentialExpiresAt: iso(item.credentialExpiresAt),
      lastUsedAt: iso(item.lastUsedAt),
      usage: item.usage,
      activeCredentials: item.activeCredentials,
      neverExpires: item.neverExpires,
      humanUse: item.humanUse,
    },
    findings: item.flags.map((flag) =>
      isFlag(flag) ? { flag, label: FLAGS[flag].label, why: FLAGS[flag].why } : { flag, label: flag, why: "" },
    ),
    risks: item.risks.map((risk) => ({ risk, label: RISK_LABELS[risk as Risk] ?? risk })),
    recommendation: item.recommendation,
    recommendationReason: item.recommendationReason,
    scopes: item.scopes.map((s) => ({
      id: s.id,
      resource: s.resource,
      action: s.action,
      level: s.level,
      environment: s.environment ?? item.environment,
      lastUsedAt: iso(s.lastUsedAt),
      usage: s.usage,
      risky: s.risky,
      decision: s.decision as ScopeDecision | null,
      reduceToLevel: s.reduceToLevel,
      reduceToEnvironment: s.reduceToEnvironment,
    })),
    stage: item.stage,
    reviewer: person(item.reviewerId),
    reviewerRung: item.reviewerRung,
    extraReviewers: item.extraReviewerIds.map(person).filter((p): p is PersonRef => !!p),
    decision: {
      decision: item.decision as Decision | null,
      decisionReason: item.decisionReason,
      decidedBy: person(item.decidedById),
      decidedAt: iso(item.decidedAt),
      keepUntil: iso(item.keepUntil),
      rotateBy: iso(item.rotateBy),
      transferTo: person(item.transferToId),
    },
    firstStage: item.stage === 2 ? { decision: item.firstStageDecision, decidedBy: person(item.firstStageDecidedById) } : null,
    outcome: item.outcome,
    remediationStatus: item.remediationStatus,
    previous: previous.map((p) => ({
      itemId: p.id,
      campaignName: p.run.campaign.name,
      runNumber: p.run.number,
      runStatus: p.run.status,
      launchedAt: p.run.launchedAt.toISOString(),
      decision: p.decision,
      decisionReason: p.decisionReason,
      decidedBy: person(p.decidedById),
      decidedAt: iso(p.decidedAt),
      outcome: p.outcome,
    })),
    keepNeedsReason: reasonRequiredFor(
      "certify",
      item,
      item.scopes.map((s) => ({ ...s, decision: null })),
    ),
    may: {
      decide: decide && !ended && !applied,
      reassign: can(actor, "review.reassign", target) && !ended,
      why,
    },
  };
}
