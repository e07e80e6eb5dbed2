import Link from "next/link";
import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { Pager } from "@/components/ui/pager";
import { EmptyState, Table, Td } from "@/components/ui/table";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { checkOf } from "@/lib/domain/posture/checks";
import { controlFindings } from "@/lib/domain/posture/control-findings";

export const metadata = { title: "Control · Posture" };

type Params = { framework: string; control: string };
type Search = Partial<Record<"team" | "platform" | "environment" | "owner" | "check" | "page", string>>;

/** Evidence facts in words: dates as days, lists joined. */
function Evidence({ value }: { value: unknown }) {
  if (!value || typeof value !== "object") return null;
  const parts = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== false)
    .map(
      ([k, v]) =>
        `${k}: ${Array.isArray(v) ? v.join(", ") : typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v) ? v.slice(0, 10) : String(v)}`,
    );
  return <span className="text-xs text-slate-700">{parts.join(" · ")}</span>;
}

export default async function ControlPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<Search> }) {
  const { framework, control } = await params;
  const search = await searchParams;
  const result = await runAsActor(controlFindings, { framework, control: decodeURIComponent(control), ...search });
  if (!result.ok) {
    if (result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
    if (result.code === "NOT_FOUND") notFound();
    return <Alert tone="error">{result.message}</Alert>;
  }
  const d = result.data;
  const { page: _page, check: _check, ...filters } = search;
  const base = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
  const back = new URLSearchParams({ framework, ...Object.fromEntries(base) }).toString();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/dashboard?${back}`} className="underline underline-offset-2">
          Posture ({d.framework.short})
        </Link>{" "}
        / {d.control.id}
      </p>
      <PageHeader title={`${d.control.id}: ${d.control.title}`} description={d.control.url ? `Publisher: ${d.control.url}` : undefined} />
      <section className="mb-4">
        <h2 className="mb-2 text-base font-semibold">The checks that evidence it</h2>
        <ul className="grid gap-2 md:grid-cols-2" data-testid="control-checks">
          {d.checks.map((c) => (
            <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <Link
                href={`?${new URLSearchParams({ ...Object.fromEntries(base), check: c.id })}`}
                className="font-medium underline underline-offset-2"
              >
                {c.title}
              </Link>{" "}
              <span className="text-xs text-slate-700">
                ({c.severity}; {c.failing.toLocaleString("en-US")} failing)
              </span>
              <p className="text-slate-700">{c.rationale}</p>
            </li>
          ))}
        </ul>
      </section>
      <h2 className="mb-2 text-base font-semibold">
        Failing identities{search.check ? `: ${checkOf(search.check).title}` : ""} ({d.total.toLocaleString("en-US")})
      </h2>
      {d.identities.length === 0 ? (
        <EmptyState>No identity fails it{search.check ? " for this check" : ""}.</EmptyState>
      ) : (
        <>
          <Table
            caption="Failing identities"
            columns={["Identity", "Owner", "Check", "Severity", "Since", "What the check saw"]}
            data-testid="control-identities"
          >
            {d.identities.map((r) => (
              <tr key={r.findingId}>
                <Td>
                  <Link href={`/registry/${r.identityId}#posture`} className="font-medium underline underline-offset-2">
                    {r.name}
                  </Link>
                  <span className="block text-xs text-slate-600">{r.environment}</span>
                </Td>
                <Td>{r.owner ?? <span className="font-medium text-red-800">No owner</span>}</Td>
                <Td className="text-sm">{checkOf(r.checkId).title}</Td>
                <Td>{r.severity}</Td>
                <Td className="whitespace-nowrap">{r.firstSeenAt.slice(0, 10)}</Td>
                <Td>
                  <Evidence value={r.evidence} />
                </Td>
              </tr>
            ))}
          </Table>
          <Pager page={d.page} pageSize={d.pageSize} total={d.total} params={{ ...filters, check: search.check }} />
        </>
      )}
    </>
  );
}
