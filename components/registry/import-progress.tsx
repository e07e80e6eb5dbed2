"use client";

import { MB, type Progress } from "./import-upload";

const mb = (bytes: number) => (bytes / MB).toLocaleString("en", { maximumFractionDigits: bytes < 10 * MB ? 1 : 0 });

/**
 * How far a run is: a bar with the upload's bytes, then an indeterminate bar while the server reads and
 * checks the rows (it says nothing until it is done). The phase is announced once, not every percent.
 */
export function ImportProgress({ progress, fileName, dryRun }: { progress: Progress; fileName: string; dryRun: boolean }) {
  const uploading = progress.phase === "uploading";
  const percent = uploading && progress.total > 0 ? Math.min(100, Math.round((progress.sent / progress.total) * 100)) : null;
  return (
    <div className="flex w-full max-w-xl flex-col gap-1" data-testid="import-progress" data-phase={progress.phase}>
      <p role="status" className="text-sm text-slate-800">
        {uploading
          ? `Uploading ${fileName}…`
          : dryRun
            ? "Checking… rows are being read and checked; nothing is written. Large files take a few minutes: keep this page open."
            : "Importing… rows are being checked and written. Large files take a few minutes: keep this page open."}
      </p>
      {uploading ? (
        <>
          <progress className="h-2 w-full accent-slate-900" max={100} value={percent ?? 0} aria-label={`Uploading ${fileName}`} />
          <span className="text-xs tabular-nums text-slate-700">
            {percent ?? 0}% · {mb(progress.sent)} of {mb(progress.total)} MB
          </span>
        </>
      ) : (
        <progress className="h-2 w-full accent-slate-900" aria-label={dryRun ? "Checking rows" : "Importing rows"} />
      )}
    </div>
  );
}
