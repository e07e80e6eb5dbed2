// The registry's closed vocabularies (mirrored by CHECK constraints in the registry_rules migration).

export const KINDS = [
  "service_account",
  "api_key",
  "oauth_app",
  "workload_identity",
  "cicd_token",
  "bot",
  "ai_agent",
  "certificate",
  "github_app_installation",
] as const;
export const ENVIRONMENTS = ["production", "staging", "test", "development"] as const;
export const STATUSES = ["active", "suspended", "decommissioned"] as const;
export const CREDENTIAL_TYPES = ["static_secret", "short_lived_token", "federated", "certificate", "oauth_client"] as const;
export const LEVELS = ["read", "write", "admin"] as const;
/** What a scope may hold: a person chooses a level; an import may know a grant without its level. */
export const SCOPE_LEVELS = [...LEVELS, "unknown"] as const;

export type Kind = (typeof KINDS)[number];
export type Environment = (typeof ENVIRONMENTS)[number];
export type IdentityStatus = (typeof STATUSES)[number];
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];
export type Level = (typeof LEVELS)[number];
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

export const KIND_LABELS: Record<Kind, string> = {
  service_account: "Service account",
  api_key: "API key",
  oauth_app: "OAuth app",
  workload_identity: "Workload identity",
  cicd_token: "CI/CD token",
  bot: "Bot",
  ai_agent: "AI agent",
  certificate: "Certificate",
  github_app_installation: "GitHub App installation",
};

export const CREDENTIAL_TYPE_LABELS: Record<CredentialType, string> = {
  static_secret: "Static secret",
  short_lived_token: "Short-lived token",
  federated: "Federated / workload identity",
  certificate: "Certificate",
  oauth_client: "OAuth client",
};
