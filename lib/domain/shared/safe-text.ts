import { storableText } from "./input";
import { detectSecret, secretMessage } from "./secret-detector";

/**
 * Free text the console stores or writes to the audit log: a status reason, a display name, a note.
 * Text the database cannot store is refused (storableText), and so is text that looks like a secret, with
 * the field named: once in the hash-chained audit log, a secret cannot be removed without breaking the chain.
 *
 * Drop it in wherever a schema says `z.string()` for stored text, and chain the usual checks after it:
 *
 *   reason: safeText("reason").trim().min(1, "reason is required").max(500, "reason must be at most 500 characters"),
 *   name: safeText("name").trim().max(200, "name must be at most 200 characters").optional(),
 *
 * The secret check is asynchronous (secretlint), so a schema using it must be parsed with `parseAsync` or
 * `safeParseAsync`; a synchronous `parse` throws. Fields parsed together share one lint call.
 *
 * Values that must be audited but may not be refused (a typed sign-in email, a search term) are not for
 * safeText: they go through redactSecrets (redact-secrets.ts) instead, as every audit event does.
 */
export const safeText = (field: string) =>
  storableText(field).superRefine(async (value, ctx) => {
    const kind = await detectSecret(value);
    if (kind) ctx.addIssue({ code: "custom", message: `${field} ${secretMessage(kind)}` });
  });
