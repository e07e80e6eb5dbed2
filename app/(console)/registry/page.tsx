import Link from "next/link";
import { IdentityFilters, type IdentityFilterValues } from "@/components/registry/identity-filters";
import { IdentityTable } from "@/components/registry/identity-table";
import { Alert } from "@/components/ui/alert";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { listIdentities } from "@/lib/domain/registry/list-identities";
import { can } from "@/lib/domain/authz/policy";
import { listPeople } from "@/lib/domain/registry/list-people";

export const metadata = { title: "Registry" };

export default async function RegistryPage({ searchParams }: { searchParams: Promise<IdentityFilterValues> }) {
  const params = await searchParams;
  const actor = await requireActor();
  const [result, people] = await Promise.all([runAsActor(listIdentities, params), runAsActor(listPeople, {})]);
  if (!result.ok && result.code === "FORBIDDEN") return <><PageHeader title="Registry" /><Forbidden message={result.message} /></>;
  const { page: _page, ...filters } = params;
  const exportQuery = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]).toString();
  return (
    <>
      <PageHeader
        title="Registry"
        description="Every non-human identity, its owner, purpose, scopes and credential lifecycle."
        actions={
          <>
            <a href={`/api/registry/export?format=csv&${exportQuery}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">Export CSV</a>
            <a href={`/api/registry/export?format=json&${exportQuery}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">Export JSON</a>
            {can(actor, "registry.import") && <Link href="/registry/import" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">Import</Link>}
            {can(actor, "identity.create", { type: "identity", id: null, ownerId: actor.userId, backupOwnerId: null }) && <Link href="/registry/new" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white">Register identity</Link>}
          </>
        }
      />
      <IdentityFilters values={params} people={people.ok ? people.data : []} />
      {result.ok ? (
        <>
          <IdentityTable identities={result.data.identities} now={new Date()} />
          <Pager page={result.data.page} pageSize={result.data.pageSize} total={result.data.total} params={params} />
        </>
      ) : (
        <Alert tone="error">{result.message}</Alert>
      )}
    </>
  );
}
