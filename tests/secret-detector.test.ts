import { lintSource } from "@secretlint/core";
import { describe, expect, it, vi } from "vitest";
import { detectSecret, findSecrets, scanTexts } from "@/lib/domain/shared/secret-detector";

// Counts lint calls (each costs ~0.14 ms however little it reads), passing every call through.
vi.mock("@secretlint/core", async (original) => {
  const real = await original<{ lintSource: typeof lintSource }>();
  return { ...real, lintSource: vi.fn(real.lintSource) };
});

// Real formats, never real secrets: providers' documented example values where they publish one, otherwise
// values generated here to match the provider's format (seeded, so every run tests the same strings).
let seed = 0x5eed;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const gen = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
const an = (n: number) => gen(ALNUM, n);
const hex = (n: number) => gen("0123456789abcdef", n);
const upper = (n: number) => gen("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", n);
const url64 = (n: number) => gen(`${ALNUM}-_`, n);
const jwtPart = (json: object) => Buffer.from(JSON.stringify(json)).toString("base64url");

const SECRETS: [string, string][] = [
  ["AWS access key id (AWS docs example)", "AKIAIOSFODNN7EXAMPLE"],
  ["AWS temporary access key id", `ASIA${upper(16)}`],
  ["AWS secret access key (AWS docs example)", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
  ["AWS credentials file line", `aws_secret_access_key = ${an(40)}`],
  ["GitHub classic token", `ghp_${an(36)}`],
  ["GitHub OAuth token", `gho_${an(36)}`],
  ["GitHub app installation token", `ghs_${an(36)}`],
  ["GitHub refresh token", `ghr_${an(36)}`],
  ["GitHub fine-grained token", `github_pat_11${upper(20)}_${an(59)}`],
  ["GitLab personal access token (secretlint example)", "glpat-xxxxxxxxxxxxxxxxxxxx"],
  ["GitLab personal access token", `glpat-${url64(20)}`],
  ["GitLab deploy token", `gldt-${url64(20)}`],
  ["GitLab runner token", `glrt-${url64(20)}`],
  ["GitLab runner registration token", `GR1348941${url64(20)}`],
  ["Slack bot token", `xoxb-${gen("0123456789", 12)}-${gen("0123456789", 13)}-${an(24)}`],
  ["Slack user token", `xoxp-${gen("0123456789", 12)}-${gen("0123456789", 12)}-${gen("0123456789", 13)}-${hex(32)}`],
  ["Slack app token", `xapp-1-A${upper(10)}-${gen("0123456789", 13)}-${hex(64)}`],
  ["Slack webhook", `https://hooks.slack.com/services/T${upper(8)}/B${upper(8)}/${an(24)}`],
  ["JSON Web Token", `${jwtPart({ alg: "HS256", typ: "JWT" })}.${jwtPart({ sub: "1234567890", name: "ci" })}.${url64(43)}`],
  ["OpenAI project key", `sk-proj-${url64(48)}T3BlbkFJ${url64(48)}`],
  ["Anthropic key", `sk-ant-api03-${url64(93)}AA`],
  ["Stripe test key (Stripe docs example)", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"],
  ["Stripe live restricted key", `rk_live_${an(99)}`],
  ["Stripe webhook secret", `whsec_${an(32)}`],
  ["Twilio API key", `SK${hex(32)}`],
  ["Twilio auth token with its name", `twilio auth token ${hex(32)}`],
  ["basic-auth URL", "https://deploy:Sup3rS3cret@registry.example.com/v2/"],
  ["basic-auth URL (ftp)", `ftp://backup:${an(12)}@files.example.com/`],
  ["PostgreSQL URL with password", `postgres://ledger:${an(16)}@db.internal:5432/ledger`],
  ["MySQL URL with password", `mysql://root:${an(14)}@10.0.3.7:3306/app`],
  ["MongoDB SRV URL with password", `mongodb+srv://app:${an(18)}@cluster0.ab1cd.mongodb.net/prod`],
  ["Redis URL with password only", `redis://:${an(20)}@cache.internal:6379/0`],
  ["ADO.NET connection string", `Server=tcp:sql.example.net,1433;Database=ledger;User ID=app;Password=${an(16)};`],
  ["DigitalOcean personal token", `dop_v1_${hex(64)}`],
  ["DigitalOcean OAuth token", `doo_v1_${hex(64)}`],
  ["Shopify access token", `shpat_${hex(32)}`],
  ["Shopify shared secret", `shpss_${hex(32)}`],
  ["Databricks token", `dapi${hex(32)}`],
  ["Databricks token with suffix", `dapi${hex(32)}-2`],
  ["Mailgun key (legacy)", `key-${hex(32)}`],
  ["Mailgun key", `${hex(32)}-${hex(8)}-${hex(8)}`],
  ["Mailchimp key", `${hex(32)}-us21`],
  ["Datadog API key assignment", `DD_API_KEY=${hex(32)}`],
  ["Datadog application key with its name", `datadog app key ${hex(40)}`],
  ["Square access token", `sq0atp-${url64(22)}`],
  ["Square OAuth secret", `sq0csp-${url64(43)}`],
  ["Square production token", `EAAA${url64(60)}`],
  ["Google API key", `AIza${url64(35)}`],
  ["Google OAuth client secret", `GOCSPX-${url64(28)}`],
  ["Google OAuth access token", `ya29.${url64(60)}`],
  ["SendGrid API key", `SG.${url64(22)}.${url64(43)}`],
  ["Azure client secret", `${an(3)}8Q~${url64(34)}`],
  [
    "Azure storage connection string",
    `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${an(86)}==;EndpointSuffix=core.windows.net`,
  ],
  ["Azure SAS URL", `https://acme.blob.core.windows.net/c?sv=2022-11-02&ss=b&sp=r&se=2026-01-01&sig=${an(40)}%3D`],
  ["npm token", `npm_${an(36)}`],
  ["PyPI token", `pypi-AgEIcHlwaS5vcmc${url64(70)}`],
  ["Hugging Face token", `hf_${an(34)}`],
  ["HashiCorp Vault token", `hvs.${url64(90)}`],
  ["Docker Hub token", `dckr_pat_${url64(27)}`],
  ["Terraform Cloud token", `${an(14)}.atlasv1.${url64(67)}`],
  ["Postman key", `PMAK-${hex(24)}-${hex(34)}`],
  ["age secret key", `AGE-SECRET-KEY-1${upper(58)}`],
  ["Grafana service account token", `glsa_${an(32)}_${hex(8)}`],
  ["New Relic user key", `NRAK-${upper(27)}`],
  ["Linear API key", `lin_api_${an(40)}`],
  ["Telegram bot token", `123456789:AA${url64(33)}`],
  ["Discord webhook", `https://discord.com/api/webhooks/123456789012345678/${url64(68)}`],
  ["Supabase token", `sbp_${hex(40)}`],
  ["Atlassian API token", `ATATT3xFfGF0${url64(180)}`],
  ["RSA private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA"],
  ["OpenSSH private key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA"],
  ["PGP private key", "-----BEGIN PGP PRIVATE KEY BLOCK-----"],
  ["password= assignment", "password=hunter22"],
  ["password: with digits", "DB password: Winter2026!"],
  ["password in JSON", `{"password":"${an(14)}"}`],
  ["client_secret assignment", `client_secret=${an(24)}`],
  ["access token in a query string", `https://api.example.com/v1?access_token=${an(32)}`],
  ["Bearer header", `Authorization: Bearer ${an(40)}`],
  ["64-character hex secret", hex(64)],
  ["64-character hex secret in a sentence", `webhook signing key ${hex(64)}`],
  ["long random string", `token is ${an(40)}`],
];

const NON_SECRETS: string[] = [
  "arn:aws:iam::123456789012:user/ci-deployer",
  "arn:aws:iam::123456789012:role/service-role/payments-lambda-exec-role",
  "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/ledger/db-AbCdEf",
  "system:serviceaccount:payments:ledger-writer",
  "2f1c8a4e-9b7d-4c3e-8f6a-1b2c3d4e5f60",
  "Deploys the payments service from GitHub Actions to production",
  "da39a3ee5e6b4b0d3255bfef95601890afd80709",
  "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "ghcr.io/acme/ledger@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  "SHA-256 checksum of the release: 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
  "sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC",
  "integrity sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUR5fDGVm0JVlA6V9w==",
  "PaymentsLedgerReconciliationWorkerEuWest2A",
  "OrderFulfillmentEventsConsumerProduction01",
  "projects/acme-prod/serviceAccounts/billing-exporter@acme-prod.iam.gserviceaccount.com",
  "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg-payments-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-ledger",
  "https://github.com/acme/payments/settings/installations/48123901",
  "team-platform-engineering-europe-west",
  "https://vault.example.com/v1/secret/data/payments/db",
  "Rotates the database password every 30 days through Vault",
  "password: rotated quarterly by the platform team",
  "token lifetime is 15 minutes; refresh via workload identity federation",
  "postgres://ledger@db.internal:5432/ledger",
  "postgres://ledger:${DB_PASSWORD}@db.internal:5432/ledger",
  "https://ci@registry.example.com/v2/",
  "ci-deployer@acme-prod.iam.gserviceaccount.com",
  "k8s:prod-eu-1/payments/ledger-writer",
  "2026-01-31T09:30:00Z",
  "Owner: payments on-call (PagerDuty schedule P1A2B3C)",
  "github-app:acme-release-bot (installation 48123901, app id 912345)",
  "spiffe://acme.example/ns/payments/sa/ledger-writer",
  "CN=ledger.payments.svc, O=Acme Corp, serial 4F:3A:91:0C:7E:22:B8:19",
  "secretlint-free text: see runbook RB-1042 for rotation",
  "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/db-v2-x7Yz9Q",
  "selector app.kubernetes.io/secret=ledger-creds-v2",
  "expires: 2026-09-01T00:00:00Z (token: rotated by the CI job)",
];

describe("secret detection", () => {
  it(`has at least 60 secrets and 30 non-secrets`, () => {
    expect(SECRETS.length).toBeGreaterThanOrEqual(60);
    expect(NON_SECRETS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(SECRETS)("refuses %s", async (_label, value) => {
    expect(await detectSecret(value)).not.toBeNull();
    expect(await detectSecret(`the value is ${value} (copied from the vault)`)).not.toBeNull();
  });

  it.each(NON_SECRETS)("accepts %s", async (text) => {
    expect(await detectSecret(text)).toBeNull();
  });

  it("names the provider where it knows it", async () => {
    expect(await detectSecret("glpat-xxxxxxxxxxxxxxxxxxxx")).toBe("a GitLab token");
    expect(await detectSecret("AKIAIOSFODNN7EXAMPLE")).toBe("an AWS access key id");
    expect(await detectSecret(`dop_v1_${hex(64)}`)).toBe("a DigitalOcean token");
    expect(await detectSecret("https://deploy:Sup3rS3cret@registry.example.com/")).toBe("a password in a URL");
  });

  it("maps each hit of one lint call back to its field", async () => {
    const hits = await findSecrets({
      name: "ledger-writer",
      purpose: "Writes the ledger",
      team: `glpat-${url64(20)}`,
      vendor: "acme",
      notes: `DD_API_KEY=${hex(32)}`,
    });
    expect(hits).toEqual([
      { field: "team", kind: "a GitLab token" },
      { field: "notes", kind: "a password or key assignment" },
    ]);
  });

  it("a field cannot switch the detector off for the fields after it", async () => {
    const [first, second] = await scanTexts(["// secretlint-disable", `glpat-${url64(20)}`]);
    expect(first).toEqual([]);
    expect(second?.[0]?.kind).toBe("a GitLab token");
  });

  it("reads long crafted text in linear time (no rule backtracks without end)", async () => {
    const crafted = ["sk-".repeat(33_000), "a.".repeat(50_000), `token_${"a-".repeat(30)}`.repeat(1_500), "glpat-".repeat(16_000)];
    const started = performance.now();
    expect(await scanTexts(crafted)).toHaveLength(4);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("checks the fields of rows validated together in one lint call", async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => ({
      name: `payments-deployer-${i}`,
      purpose: `Deploys the payments service ${i} from GitHub Actions to production`,
      platform: "aws",
      externalId: `arn:aws:iam::123456789012:user/ci-deployer-${i}`,
      team: "platform",
      vendor: "github",
    }));
    vi.mocked(lintSource).mockClear();
    const results = await Promise.all(rows.map((row) => Promise.all(Object.values(row).map(detectSecret))));
    expect(results.flat().every((kind) => kind === null)).toBe(true);
    // ~250 kB of text: two chunks of at most 256 KiB, instead of 12,000 calls.
    expect(vi.mocked(lintSource).mock.calls.length).toBeLessThanOrEqual(2);
  });
});
