import Link from "next/link";
import type { IdentityReviewHistory } from "@/lib/domain/reviews/history/identity-review-history";
import { DECISION_LABELS } from "@/lib/domain/reviews/vocabulary";
import { Table, Td } from "../ui/table";

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

/**
 * An identity's access reviews across campaigns, newest first: who reviewed it, what they decided and why, and
 * what became of it. Campaign names link to the campaign for those who may read campaigns.
 */
export function ReviewHistorySection({ history, linkCampaigns }: { history: IdentityReviewHistory; linkCampaigns: boolean }) {
  if (history.total === 0) return <p className="text-sm text-slate-700">Not reviewed yet: no access-review campaign has included it.</p>;
  return (
    <>
      <Table
        framed={false}
        caption="Access reviews of this identity"
        columns={["Review", "Reviewer", "Decision", "Outcome", "Remediation"]}
        data-testid="review-history"
      >
        {history.reviews.map((r) => (
          <tr key={r.id}>
            <Td>
              {linkCampaigns ? (
                <Link
                  href={`/reviews/campaigns/${r.campaignId}?run=${r.runId}&q=${encodeURIComponent(r.name)}#items`}
                  className="underline underline-offset-2"
                >
                  {r.campaignName} #{r.runNumber}
                </Link>
              ) : (
                <span>
                  {r.campaignName} #{r.runNumber}
                </span>
              )}
              <div className="text-xs text-slate-600">
                launched {day(r.launchedAt)} · {r.runStatus}
              </div>
            </Td>
            <Td className="text-sm">
              {r.reviewer?.name ?? <span className="text-red-800">none</span>}
              <div className="text-xs text-slate-600">{r.reviewerRung.replace(/_/g, " ")}</div>
            </Td>
            <Td className="text-sm">
              {r.decision ? (
                <>
                  {DECISION_LABELS[r.decision as keyof typeof DECISION_LABELS] ?? r.decision}
                  {r.keepUntil && ` until ${day(r.keepUntil)}`}
                  {r.rotateBy && ` by ${day(r.rotateBy)}`}
                  {(r.scopes.revoke ?? 0) > 0 && `, ${r.scopes.revoke} scope${r.scopes.revoke === 1 ? "" : "s"} revoked`}
                  {(r.scopes.reduce ?? 0) > 0 && `, ${r.scopes.reduce} reduced`}
                  <div className="text-xs text-slate-600">
                    {r.decidedBy?.name ?? "?"}, {day(r.decidedAt)}
                  </div>
                  {r.decisionReason && <div className="max-w-sm text-xs italic text-slate-700">“{r.decisionReason}”</div>}
                </>
              ) : (
                <span className="text-slate-700">{r.runStatus === "closed" ? "No answer" : "Not decided yet"}</span>
              )}
            </Td>
            <Td className="text-sm">{r.outcome ? r.outcome.replace(/_/g, " ") : <span className="text-slate-600">not applied</span>}</Td>
            <Td className="text-sm">{r.remediationStatus.replace("_", " ")}</Td>
          </tr>
        ))}
      </Table>
      {history.total > history.reviews.length && (
        <p className="mt-2 text-xs text-slate-600">
          The {history.reviews.length} most recent of {history.total} reviews.
        </p>
      )}
    </>
  );
}
