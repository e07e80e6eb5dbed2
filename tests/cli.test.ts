import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import { openDatabase } from "@/lib/db/open-database";
import { appendAuditEvent } from "@/lib/domain/audit/append-audit-event";
import { systemActor } from "@/lib/domain/authz/actor";
import { systemClock } from "@/lib/domain/shared/clock";

// The command-line tools, run as a person would run them, against an embedded database folder.

const dir = mkdtempSync(path.join(tmpdir(), "nhi-cli-"));
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.startsWith("OIDC_") && k !== "DATABASE_URL" && k !== "TEST_DATABASE_URL"),
);
const runScript = (script: string, env: Record<string, string>) =>
  spawnSync("npx", ["tsx", script], { encoding: "utf8", env: { ...cleanEnv, ...env } as NodeJS.ProcessEnv, timeout: 60_000 });

beforeAll(async () => {
  const database = await openDatabase(dir);
  await applyMigrations(database.raw, database.kind);
  for (const id of ["a", "b", "c"]) {
    await database.prisma.$transaction((tx) =>
      appendAuditEvent(
        tx,
        { actor: systemActor("system:cli-test"), action: "test.event", target: { type: "thing", id }, outcome: "allowed" },
        systemClock,
      ),
    );
  }
  await database.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run audit:verify", () => {
  it("reports an intact chain and exits 0", () => {
    const result = runScript("scripts/audit-verify.ts", { DATABASE_URL: dir });
    expect(result.stdout).toContain("Audit chain intact: 3 events verified.");
    expect(result.status).toBe(0);
  });

  it("names the edited event and exits 1 after a row is changed behind the app's back", async () => {
    const database = await openDatabase(dir);
    const second = (await database.prisma.auditEvent.findMany({ orderBy: { seq: "asc" } }))[1]!;
    await database.raw.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
    await database.raw.query(`UPDATE "AuditEvent" SET "targetId" = 'forged' WHERE seq = ${second.seq}`);
    await database.close();
    const result = runScript("scripts/audit-verify.ts", { DATABASE_URL: dir });
    expect(result.stderr).toContain(`Audit chain BROKEN at event #${second.seq}`);
    expect(result.status).toBe(1);
  });
});

describe("start-up configuration checks", () => {
  it("stops npm start on a malformed DATABASE_URL, naming it", () => {
    const result = runScript("scripts/start.ts", { DATABASE_URL: "postgres://" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL is not a valid postgres URL");
  });

  it("stops npm start when an OIDC issuer has no client secret, naming it", () => {
    const result = runScript("scripts/start.ts", { OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_ID: "console" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set");
  });
});
