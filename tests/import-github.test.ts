import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { isHighRiskPermission, readGithubInstallations, readGithubPats } from "@/lib/domain/registry/import/github";
import { type FormatReader, type ImportOptions, type ImportRow, isSkipped } from "@/lib/domain/registry/import/import-row";
import { importIdentities } from "@/lib/domain/registry/import/import-identities";
import { textChunks } from "@/lib/domain/registry/import/read-text";
import { fixedClock } from "@/lib/domain/shared/clock";
import { type InstallationSpec, type PatSpec, ORG, installations, personalAccessTokens } from "./fixtures/github";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const PATS: PatSpec[] = [
  // Expires, used recently, reads the organization's members: low risk.
  {
    id: 25381,
    tokenId: 98716,
    name: "release-automation",
    login: "Octocat",
    expires: "2026-12-31T00:00:00Z",
    lastUsed: "2026-11-21T09:15:00Z",
    organization: { members: "read" },
    repository: { metadata: "read", contents: "write" },
  },
  // Never expires, no last use given; may change workflows: high risk.
  {
    id: 25382,
    tokenId: 98717,
    name: "forever-token",
    login: "hubot",
    expires: null,
    lastUsed: null,
    repository: { metadata: "read", workflows: "write" },
  },
  // Expired last month (GitHub says so too); writes organization members: high risk.
  {
    id: 25383,
    tokenId: 98718,
    name: "old-onboarding",
    login: "mona",
    granted: "2025-01-10T08:00:00Z",
    expires: "2026-10-31T00:00:00Z",
    lastUsed: "2026-10-30T10:00:00Z",
    organization: { members: "write" },
  },
];

const INSTALLATIONS: InstallationSpec[] = [
  { id: 48123901, slug: "dependabot", permissions: { contents: "write", pull_requests: "write", metadata: "read" } },
  {
    id: 48123902,
    slug: "release-please",
    permissions: { contents: "write", administration: "write", metadata: "read" },
    selection: "selected",
  },
  {
    id: 48123903,
    slug: "acme-sso-sync",
    permissions: { organization_administration: "read", members: "write" },
    suspendedAt: "2026-09-01T10:00:00Z",
  },
  { id: 48123904, slug: "claude-code", permissions: { contents: "write", pull_requests: "write", issues: "write" } },
];

async function read(reader: FormatReader, text: string, options: Partial<ImportOptions> = {}) {
  const rows: ImportRow[] = [];
  for await (const entry of reader(textChunks(text), { environment: "production", ...options })) if (!isSkipped(entry)) rows.push(entry);
  return { rows, byName: (name: string) => rows.find((r) => r.fields.name === name)! };
}

describe("high-risk permissions", () => {
  it("are write or admin access to administration, workflows, secrets, members or anything organization-wide", () => {
    expect(isHighRiskPermission("administration", "write")).toBe(true);
    expect(isHighRiskPermission("administration", "read")).toBe(false);
    expect(isHighRiskPermission("workflows", "write")).toBe(true);
    expect(isHighRiskPermission("secrets", "write")).toBe(true);
    expect(isHighRiskPermission("members", "write")).toBe(true);
    expect(isHighRiskPermission("organization_secrets", "admin")).toBe(true);
    expect(isHighRiskPermission("organization_projects", "write")).toBe(true);
    expect(isHighRiskPermission("organization_administration", "read")).toBe(false);
    expect(isHighRiskPermission("contents", "write")).toBe(false);
    // A PAT's organization group: any write there is organization-wide.
    expect(isHighRiskPermission("projects", "write", true)).toBe(true);
    expect(isHighRiskPermission("projects", "read", true)).toBe(false);
  });
});

describe("reading GET /orgs/{org}/personal-access-tokens", () => {
  it("records each token's own dates as its credential, leaving the expiry empty when it never expires", async () => {
    const { byName } = await read(readGithubPats, personalAccessTokens(PATS), { org: ORG });
    expect(byName("release-automation").credentials).toEqual([
      {
        handle: "token 98716",
        type: "static_secret",
        status: "active",
        issuedAt: "2025-10-03T14:02:11Z",
        expiresAt: "2026-12-31T00:00:00Z",
        lastUsedAt: "2026-11-21T09:15:00Z",
        usage: "known",
      },
    ]);
    // GitHub's null is not "never used": it is not reported.
    expect(byName("forever-token").credentials?.[0]).toMatchObject({ expiresAt: null, lastUsedAt: null, usage: "unknown" });
    // Expired: still active, its expiry in the past.
    expect(byName("old-onboarding").credentials?.[0]).toMatchObject({ status: "active", expiresAt: "2026-10-31T00:00:00Z" });
  });

  it("marks tokens as human use, flags high-risk permissions and names the source", async () => {
    const { byName, rows } = await read(readGithubPats, personalAccessTokens(PATS), { org: ORG });
    expect(rows.every((r) => r.humanUse === true && r.source === "github:acme/personal-access-tokens")).toBe(true);
    expect(rows.map((r) => [r.fields.name, r.flags])).toEqual([
      ["release-automation", []],
      ["forever-token", ["high-risk-permission"]],
      ["old-onboarding", ["high-risk-permission"]],
    ]);
    expect(byName("release-automation")).toMatchObject({
      fields: { kind: "api_key", externalId: "acme/personal-access-token/25381", tags: ["source:github-pat", "github-user:octocat"] },
    });
    expect(byName("release-automation").entitlements).toEqual([
      { resource: "org:acme", action: "members", level: "read", environment: null },
      { resource: "repositories:subset", action: "metadata", level: "read", environment: null },
      { resource: "repositories:subset", action: "contents", level: "write", environment: null },
    ]);
  });

  it("warns when GitHub says a token expired without giving its expiry", async () => {
    const text = personalAccessTokens([{ ...PATS[1]!, expired: true }]);
    const { rows } = await read(readGithubPats, text, { org: ORG });
    expect(rows[0]!.warnings).toEqual(["GitHub says the token has expired but gives no expiry date"]);
  });
});

describe("reading GET /orgs/{org}/installations", () => {
  it("registers installations as their own kind with a self-expiring installation token", async () => {
    const { byName } = await read(readGithubInstallations, installations(INSTALLATIONS));
    expect(byName("dependabot")).toMatchObject({
      fields: {
        kind: "github_app_installation",
        status: "active",
        vendor: "dependabot",
        externalId: "acme/installation/48123901",
      },
      credentials: [{ handle: "installation token", type: "short_lived_token", status: "active", usage: "unknown" }],
      flags: [],
      humanUse: false,
      // The org is the installation's account when no org option is given.
      source: "github:acme/installations",
      signals: { vendor: "dependabot" },
    });
  });

  it("marks suspended installations (their token inactive) and flags high-risk permissions", async () => {
    const { byName } = await read(readGithubInstallations, installations(INSTALLATIONS), { org: ORG });
    const sync = byName("acme-sso-sync");
    expect(sync.fields.status).toBe("suspended");
    expect(sync.credentials?.[0]?.status).toBe("inactive");
    expect(sync.flags).toEqual(["high-risk-permission"]);
    expect(byName("release-please").flags).toEqual(["high-risk-permission"]);
    // Organization permissions are scopes on the organization, the rest on the repositories.
    expect(sync.entitlements?.map((e) => `${e.resource} ${e.action} ${e.level}`)).toEqual([
      "org:acme organization_administration read",
      "org:acme members write",
    ]);
    expect(byName("release-please").entitlements?.[0]).toMatchObject({ resource: "repositories:selected" });
  });
});

// ---- through the import, into the registry ------------------------------------------------------------

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
  importIdentities({ actor: admin, db, clock, input: { format, content, dryRun: false, org: ORG, ...extra } });
const stored = (name: string) =>
  db.identity.findFirstOrThrow({ where: { platform: "github", name }, include: { credentials: true, entitlements: true } });

describe("importing GitHub tokens and installations", () => {
  it("stores tokens with and without expiry, human use and findings", async () => {
    const result = await run("github-pats", personalAccessTokens(PATS));
    expect(result.counts).toMatchObject({ create: 3, reject: 0 });

    const release = await stored("release-automation");
    expect(release).toMatchObject({
      humanUse: true,
      neverExpires: false,
      usage: "known",
      flags: [],
      source: "github:acme/personal-access-tokens",
    });
    expect(release.credentialExpiresAt?.toISOString()).toBe("2026-12-31T00:00:00.000Z");
    expect(release.credentials[0]).toMatchObject({ handle: "token 98716", type: "static_secret", usage: "known" });

    // No expiry: the summary says it never expires; no last use: unknown, not never.
    const forever = await stored("forever-token");
    expect(forever).toMatchObject({ neverExpires: true, credentialExpiresAt: null, usage: "unknown", flags: ["high-risk-permission"] });

    // Expired: active, with its expiry in the past.
    const old = await stored("old-onboarding");
    expect(old).toMatchObject({ activeCredentials: 1, neverExpires: false });
    expect(old.credentialExpiresAt!.getTime()).toBeLessThan(clock.now().getTime());
  });

  it("stores installations as their own kind, a suspended one suspended, and leaves tokens alone", async () => {
    await run("github-pats", personalAccessTokens(PATS));
    const result = await run("github-installations", installations(INSTALLATIONS), { fullExport: true });
    expect(result.counts).toMatchObject({ create: 4, reject: 0, gone: 0 });
    const sync = await stored("acme-sso-sync");
    expect(sync).toMatchObject({
      kind: "github_app_installation",
      status: "suspended",
      activeCredentials: 0,
      flags: ["high-risk-permission"],
    });
    const dependabot = await stored("dependabot");
    expect(dependabot).toMatchObject({
      status: "active",
      vendor: "dependabot",
      credentialType: "short_lived_token",
      neverExpires: false,
      usage: "unknown",
      source: "github:acme/installations",
    });
    // A full export of installations says nothing about tokens: none is marked gone.
    expect(await db.identity.count({ where: { goneFromSourceAt: { not: null } } })).toBe(0);

    // An installation removed from the org: gone from its source on the next full export.
    const again = await run("github-installations", installations(INSTALLATIONS.slice(1)), { fullExport: true });
    expect(again.counts).toMatchObject({ gone: 1 });
    expect((await stored("dependabot")).goneFromSourceAt).not.toBeNull();
    expect(await db.identity.count({ where: { goneFromSourceAt: { not: null } } })).toBe(1);
  });
});
