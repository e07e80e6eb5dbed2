import type { ImportResult } from "@/lib/domain/registry/import/import-identities";
import type { FieldErrors } from "@/lib/domain/shared/errors";

export const MB = 1_048_576;

/** The chosen file and the options it was checked with: a commit sends exactly these again. */
export type Upload = { file: File; query: URLSearchParams };
export type Answer = { ok: true; data: ImportResult } | { ok: false; message: string; fieldErrors?: FieldErrors };

/** Where a run is: the file going up (bytes sent so far), then the server reading and checking its rows. */
export type Progress = { phase: "uploading"; sent: number; total: number } | { phase: "checking" };

/** The query options the route takes, from the form (empty ones left out). */
export const OPTIONS = ["format", "environment", "cluster", "org", "arn", "fullExport", "registerDormant"] as const;

/** Why this file cannot be sent, before a byte of it is uploaded; null when it can. */
export function fileProblem(file: FormDataEntryValue | null, maxBytes: number): string | null {
  if (!(file instanceof File) || file.size === 0) return "Choose a file to import.";
  if (file.size > maxBytes) {
    return `The file is ${Math.ceil(file.size / MB)} MB; the import limit is ${Math.round(maxBytes / MB)} MB (IMPORT_MAX_MB). Split the file, or ask the operator to raise the limit.`;
  }
  return null;
}

const INTERRUPTED = "The upload was interrupted. Check the connection and try again.";

/**
 * The file goes to the import route as the request body, streamed by the browser from disk: never read
 * into this page, never through a server action (whose body Next.js holds in memory). XMLHttpRequest
 * rather than fetch, because only it reports the upload's progress; once the last byte is sent the
 * server reads and checks the rows, which `onProgress` says as the "checking" phase.
 */
export function upload({ file, query }: Upload, dryRun: boolean, onProgress: (progress: Progress) => void = () => {}): Promise<Answer> {
  const params = new URLSearchParams(query);
  params.set("dryRun", String(dryRun));
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/registry/import?${params}`);
    xhr.withCredentials = true;
    xhr.responseType = "text";
    onProgress({ phase: "uploading", sent: 0, total: file.size });
    xhr.upload.onprogress = (event) =>
      onProgress({ phase: "uploading", sent: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.upload.onload = () => onProgress({ phase: "checking" });
    xhr.onload = () => {
      let answer: Answer | null = null;
      try {
        answer = JSON.parse(xhr.responseText) as Answer;
      } catch {
        answer = null;
      }
      resolve(answer ?? { ok: false, message: `The import failed (HTTP ${xhr.status}). Try again.` });
    };
    xhr.onerror = () => resolve({ ok: false, message: INTERRUPTED });
    xhr.onabort = () => resolve({ ok: false, message: INTERRUPTED });
    xhr.send(file);
  });
}
