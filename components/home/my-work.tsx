import Link from "next/link";
import type { ReactNode } from "react";
import type { MyWorkDto } from "@/lib/domain/notifications/my-work";
import { SeverityBadge } from "../posture/severity-badge";
import { relativeTime } from "../ui/relative-time";

const count = (n: number) => n.toLocaleString("en-US");
const identities = (n: number) => `${count(n)} ${n === 1 ? "identity" : "identities"}`;

function Card({ id, title, action, children }: { id: string; title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={id}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-base font-semibold">
          {title}
        </h2>
        {action}
      </div>
      <div className="mt-3 text-sm">{children}</div>
    </section>
  );
}

/** The identities the person owns (or backs up) with problems, each count linking to exactly those in the registry. */
export function IdentityProblems({ data }: { data: NonNullable<MyWorkDto["identities"]> }) {
  const problems = data.problems.filter((p) => p.owned + p.backup > 0);
  const action = (
    <Link href="/registry" className="text-sm underline underline-offset-2">
      Open the registry
    </Link>
  );
  if (data.owned + data.backup === 0)
    return (
      <Card id="my-identities" title="Identities you own" action={action}>
        <p className="text-slate-700">
          You own no active identity yet. An admin assigns owners, or you can claim an identity without an owner from its page in the
          registry.
        </p>
      </Card>
    );
  return (
    <Card id="my-identities" title="Identities you own" action={action}>
      <p className="text-slate-700">
        You own {identities(data.owned)}
        {data.backup > 0 && <> and are the backup owner of {identities(data.backup)}</>}.{" "}
        {problems.length === 0 ? "None of them has a problem the registry warns about." : "These need you:"}
      </p>
      {problems.length > 0 && (
        <ul className="mt-3 flex flex-col gap-2">
          {problems.map((p) => (
            <li key={p.key}>
              <span className="font-medium">{p.label.charAt(0).toUpperCase() + p.label.slice(1)}:</span>{" "}
              {p.owned > 0 && (
                <Link href={p.href} className="underline underline-offset-2">
                  {identities(p.owned)}
                </Link>
              )}
              {p.owned > 0 && p.backup > 0 && " and "}
              {p.backup > 0 && <span className="text-slate-700">{identities(p.backup)} you back up</span>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

const findings = (n: number) => `${count(n)} open finding${n === 1 ? "" : "s"}`;

/**
 * Open posture findings on the person's identities: per severity on those they own and, apart, on those they back
 * up; the newest five (identity and check, to the identity's findings) and the whole list filtered to their own.
 */
export function PostureFindings({
  data,
  ownsIdentities,
  now,
}: {
  data: NonNullable<MyWorkDto["findings"]>;
  /** Whether the person owns or backs up an active identity (someone who does not is pointed at the whole list). */
  ownsIdentities: boolean;
  now: string;
}) {
  const perSeverity = (key: "owned" | "backup") => data.bySeverity.filter((s) => s[key] > 0);
  return (
    <Card
      id="my-findings"
      title="Posture findings on your identities"
      action={
        <Link
          href={ownsIdentities ? "/dashboard/findings?owner=me" : "/dashboard/findings"}
          className="text-sm underline underline-offset-2"
        >
          See all
        </Link>
      }
    >
      {data.owned + data.backup === 0 ? (
        <p className="text-slate-700">
          {ownsIdentities
            ? "No open finding: the identities you own and back up pass every posture check."
            : "You own no identity, so no finding waits for you. “See all” lists the open findings of the whole estate."}
        </p>
      ) : (
        <ul className="flex flex-col gap-1" data-testid="my-findings-counts" data-owned={data.owned} data-backup={data.backup}>
          <li>
            <span className="font-medium">On identities you own:</span> {data.owned === 0 ? "none open" : `${findings(data.owned)}: `}
            {perSeverity("owned").map((s, k) => (
              <span key={s.severity}>
                {k > 0 && ", "}
                <Link href={`/dashboard/findings?owner=me&severity=${s.severity}`} className="underline underline-offset-2">
                  {count(s.owned)} {s.severity}
                </Link>
              </span>
            ))}
          </li>
          {data.backup > 0 && (
            <li className="text-slate-700">
              <span className="font-medium">On identities you back up:</span> {findings(data.backup)}:{" "}
              {perSeverity("backup")
                .map((s) => `${count(s.backup)} ${s.severity}`)
                .join(", ")}
            </li>
          )}
        </ul>
      )}
      {data.latest.length > 0 && (
        <>
          <h3 className="mt-3 text-xs font-semibold uppercase text-slate-600">Newest on identities you own</h3>
          <ul className="mt-1 flex flex-col gap-2" data-testid="my-findings-latest">
            {data.latest.map((f) => (
              <li key={f.findingId} className="flex flex-wrap items-baseline gap-x-2">
                <SeverityBadge severity={f.severity} />
                <Link href={`/registry/${f.identityId}#posture`} className="font-medium underline underline-offset-2">
                  {f.identityName}: {f.title}
                </Link>
                <span className="text-xs text-slate-600">found {relativeTime(f.firstSeenAt, new Date(now))}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

/** The person's unread inbox entries, the newest few with their links. */
export function UnreadEntries({ inbox, now }: { inbox: MyWorkDto["inbox"]; now: string }) {
  return (
    <Card
      id="my-inbox"
      title={inbox.unread > 0 ? `Unread in your inbox (${inbox.unread >= 1000 ? "1,000+" : count(inbox.unread)})` : "Your inbox"}
      action={
        <Link href={inbox.unread > 0 ? "/inbox?unread=1" : "/inbox"} className="text-sm underline underline-offset-2">
          Open the inbox
        </Link>
      }
    >
      {inbox.latest.length === 0 ? (
        <p className="text-slate-700">Nothing unread.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {inbox.latest.map((e) => (
            <li key={e.id}>
              <Link href={e.link} className="font-medium underline underline-offset-2">
                {e.title}
              </Link>
              <span className="ml-2 text-xs text-slate-600">{relativeTime(e.createdAt, new Date(now))}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/**
 * What waits for the person's decision: open review runs with items assigned to them (soonest due first), each
 * linking to their inbox filtered to that run; break-glass requests waiting for their approval, after-action
 * reviews they may file, and their own elevations live now.
 */
export function WaitingForYou({
  reviews,
  breakglass,
  now,
}: {
  reviews: MyWorkDto["reviews"];
  breakglass: MyWorkDto["breakglass"];
  now: string;
}) {
  const waiting = (reviews ?? []).filter((r) => r.undecided > 0);
  const breakglassLines = [
    breakglass.toApprove
      ? {
          href: "/break-glass?view=queue",
          text: `${count(breakglass.toApprove)} break-glass request${breakglass.toApprove === 1 ? "" : "s"} waiting for your approval`,
        }
      : null,
    breakglass.afterActionsToFile
      ? {
          href: "/break-glass?view=all&afterAction=open",
          text: `${count(breakglass.afterActionsToFile)} after-action review${breakglass.afterActionsToFile === 1 ? "" : "s"} to file`,
        }
      : null,
    breakglass.myActive
      ? { href: "/break-glass?view=mine&status=approved", text: `${count(breakglass.myActive)} of your elevations active now` }
      : null,
    breakglass.myWaiting
      ? {
          href: "/break-glass?view=mine&status=pending",
          text: `${count(breakglass.myWaiting)} of your break-glass requests waiting for approval`,
        }
      : null,
  ].filter((l): l is { href: string; text: string } => l !== null);
  return (
    <Card
      id="my-decisions"
      title="Reviews and requests"
      action={
        reviews !== null && (
          <Link href="/reviews" className="text-sm underline underline-offset-2">
            Open my reviews
          </Link>
        )
      }
    >
      {breakglassLines.length > 0 && (
        <ul className="mb-3 flex flex-col gap-1" data-testid="breakglass-waiting">
          {breakglassLines.map((l) => (
            <li key={l.href}>
              <Link href={l.href} className="font-medium underline underline-offset-2">
                {l.text}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {waiting.length === 0 ? (
        <p className="text-slate-700">
          {reviews === null
            ? "Nothing waits for your decision: you do not review identities."
            : "Nothing waiting for you: no identities to review."}
        </p>
      ) : (
        <ul className="flex flex-col gap-2">
          {waiting.map((r) => (
            <li key={r.runId}>
              <Link href={`/reviews?run=${r.runId}&status=undecided`} className="font-medium underline underline-offset-2">
                {r.name}
              </Link>
              : {identities(r.undecided)} of {count(r.total)} to decide,{" "}
              <span className={r.overdue ? "font-semibold text-red-700" : "text-slate-700"}>
                {r.overdue ? "overdue since" : "due"} {r.dueAt.slice(0, 10)}
              </span>
              <span className="ml-2 text-xs text-slate-600">({relativeTime(r.dueAt, new Date(now))})</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
