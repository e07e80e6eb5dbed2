import { BulkTransferForm } from "@/components/admin/bulk-transfer-form";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { listUsers } from "@/lib/domain/users/list-users";

export const metadata = { title: "Transfer ownership" };

export default async function TransferPage() {
  const users = await runAsActor(listUsers, { pageSize: 200 });
  return (
    <>
      <PageHeader title="Transfer a departed owner's identities" description="Everything the person owned goes to the new owner, and what they backed up gets the new backup owner, in one step. Each identity's history records it." />
      {users.ok ? <BulkTransferForm users={users.data.users} /> : <Forbidden message={users.message} />}
    </>
  );
}
