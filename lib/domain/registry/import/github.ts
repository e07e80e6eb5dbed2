import { FormatError, type ImportOptions, type ParsedFile } from "./import-row";

// GitHub organization REST API list endpoints: fine-grained personal access tokens
// (GET /orgs/{org}/personal-access-tokens) and app installations (GET /orgs/{org}/installations).
// Their permissions become scopes; "read" / "write" / "admin" map one to one.

type Permissions = Record<string, string>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FormatError(`The file is not valid JSON: ${(error as Error).message}`);
  }
}

function scopes(permissions: Permissions | undefined, resource: string) {
  return Object.entries(permissions ?? {}).map(([action, level]) => ({ resource, action, level: level === "admin" ? "admin" : level === "write" ? "write" : "read", environment: null }));
}

type Pat = {
  id: number;
  owner?: { login?: string };
  token_name?: string;
  token_id?: number;
  repository_selection?: string;
  permissions?: { organization?: Permissions; repository?: Permissions; other?: Permissions };
  access_granted_at?: string;
  token_expires_at?: string | null;
  token_last_used_at?: string | null;
};

export function parseGithubPats(text: string, options: ImportOptions & { org?: string }): ParsedFile {
  const data = parseJson(text);
  if (!Array.isArray(data)) throw new FormatError("Expected the JSON array returned by GET /orgs/{org}/personal-access-tokens.");
  const org = options.org?.trim() || "github";
  return {
    skipped: [],
    rows: (data as Pat[]).map((pat, i) => ({
      row: i + 1,
      createOnly: ["environment", "purpose"],
      fields: {
        name: pat.token_name ?? `token ${pat.token_id ?? pat.id}`,
        kind: "api_key",
        platform: "github",
        externalId: `${org}/personal-access-token/${pat.id}`,
        environment: options.environment,
        purpose: "Imported fine-grained personal access token; purpose not stated yet",
        // The token acts as the person who made it: kept visible for the "human use of an NHI" review.
        tags: ["source:github-pat", ...(pat.owner?.login ? [`github-user:${pat.owner.login.toLowerCase()}`] : [])],
        credentialType: "static_secret",
        credentialIssuedAt: pat.access_granted_at ?? null,
        credentialExpiresAt: pat.token_expires_at ?? null,
        lastUsedAt: pat.token_last_used_at ?? null,
      },
      entitlements: [
        ...scopes(pat.permissions?.organization, `org:${org}`),
        ...scopes(pat.permissions?.repository, `repositories:${pat.repository_selection ?? "selected"}`),
      ],
    })),
  };
}

type Installation = {
  id: number;
  app_slug?: string;
  account?: { login?: string };
  repository_selection?: string;
  permissions?: Permissions;
  created_at?: string;
};

export function parseGithubInstallations(text: string, options: ImportOptions): ParsedFile {
  const data = parseJson(text) as { installations?: Installation[] };
  if (!Array.isArray(data?.installations)) throw new FormatError("Expected the JSON returned by GET /orgs/{org}/installations (with an installations array).");
  return {
    skipped: [],
    rows: data.installations.map((inst, i) => ({
      row: i + 1,
      createOnly: ["environment", "purpose"],
      fields: {
        name: inst.app_slug ?? `installation ${inst.id}`,
        kind: "oauth_app",
        platform: "github",
        externalId: `${inst.account?.login ?? "org"}/installation/${inst.id}`,
        environment: options.environment,
        purpose: "Imported GitHub App installation; purpose not stated yet",
        vendor: inst.app_slug ?? null,
        tags: ["source:github-app"],
        credentialType: "short_lived_token",
        credentialIssuedAt: inst.created_at ?? null,
      },
      entitlements: scopes(inst.permissions, `repositories:${inst.repository_selection ?? "selected"}`),
    })),
  };
}
