import Link from "next/link";
import { FINDING_FILTER_FIELDS, FindingFilters, type FindingFilterValues } from "@/components/posture/finding-filters";
import { SeverityBadge } from "@/components/posture/severity-badge";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { Pager } from "@/components/ui/pager";
import { relativeTime, shortDate } from "@/components/ui/relative-time";
import { EmptyState, Table, Td } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { actingPerson } from "@/lib/domain/authz/actor";
import { FINDING_STATUS_LABELS, type FindingsPage, listFindings } from "@/lib/domain/posture/list-findings";
import { listPeople } from "@/lib/domain/registry/list-people";

export const metadata = { title: "Findings" };

const STATUS_TONES: Record<string, string> = {
  open: "text-red-800",
  accepted: "text-amber-900",
  postponed: "text-sky-900",
  resolved: "text-emerald-800",
};

/** Only the list's own parameters, each once (a repeated one keeps its first value). */
function filtersOf(params: Record<string, string | string[] | undefined>): FindingFilterValues {
  const out: FindingFilterValues = {};
  for (const key of [...FINDING_FILTER_FIELDS, "page"] as const) {
    const v = params[key];
    const value = Array.isArray(v) ? v[0] : v;
    if (value) out[key] = value;
  }
  return out;
}

/** What an empty list means, and what to do about it. */
function emptyMessage(values: FindingFilterValues, mine: boolean): React.ReactNode {
  const status = values.status || "open";
  const narrowed = FINDING_FILTER_FIELDS.some((k) => k !== "owner" && k !== "status" && values[k]);
  if (mine && status === "open" && !narrowed)
    return (
      <>
        No identity you own has an open finding. Findings appear here within seconds of a change that fails a posture check (an expired
        credential, write access in production, an owner who left…). See{" "}
        <Link href="/dashboard/findings" className="underline underline-offset-2">
          every open finding
        </Link>{" "}
        or{" "}
        <Link href="/dashboard/findings?owner=me&status=all" className="underline underline-offset-2">
          your identities&apos; resolved and accepted findings
        </Link>
        .
      </>
    );
  if (narrowed || values.owner || status !== "open")
    return (
      <>
        No finding matches these filters. Widen them (choose “Any status”, or clear a field), or{" "}
        <Link href="/dashboard/findings" className="underline underline-offset-2">
          show every open finding
        </Link>
        .
      </>
    );
  return (
    <>
      No open finding: every active identity passes every posture check. The checks run within seconds of every change and in full every
      hour; see the{" "}
      <Link href="/dashboard" className="underline underline-offset-2">
        posture dashboard
      </Link>{" "}
      for the frameworks they evidence.
    </>
  );
}

function Summary({ data, values }: { data: FindingsPage; values: FindingFilterValues }) {
  const status = values.status || "open";
  const label = status === "all" ? "" : `${FINDING_STATUS_LABELS[status as keyof typeof FINDING_STATUS_LABELS]?.toLowerCase() ?? status} `;
  const { page: _page, ...filters } = values;
  const severities = Object.entries(data.bySeverity);
  return (
    <p className="mb-2 text-sm text-slate-700" data-testid="findings-summary" data-total={data.total}>
      {data.total.toLocaleString("en-US")} {label}finding{data.total === 1 ? "" : "s"}
      {severities.length > 1 &&
        severities.map(([severity, n], k) => (
          <span key={severity}>
            {k === 0 ? ": " : ", "}
            <Link href={`?${new URLSearchParams({ ...filters, severity })}`} className="underline underline-offset-2">
              {n.toLocaleString("en-US")} {severity}
            </Link>
          </span>
        ))}
      . Most severe first, then the newest.
    </p>
  );
}

export default async function FindingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const values = filtersOf(await searchParams);
  const actor = await requireActor();
  const person = actingPerson(actor);
  const [result, people] = await Promise.all([runAsActor(listFindings, values), runAsActor(listPeople, {})]);
  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
  const { page: _page, ...filters } = values;
  const mine = !!person && result.ok && result.data.ownerId === person.userId;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/dashboard" className="underline underline-offset-2">
          Posture
        </Link>{" "}
        / Findings
      </p>
      <PageHeader
        title="Findings"
        description="Each failed posture check of an active identity. Open the identity to see what the check saw, fix it, or (as its owner) accept the risk or postpone it until a date; an accepted or postponed finding reads open again once that date has passed."
      />
      <FindingFilters
        values={values}
        people={people.ok ? people.data : []}
        me={person ? { id: person.userId, name: person.name } : null}
        options={result.ok ? result.data.options : { team: [], platform: [] }}
        errors={result.ok ? undefined : result.fieldErrors}
      />
      {!result.ok ? (
        <Alert tone="error">
          {result.message}{" "}
          <Link href="/dashboard/findings" className="underline underline-offset-2">
            Show every open finding
          </Link>
        </Alert>
      ) : result.data.items.length === 0 ? (
        <EmptyState>{emptyMessage(values, mine)}</EmptyState>
      ) : (
        <>
          <Summary data={result.data} values={values} />
          <Table caption="Findings" columns={["Identity", "Owner", "Check", "Severity", "Status", "Found"]} data-testid="findings-table">
            {result.data.items.map((r) => (
              <tr key={r.findingId} data-check={r.checkId} data-status={r.status}>
                <Td>
                  <Link href={`/registry/${r.identityId}#posture`} className="font-medium underline underline-offset-2">
                    {r.identityName}
                  </Link>
                  <span className="block text-xs text-slate-600">{r.environment}</span>
                </Td>
                <Td>{r.ownerName ?? <span className="font-medium text-red-800">No owner</span>}</Td>
                <Td>{r.checkTitle}</Td>
                <Td>
                  <SeverityBadge severity={r.severity} />
                </Td>
                <Td className="whitespace-nowrap">
                  <span className={`font-medium ${STATUS_TONES[r.status] ?? ""}`}>{r.status}</span>
                  {r.until && r.status !== "resolved" && (
                    <span className="block text-xs text-slate-600">
                      until {shortDate(r.until)}
                      {r.status === "open" && " (ended)"}
                    </span>
                  )}
                </Td>
                <Td className="whitespace-nowrap">
                  <time dateTime={r.firstSeenAt} title={r.firstSeenAt}>
                    {shortDate(r.firstSeenAt)}
                  </time>
                  <span className="block text-xs text-slate-600">{relativeTime(r.firstSeenAt, new Date(result.data.asOf))}</span>
                </Td>
              </tr>
            ))}
          </Table>
          <Pager page={result.data.page} pageSize={result.data.pageSize} total={result.data.total} params={filters} />
        </>
      )}
    </>
  );
}
