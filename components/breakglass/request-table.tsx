import Link from "next/link";
import type { RequestListItem } from "@/lib/domain/breakglass/list-requests";
import { Table, Td } from "../ui/table";
import { Countdown } from "./countdown";
import { EmergencyBadge, RequestStatusBadge, ScopeList, displayStatus } from "./request-badges";

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** What the clock means for this request now: time left to approve, time left active, or when it started. */
function TimeLeft({ item, now }: { item: RequestListItem; now: string }) {
  const status = displayStatus(item);
  if (status === "pending")
    return (
      <span>
        expires unapproved in <Countdown until={item.pendingUntil} serverNow={now} ended="expired" />
      </span>
    );
  if (status === "active" && item.expiresAt)
    return (
      <span className="font-medium text-red-900">
        ends in <Countdown until={item.expiresAt} serverNow={now} />
      </span>
    );
  if (status === "scheduled" && item.activeFrom) return <span>starts {when(item.activeFrom)}</span>;
  return <span className="text-slate-600">{item.closedAt ? when(item.closedAt) : item.expiresAt ? when(item.expiresAt) : "—"}</span>;
}

export function RequestTable({ items, now, caption }: { items: RequestListItem[]; now: string; caption: string }) {
  return (
    <Table
      caption={caption}
      columns={["Identity", "Elevated scopes", "Requested", "Approvals", "Status"]}
      data-testid="breakglass-requests"
    >
      {items.map((item) => (
        <tr key={item.id} data-request-id={item.id}>
          <Td>
            <Link href={`/break-glass/${item.id}`} className="break-words font-medium underline underline-offset-2">
              {item.identity.name}
            </Link>
            <span className="block text-xs text-slate-600">{item.identityEnvironment}</span>
            {item.emergency && <EmergencyBadge />}
          </Td>
          <Td>
            <ScopeList scopes={item.scopes} />
            <span className="block max-w-xs truncate text-xs text-slate-600" title={item.reason}>
              {item.reason}
            </span>
          </Td>
          <Td>
            <span className="whitespace-nowrap">{when(item.requestedAt)}</span>
            <span className="block text-xs text-slate-700">
              by {item.requesterName}
              {item.requesterTokenId && " through an API token"}
            </span>
          </Td>
          <Td className="whitespace-nowrap">
            {item.emergency && item.approvals.length === 0
              ? "none (emergency)"
              : `${item.approvals.filter((a) => a.decision === "approve").length} of ${item.approvalsRequired}`}
          </Td>
          <Td className="min-w-52 text-sm">
            <RequestStatusBadge request={item} />
            <span className="mt-1 block">
              <TimeLeft item={item} now={now} />
            </span>
          </Td>
        </tr>
      ))}
    </Table>
  );
}
