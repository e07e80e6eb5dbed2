import Link from "next/link";
import { credentialWarnings } from "@/lib/domain/registry/credential-warnings";
import type { IdentitySummaryDto } from "@/lib/domain/registry/identity-dto";
import { KIND_LABELS } from "@/lib/domain/registry/vocabulary";
import type { LiveElevation } from "@/lib/domain/breakglass/identity-elevations";
import { Countdown } from "../breakglass/countdown";
import { relativeTime } from "../ui/relative-time";
import { EmptyState, Table, Td } from "../ui/table";
import { RowCheckbox } from "./bulk-selection";
import { IdentityBadges } from "./identity-badges";
import { CredentialWarnings, StatusBadge } from "./status-badge";

/** Expiry and last use, then what is wrong with them (the same judgement as the identity page). */
function Credential({ identity, now }: { identity: IdentitySummaryDto; now: Date }) {
  const { credentialExpiresAt: expiresAt, lastUsedAt } = identity;
  const expired = expiresAt !== null && new Date(expiresAt) < now;
  return (
    <>
      {expiresAt && (
        <span className={`block ${expired ? "font-medium text-red-700" : ""}`}>
          {expired ? "expired" : "expires"} {relativeTime(expiresAt, now)}
        </span>
      )}
      {lastUsedAt && <span className="block text-xs text-slate-600">last used {relativeTime(lastUsedAt, now)}</span>}
      <CredentialWarnings warnings={credentialWarnings(identity, now)} className="mt-1" />
    </>
  );
}

/** `selectable`: a checkbox per row for bulk changes (inside a BulkSelectionProvider; "select all" is in the bulk bar). */
export function IdentityTable({
  identities,
  now,
  selectable = false,
  elevations = {},
}: {
  identities: IdentitySummaryDto[];
  now: Date;
  selectable?: boolean;
  /** Break-glass elevations live now, by identity (the soonest to end first). */
  elevations?: Record<string, LiveElevation[]>;
}) {
  if (identities.length === 0) return <EmptyState>No identities match these filters.</EmptyState>;
  return (
    <Table
      caption="Identities matching the filters"
      columns={[
        ...(selectable ? [{ label: "Select", hidden: true }] : []),
        "Identity",
        "Kind",
        "Environment",
        "Owner",
        "Status",
        "Credential",
      ]}
      data-testid="identity-table"
    >
      {identities.map((i) => (
        <tr key={i.id}>
          {selectable && (
            <Td className="w-8">
              <RowCheckbox id={i.id} name={i.name} />
            </Td>
          )}
          <Td>
            <Link href={`/registry/${i.id}`} className="font-medium text-slate-900 underline underline-offset-2 hover:text-slate-700">
              {i.name}
            </Link>
            <span className="block max-w-56 truncate text-xs text-slate-600" title={i.externalId}>
              {i.platform} · {i.externalId}
            </span>
            <IdentityBadges identity={i} now={now} className="mt-1" />
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
            {elevations[i.id]?.length ? (
              <Link
                href={`/break-glass/${elevations[i.id]![0]!.requestId}`}
                className="mt-1 block whitespace-nowrap text-xs font-medium text-red-800 underline underline-offset-2"
                data-testid="elevated"
              >
                Elevated{elevations[i.id]!.length > 1 ? ` ×${elevations[i.id]!.length}` : ""}, ends in{" "}
                <Countdown until={elevations[i.id]![0]!.expiresAt} serverNow={now.toISOString()} />
              </Link>
            ) : null}
          </Td>
          <Td className="min-w-44 max-w-64">
            <Credential identity={i} now={now} />
          </Td>
        </tr>
      ))}
    </Table>
  );
}
