import type { ImportResult } from "@/lib/domain/registry/import/import-identities";
import type { FieldErrors } from "@/lib/domain/shared/errors";

export const MB = 1_048_576;

/** The chosen file and the options it was checked with: a commit sends exactly these again. */
export type Upload = { file: File; query: URLSearchParams };
export type Answer = { ok: true; data: ImportResult } | { ok: false; message: string; fieldErrors?: FieldErrors };

/** The query options the route takes, from the form (empty ones left out). */
export const OPTIONS = ["format", "environment", "cluster", "org"] as const;

/** Why this file cannot be sent, before a byte of it is uploaded; null when it can. */
export function fileProblem(file: FormDataEntryValue | null, maxBytes: number): string | null {
  if (!(file instanceof File) || file.size === 0) return "Choose a file to import.";
  if (file.size > maxBytes) {
    return `The file is ${Math.ceil(file.size / MB)} MB; the import limit is ${Math.round(maxBytes / MB)} MB (IMPORT_MAX_MB). Split the file, or ask the operator to raise the limit.`;
  }
  return null;
}

/**
 * The file goes to the import route as the request body, streamed by the browser from disk: never read
 * into this page, never through a server action (whose body Next.js holds in memory).
 */
export async function upload({ file, query }: Upload, dryRun: boolean): Promise<Answer> {
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
