import Link from "next/link";
import type { IdentitySummaryDto } from "@/lib/domain/registry/identity-dto";
import { KIND_LABELS } from "@/lib/domain/registry/vocabulary";
import { relativeTime } from "../ui/relative-time";
import { EmptyState, Table, Td } from "../ui/table";
import { StatusBadge } from "./status-badge";

/** Expiry and last use on two lines: the two dates that say whether a credential is stale. */
function Credential({ expiresAt, lastUsedAt, now }: { expiresAt: string | null; lastUsedAt: string | null; now: Date }) {
  const expired = expiresAt !== null && new Date(expiresAt) < now;
  return (
    <>
      {!expiresAt ? (
        <span className="text-slate-600">no expiry set</span>
      ) : (
        <span className={expired ? "font-medium text-red-700" : ""}>
          {expired ? "expired" : "expires"} {relativeTime(expiresAt, now)}
        </span>
      )}
      <span className="block text-xs text-slate-600">{lastUsedAt ? `last used ${relativeTime(lastUsedAt, now)}` : "never used"}</span>
    </>
  );
}

export function IdentityTable({ identities, now }: { identities: IdentitySummaryDto[]; now: Date }) {
  if (identities.length === 0) return <EmptyState>No identities match these filters.</EmptyState>;
  return (
    <Table
      caption="Identities matching the filters"
      columns={["Identity", "Kind", "Environment", "Owner", "Status", "Credential"]}
      data-testid="identity-table"
    >
      {identities.map((i) => (
        <tr key={i.id}>
          <Td>
            <Link href={`/registry/${i.id}`} className="font-medium text-slate-900 underline underline-offset-2 hover:text-slate-700">
              {i.name}
            </Link>
            <span className="block max-w-56 truncate text-xs text-slate-600" title={i.externalId}>
              {i.platform} · {i.externalId}
            </span>
          </Td>
          <Td>{KIND_LABELS[i.kind]}</Td>
          <Td>{i.environment}</Td>
          <Td>
            {i.owner ? (
              <>
                {i.owner.name}
                {!i.owner.active && <span className="ml-1 text-xs text-red-700">(deactivated)</span>}
              </>
            ) : (
              <span className="font-medium text-red-700">No owner</span>
            )}
          </Td>
          <Td>
            <StatusBadge status={i.status} />
          </Td>
          <Td className="whitespace-nowrap">
            <Credential expiresAt={i.credentialExpiresAt} lastUsedAt={i.lastUsedAt} now={now} />
          </Td>
        </tr>
      ))}
    </Table>
  );
}
