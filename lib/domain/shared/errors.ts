export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "VALIDATION" | "CONFLICT" | "RATE_LIMITED";

export type FieldErrors = Record<string, string[]>;

/** The one mapping from domain error codes to HTTP status, used by every route handler. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
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

export function toFailure(error: unknown): Failure {
  if (error instanceof DomainError) {
    return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  }
  throw error;
}
