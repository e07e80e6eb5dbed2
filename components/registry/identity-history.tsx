import { AuditTable } from "@/components/audit/audit-table";
import { ChangeDiff } from "@/components/audit/change-diff";
import type { IdentityHistory } from "@/lib/domain/registry/identity-history";
import { EmptyState, Table, Td } from "../ui/table";

const EMPTY = "No changes recorded since it was registered.";

/**
 * An identity's history: the full audit events for those who may read the audit log, otherwise the changes
 * alone (who, what, when, before and after), as the domain decided (identity-history.ts).
 */
export function IdentityHistoryView({ history }: { history: IdentityHistory }) {
  if (history.kind === "audit") return <AuditTable events={history.events} caption="Audit events for this identity" empty={EMPTY} />;
  if (history.entries.length === 0) return <EmptyState>{EMPTY}</EmptyState>;
  return (
    <Table caption="Changes to this identity" columns={["Time (UTC)", "Who", "What", "Reason", "Change"]} data-testid="identity-history">
      {history.entries.map((e) => (
        <tr key={e.seq}>
          <Td className="whitespace-nowrap">{e.at.replace("T", " ").slice(0, 19)}</Td>
          <Td>{e.actorLabel}</Td>
          <Td className="font-mono text-xs">{e.action}</Td>
          <Td className="text-slate-700">{e.reason ?? "—"}</Td>
          <Td>
            <ChangeDiff before={e.before} after={e.after} />
          </Td>
        </tr>
      ))}
    </Table>
  );
}
