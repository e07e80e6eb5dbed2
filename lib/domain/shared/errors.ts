import { sqlState } from "@/lib/db/database-errors";

export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "VALIDATION" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "RATE_LIMITED";

export type FieldErrors = Record<string, string[]>;

/** The one mapping from domain error codes to HTTP status, used by every route handler. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
  }
}

export type Failure = { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors };
export type Result<T> = { ok: true; data: T } | Failure;

/**
 * Database refusals that only a caller's input can cause, by SQLSTATE class. Validation at the boundary
 * should catch these first; this is the net under it, so a race (two people creating the same user at
 * once) or an input nobody foresaw is a 4xx naming the problem, never a 500.
 */
export function fromDatabaseError(error: unknown): DomainError | undefined {
  const state = sqlState(error);
  if (!state) return undefined;
  if (state === "23505")
    return new DomainError("CONFLICT", "That already exists (someone may have just created it). Reload and try again.");
  if (state === "23503")
    return new DomainError("VALIDATION", "The input refers to something that does not exist (it may have just been removed).");
  if (state.startsWith("22") || state === "23514" || state === "23502")
    return new DomainError("VALIDATION", "The input has a value the database cannot store (out of range, or not valid text).");
  return undefined;
}

/** A domain or caller-caused database error as a typed failure; anything else is a real fault and is thrown on. */
export function toFailure(error: unknown): Failure {
  const known = error instanceof DomainError ? error : fromDatabaseError(error);
  if (known) return { ok: false, code: known.code, message: known.message, fieldErrors: known.fieldErrors };
  throw error;
}
