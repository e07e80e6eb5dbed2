import type { ImportResult } from "@/lib/domain/registry/import/import-identities";
import { EmptyState, Table, Td } from "../ui/table";

const ACTION_TONES = {
  create: "text-emerald-800",
  update: "text-sky-800",
  unchanged: "text-slate-700",
  reject: "font-medium text-red-700",
} as const;

const COLUMNS = ["Row", "Outcome", "Identity", "Details"] as const;
const n = (count: number) => count.toLocaleString("en");

/**
 * Row by row: rejections first, then critical findings (the server orders them so), then the other
 * outcomes, then the skipped rows. A large file's answer holds only the first rows of each; the line above
 * the table says so, with the totals.
 */
export function ImportResultTable({ result }: { result: ImportResult }) {
  const { items, skipped, counts } = result;
  if (items.length + skipped.length === 0) return <EmptyState>The file has no rows to import.</EmptyState>;
  const total = counts.create + counts.update + counts.unchanged + counts.reject + counts.skipped;
  const shown = items.length + skipped.length;
  return (
    <>
      {shown < total && (
        <p className="text-sm text-slate-700" data-testid="import-partial">
          Showing the first {n(shown)} of {n(total)} rows (rejected and critical rows first); the counts above cover the whole file.
        </p>
      )}
      <Table caption={result.committed ? "Imported rows" : "Dry run, row by row"} columns={COLUMNS} framed={false}>
        {items.map((item) => (
          <tr
            key={`${item.row}-${item.key}`}
            className={item.critical ? "bg-red-50" : undefined}
            data-critical={item.critical ? "" : undefined}
          >
            <Td className="tabular-nums">{item.row}</Td>
            <Td className={item.critical ? "font-medium text-red-800" : ACTION_TONES[item.action]}>
              {item.action}
              {item.critical && <span className="block text-xs font-semibold uppercase">critical</span>}
            </Td>
            <Td className="break-words">{item.name}</Td>
            <Td className="text-xs">
              {item.critical && <p className="font-medium text-red-800">{item.critical}</p>}
              {item.errors?.length ? (
                <p>{item.errors.map((e) => `${e.field}: ${e.reason}`).join("; ")}</p>
              ) : item.changes?.length ? (
                <p>{item.changes.join(", ")}</p>
              ) : null}
              {item.warnings?.map((w) => (
                <p key={w} className="text-amber-900">
                  <span className="font-medium">Check:</span> {w}
                </p>
              ))}
            </Td>
          </tr>
        ))}
        {skipped.map((s) => (
          <tr key={`skipped-${s.row}`}>
            <Td className="tabular-nums">{s.row}</Td>
            <Td className="text-slate-700">skipped</Td>
            <Td className="break-words">{s.name}</Td>
            <Td className="text-xs">{s.reason}</Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
