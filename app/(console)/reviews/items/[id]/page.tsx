import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { DecisionForm } from "@/components/reviews/decision-form";
import { DecisionBadge } from "@/components/reviews/item-badges";
import {
  ItemEvidence,
  ItemPreviousReviews,
  ItemRecommendation,
  ItemRisks,
  ItemSection,
  PersonName,
} from "@/components/reviews/item-evidence";
import { ItemReassignForm } from "@/components/reviews/item-reassign-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { relativeTime, shortDate } from "@/components/ui/relative-time";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { listPeople } from "@/lib/domain/registry/list-people";
import { CREDENTIAL_TYPE_LABELS, type CredentialType, KIND_LABELS, type Kind } from "@/lib/domain/registry/vocabulary";
import { getReviewItem } from "@/lib/domain/reviews/items/get-review-item";
import { DECISION_LABELS, DECISIONS } from "@/lib/domain/reviews/vocabulary";

// One read per request, shared by the title and the page.
const loadItem = cache((id: string) => runAsActor(getReviewItem, { id }));

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const result = await loadItem((await params).id);
  return { title: result.ok ? `${result.data.identity.name} · Review` : "Review item" };
}

const RUNGS: Record<string, string> = {
  owner: "as its owner",
  backup_owner: "as its backup owner",
  fallback: "as the fallback reviewer",
  campaign_owner: "as the campaign owner",
  reassigned: "reassigned",
  escalated: "escalated",
  second_stage: "second-stage reviewer",
};

export default async function ReviewItemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await loadItem(id);
  if (!result.ok) {
    if (result.code === "NOT_FOUND" || result.code === "VALIDATION") notFound();
    return <PageProblem kind="forbidden" message={result.message} back={{ href: "/reviews", label: "Back to my reviews" }} />;
  }
  const item = result.data;
  const now = new Date();
  const people = item.may.decide || item.may.reassign ? await runAsActor(listPeople, {}) : null;
  const everyone = people?.ok ? people.data : [];
  const overdue = new Date(item.run.dueAt).getTime() < now.getTime();
  const decided = item.decision.decision;
  return (
    <>
      <PageHeader
        title={item.identity.name}
        description={`${item.run.campaignName} #${item.run.number}${item.stage === 2 ? " · second stage" : ""} · ${overdue ? "overdue since" : "due"} ${shortDate(item.run.dueAt)} (${relativeTime(item.run.dueAt, now)}) · decisions can change until ${shortDate(item.run.endsAt)}`}
        actions={
          <Link href="/reviews" className={buttonClass()}>
            ← My reviews
          </Link>
        }
      />
      <div className="space-y-4">
        <ItemRecommendation item={item} />
        {item.may.why && <Alert tone="info">{item.may.why}</Alert>}
        <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
          <ItemEvidence
            item={item}
            now={now}
            kindLabel={KIND_LABELS[item.identity.kind as Kind] ?? item.identity.kind}
            credentialLabel={
              item.identity.credentialType
                ? (CREDENTIAL_TYPE_LABELS[item.identity.credentialType as CredentialType] ?? item.identity.credentialType)
                : null
            }
          />
          <div className="space-y-4">
            <ItemRisks item={item} />
            <ItemSection id="status" title="Decision so far">
              <p className="text-sm">
                <DecisionBadge decided={!!decided} label={decided ? DECISION_LABELS[decided] : ""} />
                {item.decision.decidedBy && (
                  <span className="ml-2 text-slate-700">
                    by {item.decision.decidedBy.name}, {shortDate(item.decision.decidedAt)}
                  </span>
                )}
              </p>
              {item.decision.decisionReason && <p className="mt-2 text-sm text-slate-800">“{item.decision.decisionReason}”</p>}
              <p className="mt-3 text-sm text-slate-700">
                Reviewer: <PersonName person={item.reviewer} /> {RUNGS[item.reviewerRung] ? `(${RUNGS[item.reviewerRung]})` : ""}
              </p>
              {item.extraReviewers.length > 0 && (
                <p className="mt-1 text-sm text-slate-700">Also asked: {item.extraReviewers.map((p) => p.name).join(", ")}</p>
              )}
              {item.firstStage && (
                <p className="mt-1 text-sm text-slate-700">
                  First stage:{" "}
                  {item.firstStage.decision
                    ? (DECISION_LABELS[item.firstStage.decision as keyof typeof DECISION_LABELS] ?? item.firstStage.decision)
                    : "no decision"}
                  {item.firstStage.decidedBy && ` by ${item.firstStage.decidedBy.name}`}
                </p>
              )}
              {item.run.applyMode === "as_decided" && (
                <p className="mt-1 text-sm text-slate-700">This campaign applies each decision to the registry as soon as it is saved.</p>
              )}
            </ItemSection>
          </div>
        </div>
        <ItemSection id="decide" title={item.may.decide ? "Your decision" : "Scopes"}>
          <DecisionForm
            itemId={item.id}
            scopes={item.scopes}
            current={{
              decision: item.decision.decision,
              decisionReason: item.decision.decisionReason,
              keepUntil: item.decision.keepUntil,
              rotateBy: item.decision.rotateBy,
              transferToId: item.decision.transferTo?.id ?? null,
            }}
            decisions={DECISIONS.map((d) => [d, DECISION_LABELS[d]])}
            people={everyone.filter((p) => p.id !== item.identity.owner?.id)}
            keepNeedsReason={item.keepNeedsReason}
            expiresAt={item.identity.neverExpires ? null : item.identity.credentialExpiresAt}
            disabled={!item.may.decide}
          />
        </ItemSection>
        {item.may.reassign && (
          <ItemSection id="reassign" title="Not yours to judge? Reassign it">
            <ItemReassignForm
              itemId={item.id}
              people={everyone.filter((p) => p.id !== item.reviewer?.id)}
              dueDate={shortDate(item.run.dueAt)}
            />
          </ItemSection>
        )}
        <ItemPreviousReviews item={item} decisionLabels={DECISION_LABELS} />
      </div>
    </>
  );
}
