import { IdentityForm } from "@/components/registry/identity-form";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { listPeople } from "@/lib/domain/registry/list-people";

export const metadata = { title: "Register an identity" };

export default async function NewIdentityPage() {
  const actor = await requireActor();
  const people = await runAsActor(listPeople, {});
  return (
    <>
      <PageHeader title="Register an identity" description="Every identity has one named owner and one purpose." />
      {people.ok ? <IdentityForm people={people.data} currentUserId={actor.userId} /> : <Forbidden message={people.message} />}
    </>
  );
}
