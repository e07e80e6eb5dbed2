import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AfterActionForm } from "@/components/breakglass/after-action-form";
import { Countdown } from "@/components/breakglass/countdown";
import { DecisionForms } from "@/components/breakglass/decision-forms";
import { EmergencyBadge, RequestStatusBadge, ScopeList, displayStatus } from "@/components/breakglass/request-badges";
import { RequestContextView } from "@/components/breakglass/request-context";
import { RequestTimeline } from "@/components/breakglass/request-timeline";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { getRequest, type RequestDetail } from "@/lib/domain/breakglass/get-request";

export const metadata = { title: "Break-glass request" };

const when = (iso: string | null) => (iso ? `${iso.replace("T", " ").slice(0, 19)} UTC` : "—");

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid={testId}>
      <h2 className="mb-3 text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** The request itself: what, why, for how long, under which policy, and who approved. */
function RequestFacts({ detail }: { detail: RequestDetail }) {
  const { request, policy, requester, people } = detail;
  const facts: [string, ReactNode][] = [
    ["Elevated scopes", <ScopeList key="s" scopes={request.scopes} />],
    ["Reason", request.reason],
    ["Ticket", request.ticket ?? "—"],
    [
      "Requested by",
      <>
        {requester?.name ?? "(removed)"}{" "}
        {request.requesterTokenId && <span className="text-slate-600">through an API token (its sponsor)</span>}
      </>,
    ],
    ["Requested", when(request.requestedAt)],
    ["Duration", `${request.durationMinutes} minutes`],
    ["Asked to start", when(request.startAt)],
    [
      "Active",
      request.activeFrom ? `${when(request.activeFrom)} → ${when(request.expiresAt)}` : request.status === "pending" ? "not yet" : "never",
    ],
    [
      "Policy applied",
      `${policy.level} in ${policy.environment.replace("_", "-")}: at most ${policy.maxDurationMinutes} min, ${policy.approvalsRequired} approval${policy.approvalsRequired > 1 ? "s" : ""} by other people${policy.approverTeam ? ` of team ${policy.approverTeam}` : ""}${policy.afterActionRequired ? ", after-action review required" : ""}`,
    ],
    [
      "Approvals",
      request.approvals.length === 0 ? (
        request.emergency ? (
          "none: the emergency path activated it at once; it is reviewed afterwards"
        ) : (
          `none yet (${request.approvalsRequired} needed)`
        )
      ) : (
        <ul key="a">
          {request.approvals.map((a) => (
            <li key={a.approverId}>
              {a.decision === "approve" ? "Approved" : "Denied"} by {people[a.approverId]?.name ?? "(removed)"} at {when(a.at)}
              {a.shortenTo ? `, shortened to ${a.shortenTo} min` : ""}
            </li>
          ))}
        </ul>
      ),
    ],
  ];
  if (request.closedAt) facts.push(["Closed", `${when(request.closedAt)}${request.closedReason ? ` · “${request.closedReason}”` : ""}`]);
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2" data-testid="request-facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs uppercase text-slate-600">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function AfterActionView({ detail }: { detail: RequestDetail }) {
  const review = detail.afterAction!;
  if (!review.filedAt)
    return (
      <div className="flex flex-col gap-3">
        <Alert tone={review.overdue ? "error" : "info"}>
          {review.overdue ? "Overdue: an approver" : "An approver"} who is not the requester must file it by {when(review.dueAt)}. No new
          break-glass on this identity until it is filed{review.escalatedAt ? "; approvers and admins were reminded" : ""}.
        </Alert>
        {detail.may.fileAfterAction && <AfterActionForm requestId={detail.request.id} />}
      </div>
    );
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="after-action-filed">
      <div>
        <dt className="text-xs uppercase text-slate-600">Verdict</dt>
        <dd className="font-medium">{(review.verdict ?? "").replace("_", " ")}</dd>
      </div>
      <div>
        <dt className="text-xs uppercase text-slate-600">Filed</dt>
        <dd>
          {when(review.filedAt)} by {review.reviewer?.name ?? "(removed)"}
        </dd>
      </div>
      <div className="sm:col-span-2">
        <dt className="text-xs uppercase text-slate-600">What was done</dt>
        <dd className="whitespace-pre-wrap">{review.whatWasDone}</dd>
      </div>
      <div className="sm:col-span-2">
        <dt className="text-xs uppercase text-slate-600">Credential rotation</dt>
        <dd>
          {!review.rotationRequired
            ? "Not demanded"
            : review.rotationRecordedAt
              ? `Demanded; recorded ${when(review.rotationRecordedAt)}`
              : "Demanded and not recorded yet: no new break-glass on this identity until it is."}
        </dd>
      </div>
    </dl>
  );
}

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const result = await runAsActor(getRequest, { id });
  if (!result.ok) return result.code === "FORBIDDEN" ? <PageProblem kind="forbidden" message={result.message} /> : notFound();
  const detail = result.data;
  const { request } = detail;
  const now = detail.asOf;
  const status = displayStatus(request);
  const mayAct = Object.entries(detail.may).some(([k, v]) => k !== "fileAfterAction" && v);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/break-glass" className="underline underline-offset-2">
          Break-glass
        </Link>{" "}
        / request
      </p>
      <PageHeader
        title={`Elevation of ${request.identity.name}`}
        description={request.reason}
        actions={
          <>
            {request.emergency && <EmergencyBadge />}
            <RequestStatusBadge request={request} />
          </>
        }
      />
      {status === "active" && request.expiresAt && (
        <div className="mb-4 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-red-950" data-testid="active-banner">
          Active now: ends in <Countdown until={request.expiresAt} serverNow={now} /> (at {when(request.expiresAt)}).
        </div>
      )}
      {status === "pending" && (
        <div className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950">
          Waiting for {request.approvalsRequired - request.approvals.filter((a) => a.decision === "approve").length} more approval(s);
          expires unapproved in <Countdown until={request.pendingUntil} serverNow={now} ended="no time" />.
        </div>
      )}
      <div className="grid gap-4 xl:grid-cols-3">
        <div className="flex flex-col gap-4 xl:col-span-2">
          <Section title="Request">
            <RequestFacts detail={detail} />
          </Section>
          {(mayAct || detail.cannotDecide) && (
            <Section title={detail.may.approve || detail.may.revoke ? "Decide" : "Your actions"} testId="decide">
              {detail.cannotDecide && <p className="mb-3 text-sm text-slate-700">{detail.cannotDecide}</p>}
              <DecisionForms id={request.id} durationMinutes={request.durationMinutes} may={detail.may} />
              {detail.may.drop && (
                <p className="mt-3 text-sm">
                  Need longer?{" "}
                  <Link
                    href={`/break-glass/new?identityId=${request.identity.id}&extends=${request.id}`}
                    className="font-medium underline underline-offset-2"
                  >
                    Request an extension
                  </Link>{" "}
                  (a new request linked to this one, approved again).
                </p>
              )}
            </Section>
          )}
          {detail.afterAction && (
            <Section title="After-action review" testId="after-action">
              <AfterActionView detail={detail} />
            </Section>
          )}
          <Section title="The identity">
            <RequestContextView context={detail.context} />
          </Section>
        </div>
        <Section title="Timeline">
          <RequestTimeline events={detail.timeline} />
        </Section>
      </div>
    </>
  );
}
