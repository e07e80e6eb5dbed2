import { type FormatReader, objectItem } from "./import-row";
import { readJsonItems } from "./read-json";

// GitHub organization REST API list endpoints: fine-grained personal access tokens
// (GET /orgs/{org}/personal-access-tokens) and app installations (GET /orgs/{org}/installations).
// Their permissions become scopes; "read" / "write" / "admin" map one to one.

type Permissions = Record<string, string>;

function scopes(permissions: Permissions | undefined, resource: string) {
  return Object.entries(permissions ?? {}).map(([action, level]) => ({
    resource,
    action,
    level: level === "admin" ? "admin" : level === "write" ? "write" : "read",
    environment: null,
  }));
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

export const readGithubPats: FormatReader = async function* (text, options) {
  const org = options.org?.trim() || "github";
  const items = readJsonItems(text, {
    rootArray: true,
    expected: "Expected the JSON array returned by GET /orgs/{org}/personal-access-tokens.",
  });
  for await (const { item, value } of items) {
    const pat = objectItem(item, value, "a personal access token") as Pat;
    const login = typeof pat.owner?.login === "string" ? pat.owner.login : undefined;
    yield {
      row: item,
      createOnly: ["environment", "purpose"],
      fields: {
        name: pat.token_name ?? `token ${pat.token_id ?? pat.id}`,
        kind: "api_key",
        platform: "github",
        externalId: `${org}/personal-access-token/${pat.id}`,
        environment: options.environment,
        purpose: "Imported fine-grained personal access token; purpose not stated yet",
        // The token acts as the person who made it: kept visible for the "human use of an NHI" review.
        tags: ["source:github-pat", ...(login ? [`github-user:${login.toLowerCase()}`] : [])],
        credentialType: "static_secret",
        credentialIssuedAt: pat.access_granted_at ?? null,
        credentialExpiresAt: pat.token_expires_at ?? null,
        lastUsedAt: pat.token_last_used_at ?? null,
      },
      entitlements: [
        ...scopes(pat.permissions?.organization, `org:${org}`),
        ...scopes(pat.permissions?.repository, `repositories:${pat.repository_selection ?? "selected"}`),
      ],
    };
  }
};

type Installation = {
  id: number;
  app_slug?: string;
  account?: { login?: string };
  repository_selection?: string;
  permissions?: Permissions;
  created_at?: string;
};

export const readGithubInstallations: FormatReader = async function* (text, options) {
  const items = readJsonItems(text, {
    rootArray: false,
    key: "installations",
    expected: "Expected the JSON returned by GET /orgs/{org}/installations (with an installations array).",
  });
  for await (const { item, value } of items) {
    const inst = objectItem(item, value, "an app installation") as Installation;
    yield {
      row: item,
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
    };
  }
};
