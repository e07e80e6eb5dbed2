import Link from "next/link";
import { visibleNav } from "@/components/shell/nav-items";
import { PageHeader } from "@/components/ui/page-header";
import { requireConsole } from "@/lib/auth/require-console";
import { ROLE_LABELS } from "@/lib/domain/authz/roles";

const ABOUT: Record<string, string> = {
  "/registry": "Every non-human identity with its owner, purpose, scopes and credential lifecycle.",
  "/reviews": "Access-review campaigns: owners certify or revoke what each identity holds.",
  "/break-glass": "Time-bound elevations, approved by someone else and reviewed afterwards.",
  "/dashboard": "Posture findings mapped to OWASP NHI Top 10, NIST CSF 2.0, SP 800-207, AI RMF and SP 800-53.",
  "/audit": "Every change and every refusal, hash-chained and exportable as evidence.",
  "/admin/users": "People, their roles, and who may sign in.",
};

export default async function HomePage() {
  const actor = await requireConsole();
  return (
    <>
      <PageHeader
        title={`Welcome, ${actor.name}`}
        description={`Signed in as ${actor.email} with the roles ${actor.roles.map((r) => ROLE_LABELS[r]).join(", ")}.`}
      />
      <ul className="grid max-w-4xl gap-4 sm:grid-cols-2">
        {visibleNav(actor.allowed).map((item) => (
          <li key={item.href}>
            <Link href={item.href} className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-slate-400">
              <p className="font-medium">{item.label}</p>
              <p className="mt-1 text-sm text-slate-600">{ABOUT[item.href]}</p>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
