import { z } from "zod";
import { optionalIsoDate } from "../shared/input";
import { safeText } from "../shared/safe-text";
import { CREDENTIAL_TYPES, ENVIRONMENTS, KINDS, LEVELS } from "./vocabulary";

const oneOf = (field: string, values: readonly string[]) => ({ error: `${field} must be one of ${values.join(", ")}` });

/** No text the registry stores may be a secret (safeText): every field checks, so the error names the field. */
const text = (field: string, max: number) =>
  safeText(field).trim().min(1, `${field} is required`).max(max, `${field} must be at most ${max} characters`);

const optionalText = (field: string, max: number) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), text(field, max).optional());

const tag = safeText("tag")
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9:_.\/-]{0,63}$/, "tags are lowercase letters, digits and : _ . / - (at most 64 characters)");

export const tagsSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[,\s]+/).filter(Boolean) : (v ?? [])),
  z
    .array(tag)
    .max(50, "at most 50 tags")
    .transform((tags) => [...new Set(tags)].sort()),
);

const userRef = (field: string) => z.preprocess((v) => (v === "" ? null : v), z.uuid(`${field} must be a user`).nullable().optional());

export const identityFieldsSchema = z.object({
  name: text("name", 200),
  kind: z.enum(KINDS, oneOf("kind", KINDS)),
  platform: text("platform", 100).transform((v) => v.toLowerCase()),
  externalId: text("externalId", 500),
  environment: z.enum(ENVIRONMENTS, oneOf("environment", ENVIRONMENTS)),
  purpose: text("purpose", 1000),
  team: optionalText("team", 100),
  vendor: optionalText("vendor", 200),
  tags: tagsSchema,
  credentialType: z.preprocess(
    (v) => (v === "" ? null : v),
    z.enum(CREDENTIAL_TYPES, oneOf("credentialType", CREDENTIAL_TYPES)).nullable().optional(),
  ),
  credentialIssuedAt: optionalIsoDate("credentialIssuedAt"),
  credentialRotatedAt: optionalIsoDate("credentialRotatedAt"),
  credentialExpiresAt: optionalIsoDate("credentialExpiresAt"),
  lastUsedAt: optionalIsoDate("lastUsedAt"),
});

export type IdentityFields = z.infer<typeof identityFieldsSchema>;

export const createIdentitySchema = identityFieldsSchema
  .extend({
    ownerId: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z.uuid({
        error: (issue) =>
          issue.input === undefined ? "ownerId is required: every identity needs a named owner" : "ownerId must be a user",
      }),
    ),
    backupOwnerId: userRef("backupOwnerId"),
  })
  .superRefine((v, ctx) => {
    if (v.ownerId === v.backupOwnerId)
      ctx.addIssue({ code: "custom", path: ["backupOwnerId"], message: "the backup owner must be someone other than the owner" });
  });

export const entitlementSchema = z.object({
  resource: text("resource", 300),
  action: text("action", 100),
  level: z.enum(LEVELS, oneOf("level", LEVELS)),
  environment: z.preprocess((v) => (v === "" ? null : v), z.enum(ENVIRONMENTS, oneOf("environment", ENVIRONMENTS)).nullable().optional()),
});

export type EntitlementInput = z.infer<typeof entitlementSchema>;
