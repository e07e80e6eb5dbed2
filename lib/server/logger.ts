import "server-only";
import pino, { type DestinationStream, type Logger } from "pino";
import type { Actor } from "@/lib/domain/authz/actor";
import { redactSecrets } from "@/lib/domain/shared/redact-secrets";
import { getConfig } from "@/lib/config/env";
import { requestIdFrom } from "@/lib/http/request-id";

// The operator's log: one JSON line per API request, per use-case run by a page or server action, and per job run, on stdout (collect
// it with whatever runs the process). What a line may hold is chosen field by field below, never copied from
// a request: no header, cookie, body or query string is ever logged, and people appear by id (user id, token
// id), never by email or name. The audit log says who did what; this log says how the server is doing.
// Free text that can carry a caller's input (a path, an error message) is passed through the same secret
// redaction as the audit log first. pino's `redact` is the net under that: should a field named like a
// credential ever be added to a line, its value is replaced.

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

/** Field paths whose values are replaced by "[redacted]" wherever a line would carry them. */
export const REDACTED_PATHS = [
  "authorization",
  "cookie",
  "headers",
  "password",
  "secret",
  "token",
  "sessionToken",
  "apiKey",
  "*.authorization",
  "*.Authorization",
  "*.cookie",
  "*.Cookie",
  '*["set-cookie"]',
  "*.headers",
  "*.password",
  "*.secret",
  "*.token",
  "*.sessionToken",
  "*.apiKey",
];

/** A logger writing JSON lines to `destination` (stdout by default). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "nhi-console" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}

let root: Logger | undefined;

/** The process's logger, at LOG_LEVEL. */
export function logger(): Logger {
  root ??= createLogger(getConfig().logLevel);
  return root;
}

// ---- who ------------------------------------------------------------------------------------------------

export type LoggedActor = { type: Actor["type"] | "none"; id?: string; kind?: string; ownerId?: string };

/** The actor by id only: a person's user id, a token's id, its kind and its owner's id; the system by its job label. */
export function loggedActor(actor: Actor | null | undefined): LoggedActor {
  if (!actor) return { type: "none" };
  switch (actor.type) {
    case "user":
      return { type: "user", id: actor.userId };
    case "token":
      return { type: "token", id: actor.tokenId, kind: actor.tokenKind, ownerId: actor.owner.userId };
    case "system":
      return { type: "system", id: actor.label };
    default:
      // An anonymous actor's label may be what someone typed at sign-in (an email): not logged.
      return { type: "anonymous" };
  }
}

// ---- text that may carry a caller's input -----------------------------------------------------------------

const TOKENISH = [
  [/\bnhic_[A-Za-z0-9_-]+/g, "nhic_[redacted]"],
  [/\bBearer\s+[^\s"',;]+/gi, "Bearer [redacted]"],
  [/(next-auth\.session-token|__Secure-next-auth\.session-token|session-token)=[^\s;]+/gi, "$1=[redacted]"],
] as const;

/** Text with secrets replaced: the audit log's redaction, and our own token formats. */
export async function redactText(text: string, max = 2_000): Promise<string> {
  let out = text.slice(0, max);
  for (const [re, replacement] of TOKENISH) out = out.replace(re, replacement);
  return redactSecrets(out);
}

/** A path as routes write them (words, and ids that are UUIDs) needs no scanning; anything else is redacted. */
const PLAIN_SEGMENT = /^(?:[a-z][a-z.-]{0,40}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
async function loggedPath(pathname: string): Promise<string> {
  const path = pathname.slice(0, 300);
  return path.split("/").every((s) => s === "" || PLAIN_SEGMENT.test(s)) ? path : redactText(path);
}

async function loggedError(error: unknown): Promise<{ type: string; message: string; stack?: string } | undefined> {
  if (error === undefined || error === null) return undefined;
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    type: e.name,
    message: await redactText(e.message),
    ...(e.stack ? { stack: await redactText(e.stack, 4_000) } : {}),
  };
}

const ms = (startedAt: number) => Math.round((performance.now() - startedAt) * 10) / 10;

/** Writes a line and never fails its caller: a log line must not turn an answer into an error. */
async function write(log: Logger, level: "info" | "warn" | "error", build: () => Promise<Record<string, unknown>>, msg: string) {
  try {
    log[level](await build(), msg);
  } catch {
    // Nothing sensible to do: the line is lost, the request is not.
  }
}

// ---- the lines ------------------------------------------------------------------------------------------

export type ApiRequestLog = {
  request: Request;
  /** Who asked (null when nobody was signed in, or the credential was refused). */
  actor: Actor | null | undefined;
  status: number;
  /** performance.now() when the route started. */
  startedAt: number;
  /** What was thrown, for a 5xx. */
  error?: unknown;
};

/** One line per API request: request id, actor, method, path (never the query), status, duration. */
export function logApiRequest(entry: ApiRequestLog, log: Logger = logger()): Promise<void> {
  const durationMs = ms(entry.startedAt);
  const level = entry.status >= 500 ? "error" : "info";
  return write(
    log,
    level,
    async () => ({
      kind: "api",
      requestId: entry.actor?.request.requestId ?? requestIdFrom(entry.request.headers.get("x-request-id")),
      actor: loggedActor(entry.actor),
      method: entry.request.method,
      route: await loggedPath(new URL(entry.request.url).pathname),
      status: entry.status,
      durationMs,
      ...(entry.error !== undefined ? { error: await loggedError(entry.error) } : {}),
    }),
    "api request",
  );
}

export type UseCaseLog = {
  actor: Actor;
  /** The use-case's name (a mutation's policy action, or the read's function name). */
  useCase: string;
  /** The page loaded or posted to (x-request-path, set by proxy.ts), without its query. */
  path: string | null;
  /** "ok", a domain error code, or "error" for a fault. */
  outcome: string;
  status: number;
  startedAt: number;
  error?: unknown;
};

/** One line per use-case run through runAsActor: each server action, and each page loader's read. */
export function logUseCase(entry: UseCaseLog, log: Logger = logger()): Promise<void> {
  const durationMs = ms(entry.startedAt);
  return write(
    log,
    entry.status >= 500 ? "error" : "info",
    async () => ({
      kind: "use-case",
      requestId: entry.actor.request.requestId,
      actor: loggedActor(entry.actor),
      useCase: entry.useCase || "(unnamed)",
      route: entry.path ? await loggedPath(entry.path.split("?")[0]!) : null,
      outcome: entry.outcome,
      status: entry.status,
      durationMs,
      ...(entry.error !== undefined ? { error: await loggedError(entry.error) } : {}),
    }),
    "use-case",
  );
}

export type JobRunLog = {
  /** The job's key ("webhooks.deliver", "review:42:remind"). */
  jobKey: string;
  handler: string;
  /** "succeeded", "failed", "retrying", … as the scheduler names them; "failed" is logged as an error. */
  outcome: string;
  durationMs: number;
  /** 1 for the first run of a due time. */
  attempt: number;
  /** What the handler threw (its message is redacted). */
  error?: unknown;
  /** The handler's own one-line summary ("sent 3 emails"), redacted. */
  summary?: string;
  runId?: string;
  /** When the scheduler will try again, for a run that failed and will be retried. */
  nextAttemptAt?: Date | string | null;
};

/** One line per job run. Returns once written; never throws (callers may leave it un-awaited). */
export function logJobRun(run: JobRunLog, log: Logger = logger()): Promise<void> {
  const level = run.outcome === "failed" ? "error" : run.error !== undefined ? "warn" : "info";
  return write(
    log,
    level,
    async () => ({
      kind: "job",
      jobKey: await redactText(run.jobKey, 200),
      handler: run.handler,
      ...(run.runId ? { runId: run.runId } : {}),
      outcome: run.outcome,
      attempt: run.attempt,
      durationMs: Math.round(run.durationMs * 10) / 10,
      ...(run.summary ? { summary: await redactText(run.summary, 500) } : {}),
      ...(run.nextAttemptAt ? { nextAttemptAt: new Date(run.nextAttemptAt).toISOString() } : {}),
      ...(run.error !== undefined ? { error: await loggedError(run.error) } : {}),
    }),
    "job run",
  );
}
