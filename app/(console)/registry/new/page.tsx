import { IdentityForm } from "@/components/registry/identity-form";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { can } from "@/lib/domain/authz/policy";
import { listPeople } from "@/lib/domain/registry/list-people";

export const metadata = { title: "Register an identity" };

export default async function NewIdentityPage() {
  const actor = await requireActor();
  if (!can(actor, "identity.create", { type: "identity", id: null, ownerId: actor.userId, backupOwnerId: null }))
    return <PageProblem kind="forbidden" recorded={false} message="Registering identities is not part of your roles." />;
  const people = await runAsActor(listPeople, {});
  if (!people.ok) return <PageProblem kind="forbidden" message={people.message} />;
  return (
    <>
      <PageHeader title="Register an identity" description="Every identity has one named owner and one purpose." />
      <IdentityForm people={people.data} currentUserId={actor.userId} />
    </>
  );
}
