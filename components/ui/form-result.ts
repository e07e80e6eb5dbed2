import type { FieldErrors } from "@/lib/domain/shared/errors";

/** What a server action answers, as the client forms see it. */
export type ActionResult<T = unknown> = { ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors?: FieldErrors };
