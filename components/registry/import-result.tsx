"use client";

import Link from "next/link";
import type { ImportResult } from "@/lib/domain/registry/import/import-identities";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ImportResultTable } from "./import-result-table";

/**
 * What the last run found: the counts, then the way on (commit, or fix the file), then every row.
 * `onCommit` is offered only after a clean dry run with something to write.
 */
export function ImportResultView({
  result,
  fileName,
  pending,
  onCommit,
}: {
  result: ImportResult;
  fileName: string;
  pending: boolean;
  onCommit: () => void;
}) {
  const { counts } = result;
  const toWrite = counts.create + counts.update;
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
        {counts.create} to create, {counts.update} to update, {counts.unchanged} unchanged, {counts.reject} rejected, {counts.skipped}{" "}
        skipped.
      </p>
      {!result.committed && counts.reject === 0 && toWrite > 0 && (
        <div>
          <Button variant="primary" pending={pending} pendingLabel="Importing…" onClick={onCommit}>
            Import {toWrite} identities
          </Button>
        </div>
      )}
      {!result.committed && counts.reject === 0 && toWrite === 0 && (
        <p className="text-sm text-slate-600">Nothing to import: every row is unchanged or skipped.</p>
      )}
      {counts.reject > 0 && (
        <Alert tone="error">
          Fix the rejected rows in the file and run the dry run again; nothing is imported while any row is rejected.
        </Alert>
      )}
      {result.committed && (
        <Alert tone="success">
          {toWrite} identities written.{" "}
          <Link href="/registry" className="font-medium underline">
            Open the registry
          </Link>
        </Alert>
      )}
      <ImportResultTable result={result} />
    </section>
  );
}
