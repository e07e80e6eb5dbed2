import type { ImportResult } from "@/lib/domain/registry/import/import-identities";
import { EmptyState, Table, Td } from "../ui/table";

const ACTION_TONES = {
  create: "text-emerald-800",
  update: "text-sky-800",
  unchanged: "text-slate-600",
  reject: "font-medium text-red-700",
} as const;

const COLUMNS = ["Row", "Outcome", "Identity", "Details"] as const;

/** Row by row: rejections first (the server orders them so), then the other outcomes, then the skipped rows. */
export function ImportResultTable({ result }: { result: ImportResult }) {
  const { items, skipped, counts } = result;
  if (items.length + skipped.length === 0) return <EmptyState>The file has no rows to import.</EmptyState>;
  const total = counts.create + counts.update + counts.unchanged + counts.reject + counts.skipped;
  const shown = items.length + skipped.length;
  return (
    <>
      <Table caption={result.committed ? "Imported rows" : "Dry run, row by row"} columns={COLUMNS} framed={false}>
        {items.map((item) => (
          <tr key={`${item.row}-${item.key}`}>
            <Td className="tabular-nums">{item.row}</Td>
            <Td className={ACTION_TONES[item.action]}>{item.action}</Td>
            <Td className="break-words">{item.name}</Td>
            <Td className="text-xs">{item.errors?.map((e) => `${e.field}: ${e.reason}`).join("; ") ?? item.changes?.join(", ")}</Td>
          </tr>
        ))}
        {skipped.map((s) => (
          <tr key={`skipped-${s.row}`}>
            <Td className="tabular-nums">{s.row}</Td>
            <Td className="text-slate-600">skipped</Td>
            <Td className="break-words">{s.name}</Td>
            <Td className="text-xs">{s.reason}</Td>
          </tr>
        ))}
      </Table>
      {shown < total && (
        <p className="mt-2 text-xs text-slate-600">
          Showing {shown.toLocaleString("en")} of {total.toLocaleString("en")} rows; the counts above cover the whole file.
        </p>
      )}
    </>
  );
}
