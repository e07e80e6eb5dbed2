import type { z } from "zod";
import { DomainError, type FieldErrors } from "./errors";

/**
 * Parses input with a zod schema; a failure names each field and its problem. Asynchronous because free
 * text is checked for secrets (safeText) by a rule engine that is; fields parsed together share one check.
 */
export async function validate<S extends z.ZodType>(schema: S, input: unknown): Promise<z.infer<S>> {
  const parsed = await schema.safeParseAsync(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join(".") || "input";
    (fieldErrors[field] ??= []).push(issue.message);
  }
  const summary = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
    .join("; ");
  throw new DomainError("VALIDATION", `Please correct the input. ${summary}`, fieldErrors);
}
