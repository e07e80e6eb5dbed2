import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { importIdentities } from "@/lib/domain/registry/import/import-identities";
import { transferOwnership } from "@/lib/domain/registry/transfer-ownership";
import { fixedClock } from "@/lib/domain/shared/clock";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const clock = fixedClock("2026-11-23T12:00:00.000Z");
const fixture = (name: string) => readFileSync(`tests/fixtures/${name}`, "utf8");
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let owner: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  owner = await makeUser(db, ["member"], { email: "owner@demo.local" });
});
afterAll(() => database.close());

const run = (format: string, content: string, extra: Record<string, unknown> = {}) =>
  importIdentities({ actor: admin, db, clock, input: { format, content, ...extra } });

describe("CSV parsing", () => {
  it("handles quotes, doubled quotes, commas and newlines in fields, names rows by the line they start on", async () => {
    const csv = [
      "\uFEFFname,kind,platform,externalId,environment,purpose",
      '"x, ""y""",bot,slack,csv-1,test,"multi',
      'line purpose"',
      "",
      "plain,bot,slack,csv-2,test,Posts alerts",
      "",
    ].join("\n");
    const dry = await run("csv", csv);
    expect(dry.counts).toMatchObject({ create: 2, reject: 0 });
    expect(dry.items.map((i) => [i.row, i.name])).toEqual([
      [2, 'x, "y"'],
      [5, "plain"],
    ]);
  });
});

describe("importing the AWS IAM credential report", () => {
  it("dry-runs without writing, naming the rejected row and field, then commits the fixed file once", async () => {
    const bad = fixture("aws-credential-report.csv").replace("2023-02-01T00:00:00+00:00", "not-a-date");
    const dry = await run("aws-credential-report", bad, { dryRun: true });
    expect(dry.counts).toEqual({ create: 2, update: 0, unchanged: 0, reject: 1, skipped: 2, gone: 0 });
    expect(dry.items[0]).toMatchObject({
      row: 4,
      action: "reject",
      name: "ci-deployer",
      errors: [{ field: "credentials.0.issuedAt", reason: expect.stringMatching(/issuedAt must be a .*date/) }],
    });
    expect(dry.skipped.map((s) => s.name)).toEqual(["<root_account>", "alice"]);
    expect(await db.identity.count()).toBe(0);
    await expect(run("aws-credential-report", bad, { dryRun: false })).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/Nothing was imported.*row 4/),
    });
    expect(await db.identity.count()).toBe(0);

    const good = await run("aws-credential-report", fixture("aws-credential-report.csv"), { dryRun: false });
    expect(good).toMatchObject({ committed: true, counts: { create: 3, reject: 0 } });
    const deployer = await db.identity.findFirstOrThrow({ where: { externalId: "arn:aws:iam::123456789012:user/ci-deployer" } });
    expect(deployer).toMatchObject({ platform: "aws", ownerId: null, credentialType: "static_secret", environment: "production" });
    expect(deployer.oldestCredentialAt?.toISOString()).toBe("2023-02-01T00:00:00.000Z");
    expect(deployer.lastUsedAt?.toISOString()).toBe("2026-11-22T17:30:00.000Z");
    // Two active keys: the identity's age is its older key's (2022), not the newer one's.
    const backup = await db.identity.findFirstOrThrow({ where: { name: "backup-agent" } });
    expect(backup).toMatchObject({ activeCredentials: 2 });
    expect(backup.oldestCredentialAt?.toISOString()).toBe("2022-08-03T07:00:00.000Z");

    const again = await run("aws-credential-report", fixture("aws-credential-report.csv"), { dryRun: false });
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    expect(await db.identity.count()).toBe(3);
    expect(await db.auditEvent.count({ where: { action: "identity.create", reason: { startsWith: "import" } } })).toBe(3);
  });

  it("keeps what people wrote (placeholders and fields they set by hand) and updates what the source states", async () => {
    const deployer = await db.identity.findFirstOrThrow({ where: { name: "ci-deployer" } });
    await db.identity.update({
      where: { id: deployer.id },
      data: { purpose: "Deploys payments", ownerId: owner.userId, environment: "staging", kind: "cicd_token", pinnedFields: ["kind"] },
    });
    const rotated = fixture("aws-credential-report.csv").replace("2023-02-01T00:00:00+00:00", "2026-11-01T00:00:00+00:00");
    const result = await run("aws-credential-report", rotated, { dryRun: false });
    expect(result.counts).toMatchObject({ update: 1, unchanged: 2 });
    expect(result.items.find((i) => i.action === "update")?.changes).toEqual(["credentials"]);
    const after = await db.identity.findUniqueOrThrow({ where: { id: deployer.id } });
    expect(after).toMatchObject({
      purpose: "Deploys payments",
      ownerId: owner.userId,
      environment: "staging",
      kind: "cicd_token",
      version: deployer.version + 1,
    });
    expect(after.oldestCredentialAt?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });
});

describe("other sources", () => {
  it("reads Kubernetes service accounts with owners from annotations, ownerless otherwise", async () => {
    const result = await run("kubernetes", fixture("kubernetes-serviceaccounts.json"), {
      dryRun: false,
      cluster: "prod-eu",
      environment: "production",
    });
    expect(result.counts.create).toBe(2);
    const writer = await db.identity.findFirstOrThrow({ where: { name: "payments/ledger-writer" } });
    expect(writer).toMatchObject({
      ownerId: owner.userId,
      externalId: "prod-eu/system:serviceaccount:payments:ledger-writer",
      team: "payments",
      credentialType: "short_lived_token",
      purpose: "Writes settled transactions to the ledger database",
    });
    expect((await db.identity.findFirstOrThrow({ where: { name: "monitoring/default" } })).ownerId).toBeNull();
  });

  it("warns when the cluster is left out while the registry holds that platform's identities under a cluster", async () => {
    const dry = await run("kubernetes", fixture("kubernetes-serviceaccounts.json"), { environment: "production" });
    expect(dry.warnings).toEqual([
      expect.stringMatching(/No cluster was given, but the registry already holds kubernetes identities from prod-eu/),
    ]);
    expect(dry.counts.create).toBe(2);
    const named = await run("kubernetes", fixture("kubernetes-serviceaccounts.json"), { environment: "production", cluster: "prod-eu" });
    expect(named.warnings).toEqual([]);
    expect(named.counts.unchanged).toBe(2);
  });

  it("never hands an identity back to the owner its source names once a person transferred it", async () => {
    const writer = await db.identity.findFirstOrThrow({ where: { name: "payments/ledger-writer" } });
    await transferOwnership({ actor: admin, db, clock, input: { id: writer.id, ownerId: admin.userId } });
    const again = await run("kubernetes", fixture("kubernetes-serviceaccounts.json"), {
      dryRun: false,
      environment: "production",
      cluster: "prod-eu",
    });
    expect(again.items.find((i) => i.name === "payments/ledger-writer")?.action).toBe("unchanged");
    expect((await db.identity.findUniqueOrThrow({ where: { id: writer.id } })).ownerId).toBe(admin.userId);
  });

  it("reads GitHub fine-grained tokens and app installations with their permissions as scopes", async () => {
    await run("github-pats", fixture("github-pats.json"), { dryRun: false, org: "acme" });
    const pat = await db.identity.findFirstOrThrow({
      where: { platform: "github", name: "release-automation" },
      include: { entitlements: true },
    });
    expect(pat).toMatchObject({
      kind: "api_key",
      externalId: "acme/personal-access-token/25381",
      tags: ["github-user:octocat", "source:github-pat"],
    });
    expect(pat.entitlements.map((e) => `${e.resource} ${e.action} ${e.level}`).sort()).toEqual([
      "org:acme members read",
      "repositories:subset contents write",
      "repositories:subset metadata read",
    ]);
    await run("github-installations", fixture("github-installations.json"), { dryRun: false });
    const app = await db.identity.findFirstOrThrow({ where: { name: "dependabot-preview" }, include: { entitlements: true } });
    expect(app).toMatchObject({ kind: "github_app_installation", vendor: "dependabot-preview" });
    expect(app.entitlements.find((e) => e.action === "administration")?.level).toBe("admin");
  });

  it("imports the console's own CSV with owners by email and scopes, refusing secrets by row and field", async () => {
    const csv = [
      "name,kind,platform,externalId,environment,purpose,ownerEmail,tags,credentialType,credentialExpiresAt,scopes",
      `billing-exporter,service_account,gcp,projects/acme/sa/billing,production,Exports billing data,owner@demo.local,finance;export,federated,,bigquery:billing|read|read|production`,
      `leaky,api_key,stripe,key-1,production,"key is sk-live_4eC39HqLyjWDarjtT1zdp7dc",owner@demo.local,,static_secret,2027-01-01,`,
      `ghost,bot,slack,bot-1,production,Posts alerts,nobody@nowhere.test,,,,`,
    ].join("\n");
    const dry = await run("csv", csv);
    expect(dry.counts).toMatchObject({ create: 1, reject: 2 });
    expect(dry.items.filter((i) => i.action === "reject").map((i) => [i.row, i.errors?.[0]?.field])).toEqual([
      [3, "purpose"],
      [4, "ownerEmail"],
    ]);
    expect(dry.items.find((i) => i.row === 3)?.errors?.[0]?.reason).toMatch(/never the secret itself/);
    await expect(run("csv", "just,some\ncolumns,here")).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/no "name" column/),
    });
  });

  it("is refused to anyone but an admin, and audited", async () => {
    await expect(importIdentities({ actor: owner, db, clock, input: { format: "csv", content: "x" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db.auditEvent.count({ where: { action: "registry.import", outcome: "denied", actorId: owner.userId } })).toBe(1);
  });
});
