"use client";

import Link from "next/link";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { flushSync } from "react-dom";
import type { ImportResult } from "@/lib/domain/registry/import/import-identities";
import type { FieldErrors } from "@/lib/domain/shared/errors";
import { Button } from "../ui/button";
import { FormStatus } from "../ui/form-status";
import { ImportFields } from "./import-fields";
import { ImportProgress } from "./import-progress";
import { ImportResultView } from "./import-result";
import { fileProblem, OPTIONS, type Progress, upload, type Upload } from "./import-upload";

// A file refused before upload is told at its field only; the server's refusals also above the result.
type Failure = { message: string | null; fieldErrors: FieldErrors };
/** The run under way: which kind, and how far it is. */
type Running = { dryRun: boolean; progress: Progress };

/** Upload, dry run (always first), then commit the very same file. */
export function ImportForm({ formats, maxBytes }: { formats: [string, string][]; maxBytes: number }) {
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, startTransition] = useTransition();
  const [request, setRequest] = useState<Upload | null>(null);
  const [running, setRunning] = useState<Running | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  function send(next: Upload, dryRun: boolean) {
    setRunning({ dryRun, progress: { phase: "uploading", sent: 0, total: next.file.size } });
    startTransition(async () => {
      const answer = await upload(next, dryRun, (progress) => setRunning({ dryRun, progress }));
      setRunning(null);
      if (answer.ok) {
        setResult(answer.data);
        setFailure(null);
      } else {
        setFailure({ message: answer.message, fieldErrors: answer.fieldErrors ?? {} });
        if (!dryRun) setResult(null);
      }
    });
  }

  function dryRun(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get("file");
    const problem = fileProblem(file, maxBytes);
    if (problem || !(file instanceof File)) {
      // Rendered before the focus moves, so the error is read out as the field's description.
      flushSync(() => setFailure({ message: null, fieldErrors: { content: [problem ?? "Choose a file to import."] } }));
      formRef.current?.querySelector<HTMLInputElement>("input[type=file]")?.focus();
      return;
    }
    const query = new URLSearchParams();
    for (const name of OPTIONS) {
      const value = data.get(name);
      if (typeof value === "string" && value) query.set(name, value);
    }
    const next = { file, query };
    setRequest(next);
    setResult(null);
    send(next, true);
  }

  // A result describes the file and options it was run with: once either changes, offering its commit
  // would import something other than what the form shows, so it goes until the next dry run.
  function changed() {
    if (pending) return;
    setResult(null);
    setFailure(null);
  }

  return (
    <div className="flex max-w-5xl flex-col gap-4">
      <form
        ref={formRef}
        onSubmit={dryRun}
        onChange={changed}
        className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 [&>*]:min-w-0"
        aria-label="Import a file"
        noValidate
      >
        <ImportFields formats={formats} maxBytes={maxBytes} errors={failure?.fieldErrors ?? {}} />
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <Button type="submit" variant="primary" pending={pending}>
            Dry run
          </Button>
          {running?.dryRun && request ? (
            <ImportProgress progress={running.progress} fileName={request.file.name} dryRun />
          ) : (
            <span className="text-xs text-slate-600">
              Checks every row and writes nothing; you import after it. Past imports are in the{" "}
              <Link href="/registry/imports" className="underline underline-offset-2">
                import history
              </Link>
              .
            </span>
          )}
        </div>
      </form>
      <FormStatus message={failure?.message && !pending ? { tone: "error", text: failure.message } : null} />
      {result && request && (
        <ImportResultView
          result={result}
          fileName={request.file.name}
          pending={pending}
          progress={running && !running.dryRun ? running.progress : null}
          onCommit={() => send(request, false)}
        />
      )}
    </div>
  );
}
