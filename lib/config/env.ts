import { z } from "zod";
import { ROLES, type Role } from "../domain/authz/roles";

// Every setting is validated once at start-up, so a bad value stops the console with a message that names
// the setting instead of failing later, half-way through a request.

export class ConfigError extends Error {}

const bool = (name: string) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], { error: `${name} must be true or false` })
    .transform((v) => v === "true" || v === "1" || v === "yes")
    .optional();

const number = (name: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);

const databaseUrl = z
  .string()
  .trim()
  .optional()
  .superRefine((value, ctx) => {
    if (!value || value === "memory://") return;
    if (/^postgres(ql)?:\/\//.test(value)) {
      try {
        if (!new URL(value).hostname) throw new Error("no host");
      } catch {
        ctx.addIssue({ code: "custom", message: "DATABASE_URL is not a valid postgres URL (postgres://user@host:5432/db)" });
      }
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
      ctx.addIssue({
        code: "custom",
        message: "DATABASE_URL must be a postgres:// URL or a folder for the embedded database",
      });
    }
  });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: databaseUrl,
  NEXTAUTH_URL: z.url({ error: "NEXTAUTH_URL must be the console's public URL, e.g. https://nhi.example.com" }).optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  SESSION_MAX_AGE_HOURS: number("SESSION_MAX_AGE_HOURS", 0.05, 720, 8),
  SESSION_IDLE_MINUTES: number("SESSION_IDLE_MINUTES", 1, 1440, 60),
  SEED_DEMO_DATA: bool("SEED_DEMO_DATA"),
  TEST_CLOCK_FILE: z.string().trim().min(1).optional(),
  OIDC_ISSUER: z.url({ error: "OIDC_ISSUER must be the identity provider's issuer URL" }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_DISPLAY_NAME: z.string().min(1).default("Single sign-on"),
  OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  OIDC_SCOPES: z
    .string()
    .regex(/\bopenid\b/, "OIDC_SCOPES must include openid")
    .default("openid email profile"),
  OIDC_ROLE_MAP: z.string().default(""),
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: number("SIGNIN_MAX_FAILURES_PER_ACCOUNT", 1, 1000, 5),
  SIGNIN_MAX_FAILURES_PER_ADDRESS: number("SIGNIN_MAX_FAILURES_PER_ADDRESS", 1, 100000, 30),
  SIGNIN_WINDOW_MINUTES: number("SIGNIN_WINDOW_MINUTES", 1, 1440, 15),
  IMPORT_MAX_MB: number("IMPORT_MAX_MB", 1, 10240, 1024),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587")
    .optional(),
  MAIL_FROM: z
    .string()
    .min(3, "MAIL_FROM must be an address such as NHI Console <nhi@example.com>")
    .default("NHI Console <nhi-console@localhost>"),
  API_TOKEN_MAX_DAYS: number("API_TOKEN_MAX_DAYS", 1, 365, 90),
  JOBS_ENABLED: bool("JOBS_ENABLED"),
  WEBHOOK_TIMEOUT_SECONDS: number("WEBHOOK_TIMEOUT_SECONDS", 1, 60, 10),
  WEBHOOK_MAX_ATTEMPTS: number("WEBHOOK_MAX_ATTEMPTS", 1, 20, 6),
  WEBHOOK_RETRY_BASE_SECONDS: number("WEBHOOK_RETRY_BASE_SECONDS", 1, 3600, 30),
  WEBHOOK_DISABLE_AFTER_FAILURES: number("WEBHOOK_DISABLE_AFTER_FAILURES", 1, 1000, 10),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
});

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  displayName: string;
  scopes: string;
  groupsClaim: string;
  roleMap: Record<string, Role[]>;
};

export type AppConfig = {
  nodeEnv: "development" | "production" | "test";
  databaseUrl: string | undefined;
  publicUrl: string;
  authSecret: string | undefined;
  sessionMaxAgeSeconds: number;
  /** A session without a request for this long has ended, whatever its absolute lifetime says. */
  sessionIdleSeconds: number;
  seedDemoData: boolean;
  oidc: OidcConfig | null;
  signInLimits: { perAccount: number; perAddress: number; windowMs: number };
  /** Largest registry import body accepted, in bytes; a larger one is refused (413), never cut. */
  importMaxBytes: number;
  /** Outgoing mail; without SMTP_URL notifications stay in the console's inbox only. */
  mail: { smtpUrl: string | null; from: string };
  /** The longest life an API token may be given, in days (at most 365; 30 is the default offered). */
  apiTokenMaxDays: number;
  /** Whether this process runs the scheduler (on by default; several instances share the work safely). */
  jobsEnabled: boolean;
  /** Webhook delivery: timeout per attempt, attempts per delivery, first retry wait (x4 each time), failures in a row before an endpoint is disabled. */
  webhooks: { timeoutMs: number; maxAttempts: number; retryBaseMs: number; disableAfterFailures: number };
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** End-to-end tests only, never on PostgreSQL: a file with the seconds this process's clock runs ahead. */
  testClockFile: string | null;
};

/** Parses "group:role,group:role" (several roles per group allowed) into a lookup. */
export function parseRoleMap(text: string): Record<string, Role[]> {
  const map: Record<string, Role[]> = {};
  for (const pair of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.lastIndexOf(":");
    const group = pair.slice(0, at).trim();
    const role = pair.slice(at + 1).trim() as Role;
    if (at <= 0 || !ROLES.includes(role)) {
      throw new ConfigError(`OIDC_ROLE_MAP: "${pair}" is not group:role with a role among ${ROLES.join(", ")}`);
    }
    (map[group] ??= []).push(role);
  }
  return map;
}

export function parseEnv(env: Record<string, string | undefined>): AppConfig {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(blankless);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "setting");
      return issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n- ${lines.join("\n- ")}`);
  }
  const e = parsed.data;
  const postgres = !!e.DATABASE_URL && /^postgres/.test(e.DATABASE_URL);
  if (e.NODE_ENV === "production" && postgres && !e.NEXTAUTH_SECRET) {
    throw new ConfigError(
      "Invalid configuration:\n- NEXTAUTH_SECRET is required in production on PostgreSQL (at least 32 random characters)",
    );
  }
  if (e.TEST_CLOCK_FILE && postgres) {
    throw new ConfigError(
      "Invalid configuration:\n- TEST_CLOCK_FILE moves the clock for end-to-end tests; it is refused on PostgreSQL, where the console runs for real",
    );
  }
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.NEXTAUTH_URL ?? `http://localhost:${env.PORT ?? 3000}`,
    authSecret: e.NEXTAUTH_SECRET,
    sessionMaxAgeSeconds: Math.round(e.SESSION_MAX_AGE_HOURS * 3600),
    sessionIdleSeconds: Math.round(e.SESSION_IDLE_MINUTES * 60),
    // Demo accounts have published passwords: never on a production PostgreSQL unless asked for.
    seedDemoData: e.SEED_DEMO_DATA ?? !(e.NODE_ENV === "production" && postgres),
    oidc: parseOidc(e),
    signInLimits: {
      perAccount: e.SIGNIN_MAX_FAILURES_PER_ACCOUNT,
      perAddress: e.SIGNIN_MAX_FAILURES_PER_ADDRESS,
      windowMs: e.SIGNIN_WINDOW_MINUTES * 60_000,
    },
    importMaxBytes: e.IMPORT_MAX_MB * 1_048_576,
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    apiTokenMaxDays: e.API_TOKEN_MAX_DAYS,
    jobsEnabled: e.JOBS_ENABLED ?? true,
    webhooks: {
      timeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_SECONDS * 1000,
      disableAfterFailures: e.WEBHOOK_DISABLE_AFTER_FAILURES,
    },
    logLevel: e.LOG_LEVEL,
    testClockFile: e.TEST_CLOCK_FILE ?? null,
  };
}

function parseOidc(e: z.infer<typeof schema>): OidcConfig | null {
  if (!e.OIDC_ISSUER) {
    if (e.OIDC_CLIENT_ID || e.OIDC_CLIENT_SECRET) {
      throw new ConfigError("Invalid configuration:\n- OIDC_ISSUER is required when OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is set");
    }
    return null;
  }
  const missing = [!e.OIDC_CLIENT_ID && "OIDC_CLIENT_ID", !e.OIDC_CLIENT_SECRET && "OIDC_CLIENT_SECRET"].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigError(
      `Invalid configuration:\n- ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} required when OIDC_ISSUER is set`,
    );
  }
  return {
    issuer: e.OIDC_ISSUER.replace(/\/$/, ""),
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    displayName: e.OIDC_DISPLAY_NAME,
    scopes: e.OIDC_SCOPES,
    groupsClaim: e.OIDC_GROUPS_CLAIM,
    roleMap: parseRoleMap(e.OIDC_ROLE_MAP),
  };
}

let cached: AppConfig | undefined;

/** The validated configuration of this process; throws ConfigError naming the bad setting. */
export function getConfig(): AppConfig {
  cached ??= parseEnv(process.env);
  return cached;
}
