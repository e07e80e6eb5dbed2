import { lintSource } from "@secretlint/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { AuditEvent } from "@/lib/db/generated/client";
import { appendAuditEvent, appendAuditEvents } from "@/lib/domain/audit/append-audit-event";
import { verifyAuditChain } from "@/lib/domain/audit/verify-audit-chain";
import { anonymousActor, systemActor, type UserActor } from "@/lib/domain/authz/actor";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import { exportIdentities } from "@/lib/domain/registry/export-identities";
import { setIdentityStatus } from "@/lib/domain/registry/set-identity-status";
import { fixedClock } from "@/lib/domain/shared/clock";
import { redactDeep, redactSecrets } from "@/lib/domain/shared/redact-secrets";
import { safeText } from "@/lib/domain/shared/safe-text";
import { authenticateLocal } from "@/lib/domain/users/authenticate-local";
import { createLocalUser } from "@/lib/domain/users/create-local-user";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

// Counts lint calls (each costs ~0.14 ms however little it reads), passing every call through.
vi.mock("@secretlint/core", async (original) => {
  const real = await original<{ lintSource: typeof lintSource }>();
  return { ...real, lintSource: vi.fn(real.lintSource) };
});

// Format-shaped fakes (not real credentials). Lowercase on purpose: the sign-in form lowercases the email.
const GITLAB = "glpat-q7xk2m9wb4nv6rt8yz3c";
const GITHUB = "ghp_Zx8Qk2Lm9Pq4Rt7Vw1Yb3Nc6Hd5Jf0Gs8Ae2K";
const DB_URL_PASSWORD = "Sup3rS3cretPw";
const SECRETS = [GITLAB, GITHUB, DB_URL_PASSWORD];

const clock = fixedClock("2026-06-01T12:00:00.000Z");
const system = systemActor("system:test");
let database: TestDatabase;
let admin: UserActor;
let owner: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await makeUser(database.prisma, ["admin"]);
  owner = await makeUser(database.prisma, ["member"]);
});
afterAll(() => database.close());

const allEvents = () => database.prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
const stored = (rows: AuditEvent[]) => JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
async function expectNoSecretInLog() {
  const log = stored(await allEvents());
  for (const secret of SECRETS) expect(log).not.toContain(secret);
}

describe("redaction", () => {
  it("replaces only the secret part and says what it was", async () => {
    expect(await redactSecrets(`token ${GITHUB} please`)).toBe("token [redacted: a GitHub token] please");
    expect(await redactSecrets(`postgres://app:${DB_URL_PASSWORD}@db.internal:5432/ledger`)).not.toContain(DB_URL_PASSWORD);
    expect(await redactSecrets("arn:aws:iam::123456789012:user/ci-deployer")).toBe("arn:aws:iam::123456789012:user/ci-deployer");
  });

  it("walks nested values and keeps everything that is not a secret", async () => {
    const value = { a: [1, true, null, { b: `x ${GITLAB}` }], id: "2f1c8a4e-9b7d-4c3e-8f6a-1b2c3d4e5f60" };
    expect(await redactDeep(value)).toEqual({ a: [1, true, null, { b: "x [redacted: a GitLab token]" }], id: value.id });
  });
});

describe("the audit log never takes a secret", () => {
  it("redacts every text of an event before hashing, and the chain still verifies", async () => {
    const actor = anonymousActor(`${GITLAB}@example.com`, { ip: "10.0.0.1", userAgent: "vitest", requestId: "req-1" });
    await database.prisma.$transaction((tx) =>
      appendAuditEvent(
        tx,
        {
          actor,
          action: "test.secrets",
          target: { type: "thing", id: "t1", label: `label ${GITHUB}` },
          outcome: "denied",
          reason: `reason postgres://app:${DB_URL_PASSWORD}@db.internal/ledger`,
          before: { nested: { deeper: [`before ${GITHUB}`] }, kept: "arn:aws:iam::123456789012:role/deployer" },
          after: { list: [`after ${GITLAB}`, 42] },
        },
        clock,
      ),
    );
    const [row] = await allEvents();
    expect(row).toMatchObject({
      actorLabel: "[redacted: a GitLab token]@example.com",
      targetLabel: "label [redacted: a GitHub token]",
      before: { nested: { deeper: ["before [redacted: a GitHub token]"] }, kept: "arn:aws:iam::123456789012:role/deployer" },
      after: { list: ["after [redacted: a GitLab token]", 42] },
    });
    expect(row!.reason).toMatch(/^reason .*\[redacted: .*\]/);
    await expectNoSecretInLog();
    expect(await verifyAuditChain({ actor: system, db: database.prisma, clock })).toMatchObject({ intact: true });
  });

  it("channel: request headers the client chooses (address, user agent, request id) are recorded redacted", async () => {
    const actor = anonymousActor("someone@example.com", { ip: GITHUB, userAgent: `curl/8 ${GITLAB}`, requestId: GITHUB });
    await database.prisma.$transaction((tx) =>
      appendAuditEvent(tx, { actor, action: "auth.signIn", target: { type: "user" }, outcome: "denied", reason: "unknown account" }, clock),
    );
    const row = await database.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(row).toMatchObject({
      ip: "[redacted: a GitHub token]",
      userAgent: "curl/8 [redacted: a GitLab token]",
      requestId: "[redacted: a GitHub token]",
    });
    await expectNoSecretInLog();
    expect(await verifyAuditChain({ actor: system, db: database.prisma, clock })).toMatchObject({ intact: true });
  });

  it("channel: a status reason never reaches the log (refused by the schema, or redacted)", async () => {
    const dto = await createIdentity({
      actor: owner,
      db: database.prisma,
      clock,
      input: {
        name: "ledger-writer",
        kind: "service_account",
        platform: "aws",
        externalId: "arn:aws:iam::123456789012:user/ledger-writer",
        environment: "production",
        purpose: "Writes the ledger",
        ownerId: owner.userId,
        tags: "",
      },
    });
    await setIdentityStatus({
      actor: owner,
      db: database.prisma,
      clock,
      input: { id: dto.id, status: "suspended", reason: `leaked ${GITHUB}` },
    }).catch((error: unknown) =>
      expect(error).toMatchObject({ code: "VALIDATION", fieldErrors: { reason: [expect.stringMatching(/GitHub token/)] } }),
    );
    await expectNoSecretInLog();
  });

  it("channel: safeText refuses a secret-looking value, naming the field", async () => {
    const schema = z.object({ reason: safeText("reason").trim().min(3, "reason is required") });
    const refused = await schema.safeParseAsync({ reason: `rotating ${GITHUB} today` });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["reason", expect.stringMatching(/^reason looks like a GitHub token\. .*never the secret itself/)],
    ]);
    expect(await schema.parseAsync({ reason: "  paused while the vendor contract is renewed " })).toEqual({
      reason: "paused while the vendor contract is renewed",
    });
    expect((await schema.safeParseAsync({ reason: "a\u0000b" })).error?.issues[0]?.message).toBe("reason contains a NUL character");
  });

  it("channel: an export's search text is recorded redacted", async () => {
    const { chunks } = await exportIdentities({ actor: owner, db: database.prisma, clock, input: { format: "json", q: GITLAB } });
    let exported = "";
    for await (const chunk of chunks) exported += chunk;
    expect(exported).not.toContain(GITLAB);
    const event = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "registry.export" }, orderBy: { seq: "desc" } });
    expect(event.after).toMatchObject({ q: "[redacted: a GitLab token]" });
    await expectNoSecretInLog();
  });

  it("channel: the email typed at sign-in is recorded redacted", async () => {
    const limits = { perAccount: 5, perAddress: 30, windowMs: 60_000 };
    await expect(
      authenticateLocal({
        db: database.prisma,
        clock,
        limits,
        input: { email: GITLAB, password: "whatever" },
        request: { ip: "10.0.0.2", userAgent: "vitest", requestId: "req-2" },
      }),
    ).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    const event = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "auth.signIn" }, orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ actorLabel: "[redacted: a GitLab token]", targetLabel: "[redacted: a GitLab token]" });
    await expectNoSecretInLog();
  });

  it("channel: a user's display name never reaches the log (refused, or redacted)", async () => {
    const input = { email: "new.person@example.com", name: `Pat ${GITHUB}`, roles: ["member"], password: "correct horse battery staple" };
    await createLocalUser({ actor: admin, db: database.prisma, clock, input }).catch((error: unknown) =>
      expect(error).toMatchObject({ code: "VALIDATION", fieldErrors: { name: expect.any(Array) } }),
    );
    await expectNoSecretInLog();
    expect(await verifyAuditChain({ actor: system, db: database.prisma, clock })).toMatchObject({ intact: true });
  });

  it("an import's batch of events costs a handful of lint calls, not one per event", async () => {
    const events = Array.from({ length: 5_000 }, (_, i) => ({
      actor: admin,
      action: "identity.import",
      target: { type: "identity", id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, label: `payments-deployer-${i}` },
      outcome: "allowed" as const,
      after: {
        name: `payments-deployer-${i}`,
        purpose: `Deploys the payments service ${i} to production`,
        platform: "aws",
        externalId: `arn:aws:iam::123456789012:user/ci-${i}`,
        environment: "production",
        tags: ["ci", "payments"],
        team: "platform",
      },
    }));
    vi.mocked(lintSource).mockClear();
    await database.prisma.$transaction((tx) => appendAuditEvents(tx, events, clock), { timeout: 60_000 });
    // ~600 kB of distinct text: three chunks of at most 256 KiB.
    expect(vi.mocked(lintSource).mock.calls.length).toBeLessThanOrEqual(3);
    const last = await database.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(last.after).toEqual(events.at(-1)!.after);
    expect(await verifyAuditChain({ actor: system, db: database.prisma, clock })).toMatchObject({ intact: true });
  });
});
