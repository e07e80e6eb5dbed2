import { BulkTransferForm } from "@/components/admin/bulk-transfer-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { listPeople } from "@/lib/domain/registry/list-people";
import { listUsers } from "@/lib/domain/users/list-users";

export const metadata = { title: "Transfer ownership" };

export default async function TransferPage() {
  const [users, people] = await Promise.all([runAsActor(listUsers, { pageSize: 200 }), runAsActor(listPeople, {})]);
  if (!users.ok && users.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={users.message} />;
  return (
    <>
      <PageHeader
        title="Transfer a departed owner's identities"
        description="Everything the person owned goes to the new owner, and what they backed up gets the new backup owner, in one step. Count first to see what will move; you confirm before anything changes. Each identity's history records it."
      />
      {users.ok ? (
        <BulkTransferForm users={users.data.users} people={people.ok ? people.data : []} />
      ) : (
        <Alert tone="error">{users.message}</Alert>
      )}
    </>
  );
}
