"use client";

import Link from "next/link";
import type { ImportResult } from "@/lib/domain/registry/import/import-identities";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ImportProgress } from "./import-progress";
import { ImportResultTable } from "./import-result-table";
import type { Progress } from "./import-upload";

const n = (count: number) => count.toLocaleString("en");

/**
 * What the last run found: the counts, what needs a person now (critical rows, warnings about the file),
 * then the way on (commit, or fix the file), then every row. `onCommit` is offered only after a clean dry
 * run with something to write; after the commit, a link lists exactly what it created or changed.
 */
export function ImportResultView({
  result,
  fileName,
  pending,
  progress,
  onCommit,
}: {
  result: ImportResult;
  fileName: string;
  pending: boolean;
  /** The commit under way, if any. */
  progress: Progress | null;
  onCommit: () => void;
}) {
  const { counts } = result;
  const toWrite = counts.create + counts.update;
  const critical = result.items.filter((i) => i.critical).length;
  return (
    <section
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="import-result"
      aria-labelledby="import-result-heading"
    >
      <h2 id="import-result-heading" className="text-base font-semibold">
        {result.committed ? "Import" : "Dry run"} of {fileName}
      </h2>
      <p className="text-sm" data-testid="import-counts">
        {result.committed ? "Imported: " : "Dry run, nothing written: "}
        {n(counts.create)} to create, {n(counts.update)} to update, {n(counts.unchanged)} unchanged, {n(counts.reject)} rejected,{" "}
        {n(counts.skipped)} skipped
        {counts.gone > 0 || result.committed ? (
          <>
            , {n(counts.gone)} {result.committed ? "marked" : "to mark"} gone from source
          </>
        ) : null}
        .
      </p>
      {counts.gone > 0 && (
        <p className="text-sm text-slate-700" data-testid="import-gone">
          {n(counts.gone)} {counts.gone === 1 ? "identity" : "identities"} of this source {counts.gone === 1 ? "is" : "are"} no longer in
          the file: {result.committed ? "they are" : "they will be"} marked “gone from source”, never deleted.
        </p>
      )}
      {critical > 0 && (
        <Alert tone="error">
          {critical === 1 ? "One row needs" : `${n(critical)} rows need`} action now: see the rows marked critical below, listed first.
        </Alert>
      )}
      {result.warnings.length > 0 && (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="import-warnings">
          <h3 className="font-medium">About the file as a whole</h3>
          <ul className="mt-1 list-disc pl-5">
            {result.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {!result.committed && counts.reject === 0 && toWrite > 0 && (
        <div className="flex flex-col gap-2">
          <div>
            <Button variant="primary" pending={pending} pendingLabel="Importing…" onClick={onCommit}>
              Import {n(toWrite)} {toWrite === 1 ? "identity" : "identities"}
            </Button>
          </div>
          {progress && <ImportProgress progress={progress} fileName={fileName} dryRun={false} />}
        </div>
      )}
      {!result.committed && counts.reject === 0 && toWrite === 0 && (
        <p className="text-sm text-slate-700">Nothing to import: every row is unchanged or skipped.</p>
      )}
      {counts.reject > 0 && (
        <Alert tone="error">
          Fix the rejected rows in the file and run the dry run again; nothing is imported while any row is rejected.
        </Alert>
      )}
      {result.committed && (
        <Alert tone="success">
          {n(toWrite)} {toWrite === 1 ? "identity" : "identities"} written.{" "}
          {result.importRunId && toWrite > 0 && (
            <>
              <Link href={`/registry?importId=${result.importRunId}`} className="font-medium underline" data-testid="import-affected">
                See the {n(toWrite)} {toWrite === 1 ? "identity" : "identities"} this import created or changed
              </Link>
              {" · "}
            </>
          )}
          <Link href="/registry/imports" className="font-medium underline">
            Import history
          </Link>
        </Alert>
      )}
      <ImportResultTable result={result} />
    </section>
  );
}
