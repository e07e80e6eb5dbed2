import Link from "next/link";
import type { ControlStatus } from "@/lib/domain/posture/dashboard";
import { checkOf } from "@/lib/domain/posture/checks";
import { Table, Td } from "../ui/table";
import { Sparkline } from "./sparkline";

/** Each control of the framework: pass or fail, failing identities (a link to them), % passing, trend; or not evaluated. */
export function ControlsTable({ framework, controls, query }: { framework: string; controls: ControlStatus[]; query: string }) {
  return (
    <Table
      caption="Controls and their status"
      columns={["Control", "Status", "Failing identities", "Passing", "Trend", "Checks"]}
      data-testid="controls-table"
    >
      {controls.map((c) => (
        <tr key={c.id} data-control={c.id}>
          <Td>
            <span className="font-mono text-xs font-semibold">{c.id}</span>
            <span className="block max-w-md text-sm text-slate-800">
              {c.title}
              {c.unconfirmed && <span className="ml-1 text-xs text-slate-600">(wording unconfirmed)</span>}
            </span>
          </Td>
          {c.failing === null ? (
            <>
              <Td>
                <span className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-xs font-medium text-slate-800">
                  Not evaluated
                </span>
              </Td>
              <Td colSpan={3} className="text-xs text-slate-700">
                No check of the console evidences this control: assess it outside the console.
              </Td>
            </>
          ) : (
            <>
              <Td>
                {c.failing === 0 ? (
                  <span className="rounded border border-emerald-300 bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-900">
                    Passing
                  </span>
                ) : (
                  <span className="rounded border border-red-300 bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-900">Failing</span>
                )}
              </Td>
              <Td className="tabular-nums">
                <Link
                  href={`/dashboard/controls/${framework}/${encodeURIComponent(c.id)}${query ? `?${query}` : ""}`}
                  className="font-medium underline underline-offset-2"
                  aria-label={`${c.failing.toLocaleString("en-US")} identities failing ${c.id}`}
                >
                  {c.failing.toLocaleString("en-US")}
                </Link>
              </Td>
              <Td className="tabular-nums">{c.passingPct}%</Td>
              <Td>
                <Sparkline values={c.trend} label={`Failing identities of ${c.id}, last days`} />
              </Td>
            </>
          )}
          <Td className="text-xs text-slate-700">{c.checkIds.map((id) => checkOf(id).title).join("; ")}</Td>
        </tr>
      ))}
    </Table>
  );
}
