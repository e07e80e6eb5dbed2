"use client";

import { useState, useTransition, type FormEvent } from "react";
import type { ImportResult } from "@/lib/domain/registry/import/import-identities";
import { ENVIRONMENTS } from "@/lib/domain/registry/vocabulary";
import { Alert } from "../ui/alert";

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const ACTION_TONES = {
  create: "text-emerald-700",
  update: "text-sky-700",
  unchanged: "text-slate-500",
  reject: "font-medium text-red-700",
} as const;
const MB = 1_048_576;

type Upload = { file: File; query: URLSearchParams };
type Answer = { ok: true; data: ImportResult } | { ok: false; message: string };

/**
 * The file goes to the import route as the request body, streamed by the browser from disk: never read
 * into this page, never through a server action (whose body Next.js holds in memory).
 */
async function upload({ file, query }: Upload, dryRun: boolean): Promise<Answer> {
  const params = new URLSearchParams(query);
  params.set("dryRun", String(dryRun));
  try {
    const response = await fetch(`/api/registry/import?${params}`, { method: "POST", body: file, credentials: "same-origin" });
    const answer = (await response.json().catch(() => null)) as Answer | null;
    return answer ?? { ok: false, message: `The import failed (HTTP ${response.status}). Try again.` };
  } catch {
    return { ok: false, message: "The upload was interrupted. Check the connection and try again." };
  }
}

/** Upload, dry run (always first), then commit the very same file. */
export function ImportForm({ formats, maxBytes }: { formats: [string, string][]; maxBytes: number }) {
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [request, setRequest] = useState<Upload | null>(null);

  function send(next: Upload, dryRun: boolean) {
    startTransition(async () => {
      const answer = await upload(next, dryRun);
      if (answer.ok) {
        setResult(answer.data);
        setError(null);
      } else {
        setError(answer.message);
        if (!dryRun) setResult(null);
      }
    });
  }

  function dryRun(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setError("Choose a file to import.");
      return;
    }
    if (file.size > maxBytes) {
      setError(
        `The file is ${Math.ceil(file.size / MB)} MB; the import limit is ${Math.round(maxBytes / MB)} MB (IMPORT_MAX_MB). Split the file, or ask the operator to raise the limit.`,
      );
      return;
    }
    const query = new URLSearchParams();
    for (const name of ["format", "environment", "cluster", "org"]) {
      const value = data.get(name);
      if (typeof value === "string" && value) query.set(name, value);
    }
    const next = { file, query };
    setRequest(next);
    send(next, true);
  }

  return (
    <div className="flex flex-col gap-4">
      <form
        onSubmit={dryRun}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
        aria-label="Import a file"
      >
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Format
          <select name="format" className={input}>
            {formats.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Environment (when the file does not say)
          <select name="environment" className={input}>
            {ENVIRONMENTS.map((e) => (
              <option key={e}>{e}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Cluster (Kubernetes)
          <input name="cluster" className={`${input} w-32`} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Organization (GitHub)
          <input name="org" className={`${input} w-32`} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          File
          <input name="file" type="file" accept=".csv,.json,text/csv,application/json" className="text-sm" />
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          Dry run
        </button>
        {pending && request && (
          <p role="status" className="text-sm text-slate-600">
            Uploading and checking {request.file.name} ({Math.max(1, Math.round(request.file.size / MB))} MB): large files take a few
            minutes…
          </p>
        )}
      </form>
      {error && <Alert tone="error">{error}</Alert>}
      {result && (
        <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="import-result">
          <p className="mb-3 text-sm" data-testid="import-counts">
            {result.committed ? "Imported: " : "Dry run, nothing written: "}
            {result.counts.create} to create, {result.counts.update} to update, {result.counts.unchanged} unchanged, {result.counts.reject}{" "}
            rejected, {result.counts.skipped} skipped.
          </p>
          {!result.committed && result.counts.reject === 0 && result.counts.create + result.counts.update > 0 && request && (
            <button
              type="button"
              disabled={pending}
              onClick={() => send(request, false)}
              className="mb-3 rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white"
            >
              Import {result.counts.create + result.counts.update} identities
            </button>
          )}
          {result.counts.reject > 0 && (
            <p className="mb-3 text-sm text-red-700">
              Fix the rejected rows in the file and run the dry run again; nothing is imported while any row is rejected.
            </p>
          )}
          <table className="min-w-full text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1">Row</th>
                <th>Outcome</th>
                <th>Identity</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {result.items.map((item) => (
                <tr key={`${item.row}-${item.key}`}>
                  <td className="py-1">{item.row}</td>
                  <td className={ACTION_TONES[item.action]}>{item.action}</td>
                  <td>{item.name}</td>
                  <td className="text-xs">{item.errors?.map((e) => `${e.field}: ${e.reason}`).join("; ") ?? item.changes?.join(", ")}</td>
                </tr>
              ))}
              {result.skipped.map((s) => (
                <tr key={`skipped-${s.row}`}>
                  <td className="py-1">{s.row}</td>
                  <td className="text-slate-500">skipped</td>
                  <td>{s.name}</td>
                  <td className="text-xs">{s.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
