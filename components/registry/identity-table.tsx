import Link from "next/link";
import type { IdentitySummaryDto } from "@/lib/domain/registry/identity-dto";
import { KIND_LABELS } from "@/lib/domain/registry/vocabulary";
import { relativeTime } from "../ui/relative-time";
import { StatusBadge } from "./status-badge";

function Expiry({ iso, now }: { iso: string | null; now: Date }) {
  if (!iso) return <span className="text-slate-400">never set</span>;
  const expired = new Date(iso) < now;
  return <span className={expired ? "font-medium text-red-700" : ""}>{expired ? `expired ${relativeTime(iso, now)}` : relativeTime(iso, now)}</span>;
}

export function IdentityTable({ identities, now }: { identities: IdentitySummaryDto[]; now: Date }) {
  if (identities.length === 0) return <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">No identities match these filters.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm" data-testid="identity-table">
        <thead className="bg-slate-100 text-xs uppercase text-slate-600">
          <tr>
            {["Identity", "Kind", "Environment", "Owner", "Status", "Credential expires", "Last used"].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {identities.map((i) => (
            <tr key={i.id} className="align-top">
              <td className="px-3 py-2">
                <Link href={`/registry/${i.id}`} className="font-medium text-slate-900 underline-offset-2 hover:underline">{i.name}</Link>
                <span className="block max-w-xs truncate text-xs text-slate-500" title={i.externalId}>{i.platform} · {i.externalId}</span>
              </td>
              <td className="px-3 py-2">{KIND_LABELS[i.kind]}</td>
              <td className="px-3 py-2">{i.environment}</td>
              <td className="px-3 py-2">
                {i.owner ? (
                  <>{i.owner.name}{!i.owner.active && <span className="ml-1 text-xs text-red-700">(deactivated)</span>}</>
                ) : (
                  <span className="font-medium text-red-700">No owner</span>
                )}
              </td>
              <td className="px-3 py-2"><StatusBadge status={i.status} /></td>
              <td className="px-3 py-2"><Expiry iso={i.credentialExpiresAt} now={now} /></td>
              <td className="px-3 py-2">{i.lastUsedAt ? relativeTime(i.lastUsedAt, now) : <span className="text-slate-400">never</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
