import Link from "next/link";
import { PosturePolicyForm } from "@/components/posture/posture-policy-form";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { Table, Td } from "@/components/ui/table";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { can } from "@/lib/domain/authz/policy";
import { THRESHOLD_FIELDS, THRESHOLD_LABELS } from "@/lib/domain/posture/vocabulary";
import { getPosturePolicy } from "@/lib/domain/posture/get-posture-policy";

export const metadata = { title: "Posture policy" };

/** The thresholds the checks judge by: everyone reads them, admins change them (audited). */
export default async function PosturePolicyPage() {
  const actor = await requireActor();
  const result = await runAsActor(getPosturePolicy, {});
  if (!result.ok) return <PageProblem kind="forbidden" message={result.message} />;
  const policy = result.data;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/dashboard" className="underline underline-offset-2">
          Posture
        </Link>{" "}
        / policy
      </p>
      <PageHeader
        title="Posture policy"
        description="The thresholds the posture checks judge by. A change is audited, and every identity is re-evaluated against it."
      />
      {can(actor, "posture.policy") ? (
        <PosturePolicyForm policy={policy} />
      ) : (
        <Table caption="Posture policy" columns={["Threshold", "Value", "Read by"]}>
          {THRESHOLD_FIELDS.map((f) => (
            <tr key={f}>
              <Td>{THRESHOLD_LABELS[f]}</Td>
              <Td className="tabular-nums">{policy[f]}</Td>
              <Td className="text-xs">{(policy.usedBy[f] ?? []).join("; ")}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
