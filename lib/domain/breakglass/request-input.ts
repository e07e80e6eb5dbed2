import { z } from "zod";
import { optionalIsoDate } from "../shared/input";
import { safeText } from "../shared/safe-text";
import { ENVIRONMENTS, LEVELS } from "../registry/vocabulary";

/** One elevated scope: what may be done, at which level, where. */
export const elevatedScopeSchema = z.object({
  resource: safeText("scopes: resource")
    .trim()
    .min(1, "scopes: resource is required")
    .max(200, "scopes: resource must be at most 200 characters"),
  action: safeText("scopes: action").trim().min(1, "scopes: action is required").max(100, "scopes: action must be at most 100 characters"),
  level: z.enum(LEVELS, { error: `scopes: level must be one of ${LEVELS.join(", ")}` }),
  environment: z.enum(ENVIRONMENTS, { error: `scopes: environment must be one of ${ENVIRONMENTS.join(", ")}` }),
});
export type ElevatedScope = z.output<typeof elevatedScopeSchema>;

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const requestElevationSchema = z.object({
  identityId: z.uuid("identityId must be an identity id"),
  scopes: z
    .array(elevatedScopeSchema, { error: "scopes must be a list of { resource, action, level, environment }" })
    .min(1, "scopes: name at least one elevated scope")
    .max(20, "scopes: at most 20 per request"),
  reason: safeText("reason")
    .trim()
    .min(3, "reason is required: say why the elevation is needed (at least 3 characters)")
    .max(1_000, "reason must be at most 1000 characters"),
  ticket: z.preprocess(
    blankToUndefined,
    safeText("ticket").trim().min(1, "ticket must not be blank").max(200, "ticket must be at most 200 characters").optional(),
  ),
  durationMinutes: z.coerce
    .number({ error: "durationMinutes must be a whole number of minutes" })
    .int("durationMinutes must be a whole number of minutes")
    .min(1, "durationMinutes must be at least 1")
    .max(14 * 24 * 60, "durationMinutes must be at most 20160 (14 days)"),
  /** When the elevation should start (ISO 8601); now when absent. */
  startAt: z.preprocess(blankToUndefined, optionalIsoDate("startAt").optional()),
  emergency: z.preprocess(
    (v) => (v === "true" ? true : v === "false" ? false : v),
    z.boolean({ error: "emergency must be true or false" }).default(false),
  ),
  /** An extension: the active request this one continues (same identity). */
  extendsRequestId: z.preprocess(blankToUndefined, z.uuid("extendsRequestId must be a break-glass request id").optional()),
});
export type RequestElevationInput = z.output<typeof requestElevationSchema>;

/** "payments-db:admin (admin, production)": scopes in words, for labels and messages. */
export const scopesInWords = (scopes: readonly ElevatedScope[]) =>
  scopes.map((s) => `${s.resource}:${s.action} (${s.level}, ${s.environment})`).join(", ");
