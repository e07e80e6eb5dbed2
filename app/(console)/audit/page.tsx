import Link from "next/link";
import { AuditFilters, type AuditFilterValues } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { AUDITED_ACTIONS } from "@/lib/domain/audit/known-actions";
import { listAuditEvents } from "@/lib/domain/audit/list-audit-events";

export const metadata = { title: "Audit log" };

type Params = AuditFilterValues & { before?: string };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const { before, ...filters } = params;
  const result = await runAsActor(listAuditEvents, params);
  const filterQuery = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]).toString();
  const link = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(filterQuery)), ...extra })}`;

  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and every refused attempt, newest first. Events are hash-chained: each holds the hash of the one before it."
        actions={
          <>
            <Link href="/audit/verify" className={buttonClass()}>
              Verify chain
            </Link>
            <a href={`/api/audit/export?${filterQuery}`} className={buttonClass({ variant: "primary" })}>
              Export CSV
            </a>
          </>
        }
      />
      <AuditFilters values={filters} actions={AUDITED_ACTIONS} />
      {result.ok ? (
        <>
          <AuditTable events={result.data.events} caption="Audit events, newest first" />
          <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
            {before && (
              <Link href={link({})} className="underline">
                « Newest
              </Link>
            )}
            {result.data.nextBefore && (
              <Link href={link({ before: result.data.nextBefore })} className="underline">
                Older »
              </Link>
            )}
          </nav>
        </>
      ) : (
        <Alert tone="error">{result.message}</Alert>
      )}
    </>
  );
}
