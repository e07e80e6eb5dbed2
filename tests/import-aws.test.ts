import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { importIdentities } from "@/lib/domain/registry/import/import-identities";
import { fixedClock } from "@/lib/domain/shared/clock";
import { ACCOUNT, accessAdvisor, credentialReport, type ReportUser } from "./fixtures/aws";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const clock = fixedClock("2026-11-23T12:00:00.000Z");
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
});
afterAll(() => database.close());
beforeEach(async () => {
  await db.identity.deleteMany();
});

const run = (format: string, content: string, extra: Record<string, unknown> = {}) =>
  importIdentities({ actor: admin, db, clock, input: { format, content, ...extra } });
const arn = (user: string) => `arn:aws:iam::${ACCOUNT}:user/${user}`;
const withCredentials = (externalId: string) =>
  db.identity.findFirstOrThrow({ where: { externalId }, include: { credentials: { orderBy: { handle: "asc" } } } });

const ESTATE: ReportUser[] = [
  // Root with no key: checked and said so, not registered.
  { user: "<root_account>", created: "2019-03-01T10:00:00+00:00", password: { lastUsed: "2026-10-01T08:00:00+00:00" } },
  // A person's console login.
  { user: "alice", created: "2020-01-15T09:00:00+00:00", password: { lastUsed: "2026-11-20T08:00:00+00:00" } },
  // A person who also holds an access key: human use of a non-human identity.
  {
    user: "bob",
    created: "2020-02-01T09:00:00+00:00",
    password: { lastUsed: "2026-11-21T08:00:00+00:00" },
    keys: [{ active: true, created: "2025-06-01T00:00:00+00:00", used: "2026-11-21T09:00:00+00:00" }],
  },
  // Two active keys: the first rotated 4 days ago, the second two years old and the one in use.
  {
    user: "ci-deployer",
    created: "2021-05-10T12:00:00+00:00",
    keys: [
      { active: true, created: "2026-11-19T00:00:00+00:00" },
      { active: true, created: "2024-11-20T00:00:00+00:00", used: "2026-11-22T17:30:00+00:00", region: "eu-west-1", service: "s3" },
    ],
  },
  // Dormant: no credential at all; and one whose only key is inactive.
  { user: "old-batch", created: "2018-01-01T00:00:00+00:00" },
  { user: "retired-etl", created: "2018-01-01T00:00:00+00:00", keys: [{ active: false, created: "2018-01-02T00:00:00+00:00" }] },
  // A key used before it was created, and created before its user: cannot be true.
  {
    user: "clock-skew",
    created: "2025-01-01T00:00:00+00:00",
    keys: [{ active: true, created: "2024-06-01T00:00:00+00:00", used: "2024-05-01T00:00:00+00:00" }],
  },
];

describe("the AWS IAM credential report, read as an expert would", () => {
  it("registers keys as credentials with their own dates; people, root and dormant users are reported with the true reason", async () => {
    const dry = await run("aws-credential-report", credentialReport(ESTATE));
    expect(dry.counts).toMatchObject({ create: 3, reject: 0, skipped: 4 });
    expect(Object.fromEntries(dry.skipped.map((s) => [s.name, s.reason]))).toEqual({
      "<root_account>": expect.stringMatching(/root account has no active access key.*checked/),
      alice: expect.stringMatching(/person's console login/),
      "old-batch": expect.stringMatching(/dormant IAM user: it has no password, no access key and no certificate at all/),
      "retired-etl": expect.stringMatching(/dormant IAM user: its access keys and certificates are all inactive/),
    });
    const skew = dry.items.find((i) => i.name === "clock-skew");
    expect(skew?.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/access key 1: used before it was issued/),
        expect.stringMatching(/dated before the user was created/),
      ]),
    );
    expect(await db.identity.count()).toBe(0);

    await run("aws-credential-report", credentialReport(ESTATE), { dryRun: false });
    const deployer = await withCredentials(arn("ci-deployer"));
    expect(deployer.credentials.map((c) => [c.handle, c.status, c.issuedAt?.toISOString(), c.usage, c.lastUsedWhere])).toEqual([
      ["access key 1", "active", "2026-11-19T00:00:00.000Z", "never", null],
      ["access key 2", "active", "2024-11-20T00:00:00.000Z", "known", "eu-west-1 · s3"],
    ]);
    // The identity shows the oldest active credential's age, not the freshly rotated key's, and two active keys.
    expect(deployer).toMatchObject({ activeCredentials: 2, humanUse: false, flags: [], source: `aws:${ACCOUNT}`, usage: "known" });
    expect(deployer.oldestCredentialAt?.toISOString()).toBe("2024-11-20T00:00:00.000Z");
    expect(deployer.lastUsedAt?.toISOString()).toBe("2026-11-22T17:30:00.000Z");
    expect(deployer.neverExpires).toBe(true);

    expect(await withCredentials(arn("bob"))).toMatchObject({ humanUse: true, activeCredentials: 1 });
  });

  it("registers root with an active key as a critical item, and dormant users as offboarding candidates when asked", async () => {
    const estate: ReportUser[] = [
      {
        user: "<root_account>",
        created: "2019-03-01T10:00:00+00:00",
        keys: [{ active: true, created: "2019-03-02T00:00:00+00:00", used: "2026-11-01T00:00:00+00:00" }],
      },
      ...ESTATE.slice(4, 6),
    ];
    const dry = await run("aws-credential-report", credentialReport(estate), { registerDormant: "true" });
    expect(dry.counts).toMatchObject({ create: 3, skipped: 0 });
    expect(dry.items[0]).toMatchObject({
      name: `root account (${ACCOUNT})`,
      critical: expect.stringMatching(/root account has an active access key/),
    });

    await run("aws-credential-report", credentialReport(estate), { dryRun: false, registerDormant: true });
    const root = await withCredentials(`arn:aws:iam::${ACCOUNT}:root`);
    expect(root).toMatchObject({ flags: ["root-account"], activeCredentials: 1 });
    const dormant = await withCredentials(arn("old-batch"));
    expect(dormant).toMatchObject({ flags: ["offboarding-candidate"], activeCredentials: 0, credentials: [] });
    const retired = await withCredentials(arn("retired-etl"));
    expect(retired).toMatchObject({ flags: ["offboarding-candidate"], activeCredentials: 0 });
    expect(retired.credentials.map((c) => c.status)).toEqual(["inactive"]);
  });

  it("keeps each record true across re-imports: a rotated key changes that credential only; a deleted key goes", async () => {
    await run("aws-credential-report", credentialReport(ESTATE), { dryRun: false });
    const again = await run("aws-credential-report", credentialReport(ESTATE), { dryRun: false });
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 3 });

    const before = await withCredentials(arn("ci-deployer"));
    const rotated = ESTATE.map((u) => (u.user === "ci-deployer" ? { ...u, keys: [u.keys![0]] as ReportUser["keys"] } : u));
    const result = await run("aws-credential-report", credentialReport(rotated), { dryRun: false });
    expect(result.items.find((i) => i.name === "ci-deployer")).toMatchObject({ action: "update", changes: ["credentials"] });
    const after = await withCredentials(arn("ci-deployer"));
    expect(after.credentials.map((c) => c.handle)).toEqual(["access key 1"]);
    expect(after.credentials[0]!.id).toBe(before.credentials[0]!.id);
    expect(after).toMatchObject({ activeCredentials: 1, version: before.version + 1 });
    expect(after.oldestCredentialAt?.toISOString()).toBe("2026-11-19T00:00:00.000Z");
    const event = await db.auditEvent.findFirstOrThrow({
      where: { targetId: after.id, action: "identity.update" },
      orderBy: { seq: "desc" },
    });
    expect((event.before as { credentials: unknown[] }).credentials).toHaveLength(2);
    expect((event.after as { credentials: unknown[] }).credentials).toHaveLength(1);
  });

  it("marks identities a full export no longer lists as gone from source, counted in the dry run, and back when listed again", async () => {
    await run("aws-credential-report", credentialReport(ESTATE), { dryRun: false });
    const without = ESTATE.filter((u) => u.user !== "bob");
    const dry = await run("aws-credential-report", credentialReport(without), { fullExport: "true" });
    expect(dry.counts.gone).toBe(1);
    expect((await withCredentials(arn("bob"))).goneFromSourceAt).toBeNull();

    const committed = await run("aws-credential-report", credentialReport(without), { dryRun: false, fullExport: true });
    expect(committed.counts.gone).toBe(1);
    const bob = await withCredentials(arn("bob"));
    expect(bob.goneFromSourceAt?.toISOString()).toBe(clock.now().toISOString());
    // Not a full export: nothing is marked gone.
    const partial = await run("aws-credential-report", credentialReport(without.slice(0, 3)), { dryRun: false });
    expect(partial.counts.gone).toBe(0);

    const back = await run("aws-credential-report", credentialReport(ESTATE), { dryRun: false, fullExport: true });
    expect(back.items.find((i) => i.name === "bob")?.changes).toContain("goneFromSourceAt");
    expect((await withCredentials(arn("bob"))).goneFromSourceAt).toBeNull();
  });

  it("records the import in its history: who, which source, the file's hash, counts, and the identities it touched", async () => {
    const text = credentialReport(ESTATE);
    const runs = await db.importRun.count();
    const result = await run("aws-credential-report", text, { dryRun: false });
    const history = await db.importRun.findUniqueOrThrow({ where: { id: result.importRunId! } });
    const { createHash } = await import("node:crypto");
    expect(history).toMatchObject({
      actorId: admin.userId,
      format: "aws-credential-report",
      source: `aws:${ACCOUNT}`,
      fileSha256: createHash("sha256").update(text).digest("hex"),
      counts: expect.objectContaining({ create: 3, skipped: 4 }),
    });
    expect(Number(history.fileBytes)).toBe(Buffer.byteLength(text));
    expect(await db.identity.count({ where: { lastImportId: history.id } })).toBe(3);
    const dry = await run("aws-credential-report", text);
    expect(dry.importRunId).toBeNull();
    expect(await db.importRun.count()).toBe(runs + 1);
  });
});

describe("the AWS IAM access advisor", () => {
  it("records last use per service scope: known, never within the window; a service without a scope becomes one of unknown level", async () => {
    await run("aws-credential-report", credentialReport(ESTATE), { dryRun: false });
    const deployer = await db.identity.findFirstOrThrow({ where: { externalId: arn("ci-deployer") } });
    await db.entitlement.create({ data: { identityId: deployer.id, resource: "s3", action: "GetObject", level: "read" } });
    const report = accessAdvisor([
      { namespace: "s3", name: "Amazon S3", lastAuthenticated: "2026-11-22T17:30:00Z", region: "eu-west-1" },
      { namespace: "dynamodb", name: "Amazon DynamoDB" },
    ]);
    const dry = await run("aws-access-advisor", JSON.stringify(report), { arn: arn("ci-deployer") });
    expect(dry.items).toEqual([expect.objectContaining({ action: "update", changes: ["scope usage"] })]);
    await run("aws-access-advisor", JSON.stringify(report), { dryRun: false, arn: arn("ci-deployer") });
    const scopes = await db.entitlement.findMany({ where: { identityId: deployer.id }, orderBy: { resource: "asc" } });
    expect(scopes.map((s) => [s.resource, s.action, s.level, s.usage, s.lastUsedAt?.toISOString() ?? null, s.lastUsedWhere])).toEqual([
      ["dynamodb", "*", "unknown", "never", null, null],
      ["s3", "GetObject", "read", "known", "2026-11-22T17:30:00.000Z", "eu-west-1"],
    ]);
    const again = await run("aws-access-advisor", JSON.stringify(report), { dryRun: false, arn: arn("ci-deployer") });
    expect(again.counts).toMatchObject({ unchanged: 1, update: 0 });
  });

  it("reads an array of reports each with its Arn, and rejects an identity the registry does not hold", async () => {
    await run("aws-credential-report", credentialReport(ESTATE), { dryRun: false });
    const reports = [
      { Arn: arn("bob"), ...accessAdvisor([{ namespace: "ec2", name: "Amazon EC2", lastAuthenticated: "2026-10-01T00:00:00Z" }]) },
      { Arn: arn("nobody"), ...accessAdvisor([]) },
    ];
    const dry = await run("aws-access-advisor", JSON.stringify(reports));
    expect(dry.counts).toMatchObject({ update: 1, reject: 1 });
    expect(dry.items.find((i) => i.action === "reject")?.errors?.[0]?.reason).toMatch(/not in the registry/);
    await expect(run("aws-access-advisor", JSON.stringify(accessAdvisor([])))).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/does not name its identity/),
    });
  });
});
