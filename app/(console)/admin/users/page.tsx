import { AddUserForm } from "@/components/admin/add-user-form";
import Link from "next/link";
import { UserRow } from "@/components/admin/user-row";
import { Alert } from "@/components/ui/alert";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { ROLE_LABELS, ROLES } from "@/lib/domain/authz/roles";
import { listUsers } from "@/lib/domain/users/list-users";

export const metadata = { title: "Users" };

type Params = { q?: string; role?: string; status?: string; page?: string };
const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

export default async function UsersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const actor = await requireActor();
  const result = await runAsActor(listUsers, params);
  if (!result.ok && result.code === "FORBIDDEN") return <><PageHeader title="Users" /><Forbidden message={result.message} /></>;

  return (
    <>
      <PageHeader
        title="Users"
        description="Who may sign in, and with which roles. Every change is recorded in the audit log; the last active admin cannot be demoted or deactivated."
        actions={actor.roles.includes("admin") ? <Link href="/admin/transfer" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">Transfer a departed owner&apos;s identities</Link> : undefined}
      />
      {actor.roles.includes("admin") && <AddUserForm />}
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Filter users">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Search
          <input name="q" defaultValue={params.q} placeholder="name or email" className={input} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Role
          <select name="role" defaultValue={params.role ?? ""} className={input}>
            <option value="">Any</option>
            {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Status
          <select name="status" defaultValue={params.status ?? ""} className={input}>
            <option value="">Any</option>
            <option value="active">active</option>
            <option value="deactivated">deactivated</option>
          </select>
        </label>
        <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">Apply</button>
      </form>
      {result.ok ? (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-left text-sm">
              <thead className="bg-slate-100 text-xs uppercase text-slate-600">
                <tr><th className="px-3 py-2">User</th><th className="px-3 py-2">Roles</th><th className="px-3 py-2">Status</th><th className="px-3 py-2">Access</th></tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {result.data.users.map((user) => <UserRow key={user.id} user={user} isSelf={user.id === actor.userId} editable={actor.roles.includes("admin")} />)}
              </tbody>
            </table>
          </div>
          <Pager page={result.data.page} pageSize={result.data.pageSize} total={result.data.total} params={params} />
        </>
      ) : (
        <Alert tone="error">{result.message}</Alert>
      )}
    </>
  );
}
