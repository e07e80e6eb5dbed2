import Link from "next/link";
import type { ImportRunDto } from "@/lib/domain/registry/import/list-import-runs";
import { EmptyState, Table, Td } from "../ui/table";
import { CopyText } from "./copy-text";

const n = (count: number) => count.toLocaleString("en");

function size(bytes: number) {
  if (bytes < 1024) return `${n(bytes)} B`;
  if (bytes < 1_048_576) return `${(bytes / 1024).toLocaleString("en", { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1_048_576).toLocaleString("en", { maximumFractionDigits: 1 })} MB`;
}

const COUNTED: [string, string][] = [
  ["create", "created"],
  ["update", "updated"],
  ["unchanged", "unchanged"],
  ["skipped", "skipped"],
  ["gone", "marked gone"],
];

/** Committed imports, newest first: who, when, what file, what it did, and the identities it last wrote. */
export function ImportHistoryTable({ runs }: { runs: ImportRunDto[] }) {
  if (runs.length === 0)
    return (
      <EmptyState>
        No import has been committed yet. Dry runs are not kept: only imports that wrote to the registry are listed here.
      </EmptyState>
    );
  return (
    <Table
      caption="Committed imports, newest first"
      columns={["When (UTC)", "Who", "Format and source", "File", "What it did", "Identities"]}
      data-testid="import-history"
    >
      {runs.map((r) => (
        <tr key={r.id} data-testid="import-run">
          <Td className="whitespace-nowrap tabular-nums">
            <time dateTime={r.at}>{r.at.replace("T", " ").slice(0, 19)}</time>
          </Td>
          <Td className="break-words">{r.actorLabel}</Td>
          <Td>
            {r.formatLabel}
            {r.source && <span className="block font-mono text-xs text-slate-700">{r.source}</span>}
            {r.fullExport && <span className="block text-xs text-slate-700">full export of its source</span>}
          </Td>
          <Td className="whitespace-nowrap">
            <span className="block text-xs">{size(r.fileBytes)}</span>
            <span className="flex items-center gap-1">
              <code className="text-xs" title={`SHA-256 ${r.fileSha256}`}>
                <span className="sr-only">SHA-256 </span>
                {r.fileSha256.slice(0, 12)}…
              </code>
              <CopyText text={r.fileSha256} label={`Copy the file's full SHA-256 (${r.fileSha256.slice(0, 12)}…)`} />
            </span>
          </Td>
          <Td className="text-xs">
            {COUNTED.filter(([key]) => (r.counts[key] ?? 0) > 0)
              .map(([key, label]) => `${n(r.counts[key]!)} ${label}`)
              .join(", ") || "nothing changed"}
          </Td>
          <Td className="whitespace-nowrap">
            {r.identitiesNow > 0 ? (
              <Link href={`/registry?importId=${r.id}`} className="underline underline-offset-2">
                {n(r.identitiesNow)} {r.identitiesNow === 1 ? "identity" : "identities"}
              </Link>
            ) : (
              <span className="text-xs text-slate-700">none now</span>
            )}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
