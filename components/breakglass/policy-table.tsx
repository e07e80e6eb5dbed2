import type { PolicyRowDto } from "@/lib/domain/breakglass/list-policy";
import { Table, Td } from "../ui/table";

const hours = (m: number) => (m % 60 === 0 ? `${m / 60} h` : `${m} min`);
export const policyRowName = (r: Pick<PolicyRowDto, "level" | "environment">) => `${r.level} in ${r.environment.replace("_", "-")}`;

/** The break-glass policy as data: per environment class and level, its limits. Everyone may read it. */
export function PolicyTable({ rows, compact = false }: { rows: PolicyRowDto[]; compact?: boolean }) {
  return (
    <Table
      caption="Break-glass policy"
      framed={!compact}
      columns={
        compact
          ? ["Scopes", "Longest", "Approvals"]
          : ["Scopes", "Longest", "Approvals", "Approvers", "Pending expires", "Emergency", "Ticket", "After-action review"]
      }
      data-testid="policy-table"
    >
      {rows.map((r) => (
        <tr key={r.id}>
          <Td className="font-medium">
            {policyRowName(r)}
            {compact && r.emergencyAllowed && <span className="block text-xs font-normal text-slate-700">emergency path allowed</span>}
          </Td>
          <Td>{hours(r.maxDurationMinutes)}</Td>
          <Td>{r.approvalsRequired === 1 ? "1" : `${r.approvalsRequired} distinct people`}</Td>
          {!compact && <Td>{r.approverTeam ? `approvers of team ${r.approverTeam}, admins` : "approvers, admins"}</Td>}
          {!compact && <Td>{hours(r.pendingExpiryMinutes)}</Td>}
          {!compact && <Td>{r.emergencyAllowed ? "may self-activate" : "no"}</Td>}
          {!compact && <Td className="font-mono text-xs">{r.ticketPattern ?? "—"}</Td>}
          {!compact && <Td>{r.afterActionRequired ? "always" : "after an emergency"}</Td>}
        </tr>
      ))}
    </Table>
  );
}
