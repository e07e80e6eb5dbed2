import Link from "next/link";
import type { WebhookEndpointWithHealth } from "@/lib/domain/webhooks/list-endpoints";
import { relativeTime } from "../ui/relative-time";
import { EmptyState, Table, Td } from "../ui/table";
import { DeliveryStatusBadge, EndpointStateBadge, utc } from "./webhook-status";

/** The endpoints, each with how it is doing: state, last delivery, failures in a row, what waits. */
export function WebhookTable({
  endpoints,
  formats,
  now,
}: {
  endpoints: WebhookEndpointWithHealth[];
  formats: Record<string, string>;
  now: Date;
}) {
  if (endpoints.length === 0)
    return <EmptyState>No endpoints yet: add one above, and the console sends it the events you choose as they happen.</EmptyState>;
  return (
    <Table
      caption="Webhook endpoints"
      columns={["Endpoint", "Events", "State", "Last delivery", "Failures in a row", "Waiting"]}
      data-testid="webhook-table"
    >
      {endpoints.map((e) => (
        <tr key={e.id} data-testid={`webhook-${e.id}`}>
          <Td>
            <Link href={`/admin/webhooks/${e.id}`} className="font-medium underline">
              {e.name}
            </Link>
            <span className="block max-w-xs truncate text-xs text-slate-600" title={e.url}>
              {e.url}
            </span>
            <span className="block text-xs text-slate-600">{formats[e.format] ?? e.format}</span>
          </Td>
          <Td className="max-w-xs text-xs">
            {e.eventTypes.length > 3
              ? `${e.eventTypes.slice(0, 3).join(", ")} and ${e.eventTypes.length - 3} more`
              : e.eventTypes.join(", ")}
          </Td>
          <Td>
            <EndpointStateBadge enabled={e.enabled} />
            {e.disabledReason && <span className="mt-1 block max-w-xs text-xs text-red-800">{e.disabledReason}</span>}
          </Td>
          <Td>
            {e.health.lastDelivery ? (
              <>
                <DeliveryStatusBadge status={e.health.lastDelivery.status} />
                <span className="block text-xs text-slate-600" title={utc(e.health.lastDelivery.at)}>
                  {relativeTime(e.health.lastDelivery.at, now)}
                  {e.health.lastDelivery.responseStatus !== null && ` · HTTP ${e.health.lastDelivery.responseStatus}`}
                </span>
              </>
            ) : (
              <span className="text-slate-600">none yet</span>
            )}
          </Td>
          <Td className={e.consecutiveFailures > 0 ? "font-medium text-red-800" : ""}>{e.consecutiveFailures}</Td>
          <Td>
            {e.health.waiting}
            {e.health.failedLast24h > 0 && <span className="block text-xs text-red-800">{e.health.failedLast24h} failed in 24 h</span>}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
