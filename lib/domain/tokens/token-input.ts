import { z } from "zod";
import { safeText } from "../shared/safe-text";
import { type Action } from "../authz/policy";
import { isTokenScope } from "./token-scopes";

/** What the token use-cases need from the server: the longest life a token may be given (API_TOKEN_MAX_DAYS). */
export type TokenDeps = { maxDays: number };

/** Tokens live 30 days unless their creator says otherwise (never longer than the configured maximum). */
export const DEFAULT_TOKEN_DAYS = 30;
/** The ceiling of API_TOKEN_MAX_DAYS itself: no token lives longer than a year. */
export const TOKEN_DAYS_CEILING = 365;

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

const scopesSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[,\s]+/).filter(Boolean) : (v ?? [])),
  z
    .array(z.string({ error: "scopes must be policy action names" }).max(100, "scopes must be policy action names"), {
      error: "scopes must be a list of policy action names",
    })
    .min(1, "scopes must include at least one thing the token may do")
    .max(100, "scopes must be at most 100")
    .superRefine((scopes, ctx) => {
      for (const scope of scopes)
        if (!isTokenScope(scope))
          ctx.addIssue({
            code: "custom",
            message: `scopes may not include ${JSON.stringify(scope.slice(0, 60))}: it is not something a token may do (approving, certifying, changing policy and making tokens need a person signed in)`,
          });
    })
    .transform((scopes) => [...new Set(scopes)].sort() as Action[]),
);

const daysSchema = (maxDays: number) => {
  const max = Math.min(Math.max(1, Math.floor(maxDays)), TOKEN_DAYS_CEILING);
  return z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "expiresInDays must be a number of days" })
      .int("expiresInDays must be whole days")
      .min(1, "expiresInDays must be at least 1 day")
      .max(max, `expiresInDays must be at most ${max} days here (API_TOKEN_MAX_DAYS)`)
      .default(Math.min(DEFAULT_TOKEN_DAYS, max)),
  );
};

const tokenFields = (maxDays: number) =>
  z.object({
    name: safeText("name")
      .trim()
      .min(1, "name is required: what will you know this token by?")
      .max(100, "name must be at most 100 characters"),
    purpose: safeText("purpose")
      .trim()
      .min(3, "purpose is required: say what the token is for (at least 3 characters)")
      .max(500, "purpose must be at most 500 characters"),
    scopes: scopesSchema,
    expiresInDays: daysSchema(maxDays),
  });

export const createPersonalTokenSchema = (maxDays: number) => tokenFields(maxDays);

export const SPONSORED_KINDS = ["service", "agent"] as const;

export const createServiceTokenSchema = (maxDays: number) =>
  tokenFields(maxDays).extend({
    kind: z.enum(SPONSORED_KINDS, { error: "kind must be service or agent" }),
    ownerId: z.preprocess(
      blankToUndefined,
      z.uuid({
        error: (issue) =>
          issue.input === undefined
            ? "ownerId is required: name the person who answers for this token (its sponsor)"
            : "ownerId must be a user",
      }),
    ),
  });

export const tokenIdSchema = z.object({ id: z.uuid("id must be a token id") });
