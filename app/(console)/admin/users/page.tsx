import Link from "next/link";
import { AddUserForm } from "@/components/admin/add-user-form";
import { UserRow } from "@/components/admin/user-row";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/controls";
import { Field } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { Pager } from "@/components/ui/pager";
import { Table } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { can, mayAttempt } from "@/lib/domain/authz/policy";
import { ROLE_LABELS, ROLES } from "@/lib/domain/authz/roles";
import { listPeople } from "@/lib/domain/registry/list-people";
import { listHoldings } from "@/lib/domain/users/list-holdings";
import { listUsers } from "@/lib/domain/users/list-users";

export const metadata = { title: "Users" };

type Params = { q?: string; role?: string; status?: string; team?: string; page?: string };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const actor = await requireActor();
  const result = await runAsActor(listUsers, params);
  // Whether to offer the controls at all; each change is judged on the user it targets when it is sent.
  const mayChangeUsers = mayAttempt(actor, "user.setRoles").allowed;
  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
  // What each person holds, so deactivating someone who owns identities can hand them on in the same step.
  const [holdings, people] =
    result.ok && mayChangeUsers
      ? await Promise.all([runAsActor(listHoldings, { userIds: result.data.users.map((u) => u.id) }), runAsActor(listPeople, {})])
      : [null, null];

  return (
    <>
      <PageHeader
        title="Users"
        description="Who may sign in, with which roles and in which team (a break-glass policy row may leave its requests to one team's approvers). Every change is recorded in the audit log; the last active admin cannot be demoted or deactivated."
        actions={
          <>
            {can(actor, "identity.reviewClaims") && (
              <Link href="/admin/claims" className={buttonClass()}>
                Recent claims
              </Link>
            )}
            <Link href="/admin/agent-rules" className={buttonClass()}>
              AI-agent rules
            </Link>
            {can(actor, "identity.bulkTransfer") && (
              <Link href="/admin/transfer" className={buttonClass()}>
                Transfer a departed owner&apos;s identities
              </Link>
            )}
          </>
        }
      />
      {can(actor, "user.create") && <AddUserForm />}
      <form
        method="get"
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
        aria-label="Filter users"
      >
        <Field label="Search">
          <Input name="q" type="search" defaultValue={params.q} placeholder="name or email" />
        </Field>
        <Field label="Role">
          <Select name="role" defaultValue={params.role ?? ""}>
            <option value="">Any</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Team">
          <Input name="team" defaultValue={params.team} placeholder="exact name" />
        </Field>
        <Field label="Status">
          <Select name="status" defaultValue={params.status ?? ""}>
            <option value="">Any</option>
            <option value="active">active</option>
            <option value="deactivated">deactivated</option>
          </Select>
        </Field>
        <Button type="submit" variant="primary">
          Apply
        </Button>
      </form>
      {result.ok ? (
        <>
          <Table caption="Users matching the filters" columns={["User", "Roles", "Team", "Status", "Access"]}>
            {result.data.users.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                isSelf={user.id === actor.userId}
                editable={mayChangeUsers}
                holdings={holdings?.ok ? holdings.data[user.id] : undefined}
                people={people?.ok ? people.data : []}
              />
            ))}
          </Table>
          <Pager page={result.data.page} pageSize={result.data.pageSize} total={result.data.total} params={params} />
        </>
      ) : (
        <Alert tone="error">{result.message}</Alert>
      )}
    </>
  );
}
