import type { AuditEventDto } from "@/lib/domain/audit/audit-event-dto";
import { EmptyState, Table, Td } from "../ui/table";
import { ChangeDiff } from "./change-diff";

/** The change as a diff of fields; the request it came from folded away, so the table stays readable at a glance. */
function Details({ event: e }: { event: AuditEventDto }) {
  const request = [e.ip && `client: ${e.ip}`, e.requestId && `request: ${e.requestId}`, e.userAgent && `agent: ${e.userAgent}`].filter(
    Boolean,
  );
  if (request.length === 0 && e.before == null && e.after == null) return <span className="text-slate-600">—</span>;
  return (
    <>
      {(e.before != null || e.after != null) && <ChangeDiff before={e.before} after={e.after} />}
      {request.length > 0 && (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs text-slate-600">request</summary>
          <pre className="mt-1 max-w-md overflow-x-auto whitespace-pre-wrap break-all text-xs">{request.join("\n")}</pre>
        </details>
      )}
    </>
  );
}

export function AuditTable({
  events,
  caption = "Audit events",
  empty = "No events match these filters.",
}: {
  events: AuditEventDto[];
  caption?: string;
  empty?: string;
}) {
  if (events.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <Table
      caption={caption}
      columns={["#", "Time (UTC)", "Actor", "Action", "Target", "Outcome", "Reason", "Change and request"]}
      data-testid="audit-table"
    >
      {events.map((e) => (
        <tr key={e.seq}>
          <Td className="text-slate-600">{e.seq}</Td>
          <Td className="whitespace-nowrap">
            {e.at.slice(0, 10)}
            <span className="block text-xs text-slate-600">{e.at.slice(11, 19)}</span>
          </Td>
          <Td className="break-words">
            {e.actorLabel}
            <span className="block text-xs text-slate-600">{e.actorType}</span>
          </Td>
          <Td className="font-mono text-xs">{e.action}</Td>
          <Td className="break-words">
            {e.targetLabel ?? e.targetId ?? "—"}
            <span className="block text-xs text-slate-600">{e.targetType}</span>
          </Td>
          <Td>
            <span
              className={`rounded px-2 py-0.5 text-xs font-medium ${e.outcome === "denied" ? "bg-red-100 text-red-800" : "bg-emerald-100 text-emerald-800"}`}
            >
              {e.outcome}
            </span>
          </Td>
          <Td className="text-slate-700">{e.reason ?? "—"}</Td>
          <Td>
            <Details event={e} />
          </Td>
        </tr>
      ))}
    </Table>
  );
}
