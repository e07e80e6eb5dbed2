import { type FormatReader, type ImportCredential, type SourceEntry, objectItem } from "./import-row";
import { readJsonItems } from "./read-json";

// GitHub organization REST API list endpoints, read as a GitHub admin would:
// - Fine-grained personal access tokens (GET /orgs/{org}/personal-access-tokens): each token acts as the
//   person who made it, so it is human use of a non-human identity. Its credential carries GitHub's own
//   dates: access granted, expiry (none when the token never expires: the registry then warns), last use.
//   GitHub documents `token_last_used_at` only as "when the token was last used for authentication" and
//   gives null both for a token never used and for one whose use it did not record, so null is "unknown",
//   never "never used".
// - App installations (GET /orgs/{org}/installations): their own kind. An installation authenticates with
//   installation tokens GitHub issues for an hour at a time and does not report their use; a suspended
//   installation cannot get one.
// Permissions become scopes ("read" / "write" / "admin" one to one); write or admin access to the
// administration of repositories or the organization, to workflows, to secrets, to the organization's
// members or to anything organization-wide is flagged as a high-risk permission.
// Each row names its source: the organization and the endpoint, since a full export of tokens says nothing
// about installations (and the other way round).

type Permissions = Record<string, unknown>;

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
const level = (v: unknown) => (v === "admin" ? "admin" : v === "write" ? "write" : "read");
const permissionsOf = (v: unknown): Permissions => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Permissions) : {});

function scopes(permissions: Permissions, resource: string) {
  return Object.entries(permissions).map(([action, granted]) => ({ resource, action, level: level(granted), environment: null }));
}

/** Repository permissions that are high-risk at write or admin level. */
const RISKY_REPOSITORY = new Set(["administration", "workflows", "secrets"]);
/** Organization permissions that are high-risk at write or admin level, beside any `organization_*` one. */
const RISKY_ORGANIZATION = new Set(["members", "administration"]);

/** Whether a permission grant is high-risk; `organizationLevel` when the API groups it under the organization. */
export function isHighRiskPermission(permission: string, granted: unknown, organizationLevel = false): boolean {
  if (granted !== "write" && granted !== "admin") return false;
  if (organizationLevel) return true;
  return RISKY_REPOSITORY.has(permission) || RISKY_ORGANIZATION.has(permission) || permission.startsWith("organization_");
}

const highRisk = (organization: Permissions, other: Permissions) =>
  Object.entries(organization).some(([p, g]) => isHighRiskPermission(p, g, true)) ||
  Object.entries(other).some(([p, g]) => isHighRiskPermission(p, g));

type Pat = {
  id?: unknown;
  owner?: { login?: unknown };
  token_name?: unknown;
  token_id?: unknown;
  token_expired?: unknown;
  repository_selection?: unknown;
  permissions?: { organization?: unknown; repository?: unknown; other?: unknown };
  access_granted_at?: unknown;
  token_expires_at?: unknown;
  token_last_used_at?: unknown;
};

export const readGithubPats: FormatReader = async function* (input, options): AsyncGenerator<SourceEntry> {
  const org = options.org?.trim();
  const items = readJsonItems(input, {
    rootArray: true,
    expected: "Expected the JSON array returned by GET /orgs/{org}/personal-access-tokens.",
  });
  for await (const { item, value } of items) {
    const pat = objectItem(item, value, "a personal access token") as Pat;
    const login = text(pat.owner?.login);
    const tokenId = pat.token_id ?? pat.id;
    const expiresAt = text(pat.token_expires_at) ?? null;
    const lastUsedAt = text(pat.token_last_used_at) ?? null;
    const warnings = pat.token_expired === true && !expiresAt ? ["GitHub says the token has expired but gives no expiry date"] : [];
    const credential: ImportCredential = {
      // The token's id (GitHub shows it in the audit log and the organization's settings): not a secret.
      handle: `token ${tokenId}`,
      type: "static_secret",
      // An expired token stays active here with its expiry in the past: it shows as expired.
      status: "active",
      issuedAt: text(pat.access_granted_at) ?? null,
      expiresAt,
      lastUsedAt,
      usage: lastUsedAt ? "known" : "unknown",
    };
    const organization = permissionsOf(pat.permissions?.organization);
    const repository = permissionsOf(pat.permissions?.repository);
    yield {
      row: item,
      createOnly: ["environment", "purpose"],
      credentials: [credential],
      flags: highRisk(organization, repository) ? ["high-risk-permission"] : [],
      // The token acts as the person who made it.
      humanUse: true,
      source: org ? `github:${org}/personal-access-tokens` : "github/personal-access-tokens",
      signals: { vendor: null },
      warnings,
      fields: {
        name: text(pat.token_name) ?? `token ${tokenId}`,
        kind: "api_key",
        platform: "github",
        externalId: `${org ?? "github"}/personal-access-token/${pat.id}`,
        environment: options.environment,
        purpose: "Imported fine-grained personal access token; purpose not stated yet",
        tags: ["source:github-pat", ...(login ? [`github-user:${login.toLowerCase()}`] : [])],
      },
      entitlements: [
        ...scopes(organization, `org:${org ?? "github"}`),
        ...scopes(repository, `repositories:${text(pat.repository_selection) ?? "selected"}`),
      ],
    };
  }
};

type Installation = {
  id?: unknown;
  app_slug?: unknown;
  app_id?: unknown;
  account?: { login?: unknown };
  repository_selection?: unknown;
  permissions?: unknown;
  created_at?: unknown;
  suspended_at?: unknown;
};

/** Installation permissions that act on the organization itself rather than on its repositories. */
const isOrganizationPermission = (permission: string) => permission === "members" || permission.startsWith("organization_");

export const readGithubInstallations: FormatReader = async function* (input, options): AsyncGenerator<SourceEntry> {
  const items = readJsonItems(input, {
    rootArray: false,
    key: "installations",
    expected: "Expected the JSON returned by GET /orgs/{org}/installations (with an installations array).",
  });
  for await (const { item, value } of items) {
    const inst = objectItem(item, value, "an app installation") as Installation;
    const login = text(inst.account?.login);
    const org = options.org?.trim() || login;
    const slug = text(inst.app_slug);
    const suspended = inst.suspended_at !== null && inst.suspended_at !== undefined;
    const permissions = permissionsOf(inst.permissions);
    const organization = Object.fromEntries(Object.entries(permissions).filter(([p]) => isOrganizationPermission(p)));
    const repository = Object.fromEntries(Object.entries(permissions).filter(([p]) => !isOrganizationPermission(p)));
    yield {
      row: item,
      createOnly: ["environment", "purpose"],
      credentials: [
        {
          handle: "installation token",
          type: "short_lived_token",
          // A suspended installation cannot get a token.
          status: suspended ? "inactive" : "active",
          issuedAt: text(inst.created_at) ?? null,
          usage: "unknown",
        },
      ],
      flags: highRisk({}, permissions) ? ["high-risk-permission"] : [],
      humanUse: false,
      source: org ? `github:${org}/installations` : "github/installations",
      signals: { vendor: slug ?? null },
      fields: {
        name: slug ?? `installation ${inst.id}`,
        kind: "github_app_installation",
        platform: "github",
        externalId: `${login ?? "org"}/installation/${inst.id}`,
        environment: options.environment,
        purpose: "Imported GitHub App installation; purpose not stated yet",
        status: suspended ? "suspended" : "active",
        vendor: slug ?? null,
        tags: ["source:github-app"],
      },
      entitlements: [
        ...scopes(organization, `org:${org ?? "github"}`),
        ...scopes(repository, `repositories:${text(inst.repository_selection) ?? "selected"}`),
      ],
    };
  }
};
