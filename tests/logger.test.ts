import { describe, expect, it } from "vitest";
import type { TokenActor, UserActor } from "@/lib/domain/authz/actor";
import { getConfig } from "@/lib/config/env";
import { createLogger, logApiRequest, logger, logJobRun, logUseCase } from "@/lib/server/logger";

// The operator's log: one JSON line per request, use-case and job run, with the fields an operator needs,
// and nothing a caller sent that could be a credential (tokens, cookies, secrets in paths or error messages).

const BEARER = "nhic_7Qm2xK9pLw4RtZ8vN3bYc6HjD1sF5gA0eUiO";
const SESSION = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..c2Vzc2lvbi1jb29raWU";
const GITHUB_TOKEN = "ghp_1234567890abcdefghijABCDEFGHIJ123456";
const AWS_KEY = "AKIAIOSFODNN7EXAMPLE";

function capture(level: Parameters<typeof createLogger>[0] = "info") {
  const lines: string[] = [];
  const log = createLogger(level, { write: (line: string) => void lines.push(line) });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const user: UserActor = {
  type: "user",
  userId: "6f1c2b0e-8a4d-4c1e-9f3a-2b7d5e8c9a01",
  email: "ada@example.com",
  name: "Ada Lovelace",
  roles: ["admin"],
  request: { ip: "10.0.0.7", userAgent: "curl/8.0", requestId: "req-abc" },
};

const token: TokenActor = {
  type: "token",
  tokenId: "0b9d7c3e-5f2a-4e8b-a1c6-d3e4f5a6b7c8",
  tokenKind: "service",
  label: "nhic_7Qm2xK9p (deploy-bot)",
  scopes: ["registry.read"],
  owner: { userId: user.userId, email: user.email, name: user.name, roles: ["admin"] },
  request: { ip: "10.0.0.8", userAgent: "python-requests", requestId: "req-tok" },
};

/** A request carrying every credential a client could send. */
const loaded = (path: string) =>
  new Request(`http://console.test${path}?token=${GITHUB_TOKEN}&q=${encodeURIComponent("ada@example.com")}`, {
    method: "POST",
    body: JSON.stringify({ password: "hunter2-hunter2", secret: AWS_KEY }),
    headers: {
      authorization: `Bearer ${BEARER}`,
      cookie: `next-auth.session-token=${SESSION}; other=1`,
      "x-request-id": "req-from-proxy",
    },
  });

const FORBIDDEN = [BEARER, SESSION, GITHUB_TOKEN, AWS_KEY, "hunter2", "ada@example.com", "Ada Lovelace", "nhic_7Qm2xK9p"];
const expectClean = (lines: string[]) => {
  const all = lines.join("\n");
  for (const secret of FORBIDDEN) expect(all, secret).not.toContain(secret);
};

describe("one line per API request", () => {
  it("has the request id, actor, method, route, status and duration", async () => {
    const { log, lines, parsed } = capture();
    await logApiRequest({ request: loaded("/api/registry/identities"), actor: user, status: 201, startedAt: performance.now() - 12 }, log);
    expect(lines).toHaveLength(1);
    const [line] = parsed();
    expect(line).toMatchObject({
      level: "info",
      msg: "api request",
      service: "nhi-console",
      kind: "api",
      requestId: "req-abc",
      actor: { type: "user", id: user.userId },
      method: "POST",
      route: "/api/registry/identities",
      status: 201,
    });
    expect(line!.durationMs).toEqual(expect.any(Number));
    expect(line!.durationMs as number).toBeGreaterThanOrEqual(12);
    expect(typeof line!.time).toBe("string");
    expectClean(lines);
  });

  it("names a token by its id, kind and owner's id: never its label, owner's email or the bearer value", async () => {
    const { log, lines, parsed } = capture();
    await logApiRequest({ request: loaded("/api/registry/identities"), actor: token, status: 200, startedAt: performance.now() }, log);
    expect(parsed()[0]).toMatchObject({
      actor: { type: "token", id: token.tokenId, kind: "service", ownerId: user.userId },
      requestId: "req-tok",
    });
    expectClean(lines);
  });

  it("without an actor (refused credentials) keeps the proxy's request id, and logs no header", async () => {
    const { log, lines, parsed } = capture();
    await logApiRequest({ request: loaded("/api/registry/identities"), actor: null, status: 401, startedAt: performance.now() }, log);
    expect(parsed()[0]).toMatchObject({ actor: { type: "none" }, requestId: "req-from-proxy", status: 401 });
    expectClean(lines);
  });

  it("redacts a secret pasted into the path, and a fault's message and stack", async () => {
    const { log, lines, parsed } = capture();
    const fault = new Error(`connect failed with ${AWS_KEY} for Bearer ${BEARER} (next-auth.session-token=${SESSION})`);
    await logApiRequest(
      { request: loaded(`/api/registry/identities/${GITHUB_TOKEN}`), actor: user, status: 500, startedAt: performance.now(), error: fault },
      log,
    );
    const [line] = parsed() as [{ level: string; route: string; error: { type: string; message: string; stack: string } }];
    expect(line.level).toBe("error");
    expect(line.error.type).toBe("Error");
    expect(line.route).toMatch(/^\/api\/registry\/identities\/\[redacted/);
    expect(line.error.message).toContain("connect failed with [redacted");
    expect(line.error.stack).toContain("connect failed");
    expectClean(lines);
  });
});

describe("one line per use-case run by a page or server action", () => {
  it("has the use-case, the page (no query), outcome, status and duration", async () => {
    const { log, lines, parsed } = capture();
    await logUseCase(
      {
        actor: user,
        useCase: "identity.update",
        path: `/registry/abc?q=${GITHUB_TOKEN}`,
        outcome: "CONFLICT",
        status: 409,
        startedAt: performance.now(),
      },
      log,
    );
    expect(parsed()[0]).toMatchObject({
      kind: "use-case",
      requestId: "req-abc",
      actor: { type: "user", id: user.userId },
      useCase: "identity.update",
      route: "/registry/abc",
      outcome: "CONFLICT",
      status: 409,
      durationMs: expect.any(Number),
    });
    expectClean(lines);
  });
});

describe("one line per job run", () => {
  it("has the job key, handler, outcome, attempt and duration; the error's message is redacted", async () => {
    const { log, lines, parsed } = capture();
    await logJobRun(
      {
        jobKey: "webhooks.deliver",
        handler: "webhooks.deliver",
        outcome: "failed",
        durationMs: 1234.56,
        attempt: 3,
        error: new Error(`receiver said 401 to Bearer ${BEARER}; key ${AWS_KEY}`),
        summary: `tried ${GITHUB_TOKEN}`,
        nextAttemptAt: null,
      },
      log,
    );
    const [line] = parsed() as [Record<string, unknown> & { error: { message: string } }];
    expect(line).toMatchObject({
      level: "error",
      msg: "job run",
      kind: "job",
      jobKey: "webhooks.deliver",
      handler: "webhooks.deliver",
      outcome: "failed",
      attempt: 3,
      durationMs: 1234.6,
    });
    expect(line.error.message).toMatch(/^receiver said 401 to Bearer \[redacted\]; key \[redacted: an AWS access key id\]$/);
    expectClean(lines);
  });

  it("a success is an info line; a retried failure a warning with when it runs again", async () => {
    const { log, parsed } = capture();
    await logJobRun(
      { jobKey: "digest", handler: "notifications.digest", outcome: "succeeded", durationMs: 5, attempt: 1, summary: "sent 3 emails" },
      log,
    );
    await logJobRun(
      {
        jobKey: "digest",
        handler: "notifications.digest",
        outcome: "retrying",
        durationMs: 5,
        attempt: 1,
        error: "SMTP timeout",
        nextAttemptAt: new Date("2026-06-01T12:01:00Z"),
      },
      log,
    );
    const [ok, retry] = parsed();
    expect(ok).toMatchObject({ level: "info", outcome: "succeeded", summary: "sent 3 emails" });
    expect(ok).not.toHaveProperty("error");
    expect(retry).toMatchObject({
      level: "warn",
      outcome: "retrying",
      nextAttemptAt: "2026-06-01T12:01:00.000Z",
      error: { message: "SMTP timeout" },
    });
  });
});

describe("the logger", () => {
  it("replaces credential-named fields, should a line ever carry one", () => {
    const { log, lines } = capture();
    log.info(
      {
        authorization: `Bearer ${BEARER}`,
        headers: { authorization: `Bearer ${BEARER}`, cookie: SESSION },
        request: { cookie: SESSION, token: BEARER, password: "hunter2-hunter2", "set-cookie": SESSION },
        token: GITHUB_TOKEN,
        secret: AWS_KEY,
      },
      "careless",
    );
    expect(lines[0]).toContain("[redacted]");
    expectClean(lines);
  });

  it("writes at the configured level (LOG_LEVEL)", async () => {
    const { log, lines } = capture("warn");
    await logApiRequest(
      { request: new Request("http://console.test/api/health"), actor: null, status: 200, startedAt: performance.now() },
      log,
    );
    expect(lines).toEqual([]);
    await logApiRequest(
      {
        request: new Request("http://console.test/api/x"),
        actor: null,
        status: 500,
        startedAt: performance.now(),
        error: new Error("boom"),
      },
      log,
    );
    expect(lines).toHaveLength(1);
    expect(logger().level).toBe(getConfig().logLevel);
  });
});
