import Link from "next/link";
import type { DeliveryPage } from "@/lib/domain/webhooks/get-endpoint";
import { DELIVERY_STATUSES } from "@/lib/domain/webhooks/webhook-dto";
import { Pager } from "../ui/pager";
import { EmptyState, Table, Td } from "../ui/table";
import { DeliveryStatusBadge, utc } from "./webhook-status";

const FILTERS = [{ value: "", label: "All" }, ...DELIVERY_STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))];

/**
 * The endpoint's delivery log, newest first, filtered by status through the URL (?status=failed&page=2),
 * so a view of the failures can be linked to. Bodies are what was sent; nothing secret is in them.
 */
export function WebhookDeliveryLog({ log, basePath, endpointEnabled }: { log: DeliveryPage; basePath: string; endpointEnabled: boolean }) {
  const current = log.status ?? "";
  return (
    <section aria-labelledby="delivery-log">
      <h2 id="delivery-log" className="mb-2 text-lg font-semibold">
        Delivery log
      </h2>
      <nav aria-label="Filter deliveries by status" className="mb-3 flex flex-wrap gap-2 text-sm">
        {FILTERS.map((f) => (
          <Link
            key={f.value || "all"}
            href={f.value ? `${basePath}?status=${f.value}` : basePath}
            aria-current={current === f.value ? "page" : undefined}
            className={`rounded-md border px-2.5 py-1 ${current === f.value ? "border-slate-900 bg-slate-900 text-white" : "border-slate-400 bg-white text-slate-900 hover:bg-slate-100"}`}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {log.deliveries.length === 0 ? (
        <EmptyState>
          {current ? `No ${current} deliveries.` : "Nothing sent yet. Send a test event, or wait for one of the chosen events to happen."}
        </EmptyState>
      ) : (
        <Table
          caption="Deliveries, newest first"
          columns={["Queued", "Event", "Status", "Attempts", "Response", "Error", "Duration", "Delivered or next attempt"]}
          data-testid="delivery-log"
        >
          {log.deliveries.map((d) => (
            <tr key={d.id} data-testid={`delivery-${d.id}`} data-status={d.status}>
              <Td className="whitespace-nowrap text-xs">
                {utc(d.createdAt)}
                <details className="mt-1">
                  <summary className="cursor-pointer text-slate-700 underline">Body</summary>
                  <pre className="mt-1 max-h-48 max-w-md overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-[11px]">
                    {pretty(d.body)}
                  </pre>
                  <span className="block text-slate-600">Delivery {d.id}</span>
                </details>
              </Td>
              <Td>
                <code className="text-xs">{d.eventType}</code>
              </Td>
              <Td>
                <DeliveryStatusBadge status={d.status} />
              </Td>
              <Td>{d.attempts}</Td>
              <Td>{d.responseStatus ?? "—"}</Td>
              <Td className="max-w-sm break-words text-xs">{d.error ?? "—"}</Td>
              <Td className="whitespace-nowrap">{d.durationMs === null ? "—" : `${d.durationMs} ms`}</Td>
              <Td className="whitespace-nowrap text-xs">
                {d.status === "pending" || d.status === "retrying"
                  ? endpointEnabled
                    ? `next ${utc(d.nextAttemptAt)}`
                    : "when the endpoint is enabled"
                  : d.deliveredAt
                    ? `delivered ${utc(d.deliveredAt)}`
                    : "given up"}
              </Td>
            </tr>
          ))}
        </Table>
      )}
      <Pager page={log.page} pageSize={log.pageSize} total={log.total} params={{ status: log.status ?? undefined }} />
    </section>
  );
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
