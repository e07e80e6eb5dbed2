import type { AuditEventDto } from "@/lib/domain/audit/audit-event-dto";

function Change({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="text-slate-400">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-slate-600">show</summary>
      <pre className="mt-1 max-w-md overflow-x-auto whitespace-pre-wrap text-xs">
        {before != null && `before: ${JSON.stringify(before, null, 1)}\n`}
        {after != null && `after: ${JSON.stringify(after, null, 1)}`}
      </pre>
    </details>
  );
}

export function AuditTable({ events, empty = "No events match these filters." }: { events: AuditEventDto[]; empty?: string }) {
  if (events.length === 0) return <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">{empty}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm" data-testid="audit-table">
        <thead className="bg-slate-100 text-xs uppercase text-slate-600">
          <tr>
            {["#", "Time (UTC)", "Actor", "Action", "Target", "Outcome", "Reason", "Request", "Change"].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((e) => (
            <tr key={e.seq} className="align-top">
              <td className="px-3 py-2 text-slate-500">{e.seq}</td>
              <td className="whitespace-nowrap px-3 py-2">{e.at.replace("T", " ").slice(0, 19)}</td>
              <td className="px-3 py-2">{e.actorLabel}<span className="block text-xs text-slate-500">{e.actorType}</span></td>
              <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
              <td className="px-3 py-2">{e.targetLabel ?? e.targetId ?? "—"}<span className="block text-xs text-slate-500">{e.targetType}</span></td>
              <td className="px-3 py-2">
                <span className={`rounded px-2 py-0.5 text-xs font-medium ${e.outcome === "denied" ? "bg-red-100 text-red-800" : "bg-emerald-100 text-emerald-800"}`}>{e.outcome}</span>
              </td>
              <td className="px-3 py-2 text-slate-700">{e.reason ?? "—"}</td>
              <td className="px-3 py-2 text-xs text-slate-500">{e.ip ?? "—"}<span className="block max-w-40 truncate" title={e.userAgent ?? ""}>{e.requestId ?? ""}</span></td>
              <td className="px-3 py-2"><Change before={e.before} after={e.after} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
