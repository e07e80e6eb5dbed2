import Link from "next/link";
import { PolicyRowForm } from "@/components/breakglass/policy-row-form";
import { PolicyTable } from "@/components/breakglass/policy-table";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { can } from "@/lib/domain/authz/policy";
import { listPolicy } from "@/lib/domain/breakglass/list-policy";

export const metadata = { title: "Policy · Break-glass" };

/** Everyone reads the rules; admins change them (each change audited with before and after). */
export default async function PolicyPage() {
  const actor = await requireActor();
  const result = await runAsActor(listPolicy, {});
  if (!result.ok) return <PageProblem kind="forbidden" message={result.message} />;
  const editable = can(actor, "breakglass.policy");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/break-glass" className="underline underline-offset-2">
          Break-glass
        </Link>{" "}
        / policy
      </p>
      <PageHeader
        title="Break-glass policy"
        description="Per environment and scope level: the longest elevation, how many distinct people approve, when an unapproved request expires, whether the emergency path may self-activate, the ticket format, and whether every elevation is reviewed afterwards. The requester and the identity's token sponsor never approve; tokens never approve."
      />
      {editable ? (
        <div className="grid gap-4 lg:grid-cols-2">
          {result.data.map((row) => (
            <PolicyRowForm key={row.id} row={row} />
          ))}
        </div>
      ) : (
        <PolicyTable rows={result.data} />
      )}
    </>
  );
}
