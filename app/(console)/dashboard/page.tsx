import Link from "next/link";
import { ControlsTable } from "@/components/posture/controls-table";
import { DashboardFilters, type DashboardFilterValues } from "@/components/posture/dashboard-filters";
import { EvidencePackAsOf } from "@/components/posture/evidence-pack-as-of";
import { Sparkline } from "@/components/posture/sparkline";
import { BreakdownBars, ProgressBar } from "@/components/reviews/progress-bars";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { Table, Td } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { can } from "@/lib/domain/authz/policy";
import { checkOf } from "@/lib/domain/posture/checks";
import { getDashboard } from "@/lib/domain/posture/dashboard";
import { FRAMEWORK_IDS, FRAMEWORKS } from "@/lib/domain/posture/frameworks";
import { ENVIRONMENTS } from "@/lib/domain/registry/vocabulary";
import { listPeople } from "@/lib/domain/registry/list-people";

export const metadata = { title: "Dashboard" };

const SEVERITY_TONES = { critical: "red", high: "amber", medium: "blue", low: "slate" } as const;

function Card({ title, children, className = "" }: { title: string; children: React.ReactNode; className?: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-4 ${className}`}>
      <h2 className="mb-2 text-sm font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<DashboardFilterValues> }) {
  const params = await searchParams;
  const [result, people] = await Promise.all([runAsActor(getDashboard, params), runAsActor(listPeople, {})]);
  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
  if (!result.ok) return <Alert tone="error">{result.message}</Alert>;
  const d = result.data;
  // The pack's hash is written to the audit log as it is made: offered to whoever the policy lets export it.
  const mayExport = can(await requireActor(), "posture.export");
  const filters = new URLSearchParams(Object.entries(params).filter(([k, v]) => v && k !== "framework") as [string, string][]);
  const query = (framework: string) => new URLSearchParams({ framework, ...Object.fromEntries(filters) }).toString();
  return (
    <>
      <PageHeader
        title="Posture"
        description="The estate against the frameworks auditors use: each control with the identities that fail it and why, from the checks the console evaluates within seconds of every change and in full every hour."
        actions={
          <>
            <Link href="/dashboard/policy" className={buttonClass()}>
              Policy
            </Link>
            {mayExport && (
              <>
                <a href="/api/posture/evidence?format=pdf" className={buttonClass()}>
                  Evidence pack (PDF)
                </a>
                <a href="/api/posture/evidence?format=zip" className={buttonClass()}>
                  Evidence pack (ZIP)
                </a>
                <EvidencePackAsOf today={d.asOf.slice(0, 10)} />
              </>
            )}
          </>
        }
      />
      <nav aria-label="Frameworks" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200 print:hidden">
        {FRAMEWORK_IDS.map((id) => (
          <Link
            key={id}
            href={`/dashboard?${query(id)}`}
            aria-current={id === d.framework.id ? "page" : undefined}
            className={`-mb-px rounded-t-md border px-3 py-1.5 text-sm ${id === d.framework.id ? "border-slate-200 border-b-white bg-white font-semibold text-slate-900" : "border-transparent text-slate-700 hover:text-slate-900"}`}
          >
            {FRAMEWORKS[id].short}
          </Link>
        ))}
      </nav>
      <DashboardFilters
        values={{ ...params, framework: d.framework.id }}
        options={{ team: d.options.team, platform: d.options.platform, environment: [...ENVIRONMENTS] }}
        people={people.ok ? people.data : []}
      />
      <div className="mb-4 grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        <Card title="Identities failing a check">
          <p className="text-2xl font-semibold tabular-nums" data-testid="failing-total">
            {d.failing.toLocaleString("en-US")}{" "}
            <span className="text-sm font-normal text-slate-700">of {d.active.toLocaleString("en-US")} active</span>
          </p>
          <Sparkline values={d.days.map((x) => x.failing)} label="Failing identities per day, whole estate" />
          {d.filtered && <p className="text-xs text-slate-600">Trend: the whole estate.</p>}
        </Card>
        <Card title="Open findings by severity">
          <BreakdownBars title="" data={d.bySeverity} tones={SEVERITY_TONES} ordered empty="No open findings." />
          <p className="mt-2 text-sm print:hidden">
            <Link href={`/dashboard/findings${filters.size ? `?${filters}` : ""}`} className="underline underline-offset-2">
              List the open findings
            </Link>
          </p>
        </Card>
        <Card title="Credentials expiring per week">
          <BreakdownBars
            title=""
            data={Object.fromEntries(d.expiringPerWeek.map((w) => [`week of ${w.week}`, w.count]))}
            ordered
            empty="None in the next eight weeks."
          />
        </Card>
        <Card title="Reviews and elevations">
          {d.reviews.length === 0 ? (
            <p className="text-sm text-slate-700">No campaign open.</p>
          ) : (
            <ul className="flex flex-col gap-1 text-sm">
              {d.reviews.map((r) => (
                <li key={r.runId}>
                  <span className="block truncate">{r.run}</span>
                  <ProgressBar done={r.decided} total={r.total} />
                </li>
              ))}
            </ul>
          )}
          <p className="mt-2 text-sm">
            <Link href="/break-glass?view=active" className="underline underline-offset-2">
              {d.activeElevations} active break-glass elevation{d.activeElevations === 1 ? "" : "s"}
            </Link>
          </p>
        </Card>
      </div>
      <section className="mb-4">
        <h2 className="mb-1 text-base font-semibold">
          {d.framework.name}{" "}
          <a href={d.framework.url} className="text-sm font-normal underline underline-offset-2" rel="noreferrer">
            (publisher, {d.framework.version})
          </a>
        </h2>
        {d.filtered && (
          <p className="mb-2 text-sm text-slate-700" data-testid="filters-in-force">
            Filtered to{" "}
            {[
              params.team && `team ${params.team}`,
              params.platform && `platform ${params.platform}`,
              params.environment && `environment ${params.environment}`,
              params.owner && `owner ${(people.ok ? people.data.find((p) => p.id === params.owner)?.name : null) ?? params.owner}`,
            ]
              .filter(Boolean)
              .join(", ")}
            ; the trends are the whole estate&apos;s.
          </p>
        )}
        <ControlsTable framework={d.framework.id} controls={d.controls} query={filters.toString()} />
      </section>
      <section>
        <h2 className="mb-1 text-base font-semibold">Top risky identities</h2>
        <p className="mb-2 text-sm text-slate-700">
          Score: each open finding&apos;s severity (critical 40, high 20, medium 10, low 5), doubled in production, plus 10 for an admin
          scope.
        </p>
        <Table caption="Top risky identities" columns={["Identity", "Environment", "Score", "Failing checks"]}>
          {d.topRisky.map((r) => (
            <tr key={r.id}>
              <Td>
                <Link href={`/registry/${r.id}#posture`} className="font-medium underline underline-offset-2">
                  {r.name}
                </Link>
              </Td>
              <Td>{r.environment}</Td>
              <Td className="tabular-nums">{r.score}</Td>
              <Td className="text-xs">{r.openChecks.map((c) => checkOf(c).title).join("; ")}</Td>
            </tr>
          ))}
        </Table>
      </section>
      <p className="mt-4 text-xs text-slate-600">As of {d.asOf.replace("T", " ").slice(0, 19)} UTC.</p>
    </>
  );
}
