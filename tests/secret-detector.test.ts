import { describe, expect, it } from "vitest";
import { secretKind } from "@/lib/domain/registry/secret-detector";

describe("secret detection", () => {
  it.each([
    ["AKIAIOSFODNN7EXAMPLE", "an AWS access key id"],
    ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "an AWS secret access key"],
    ["ghp_1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz12", "a GitHub token"],
    ["github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", "a GitHub fine-grained token"],
    ["-----BEGIN RSA PRIVATE KEY-----\nMIIEow", "a private key"],
    ["-----BEGIN OPENSSH PRIVATE KEY-----", "a private key"],
    ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "a JSON Web Token"],
    ["xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "a Slack token"],
    ["token is Zx8Qk2Lm9Pq4Rt7Vw1Yb3Nc6Hd5Jf0Gs8Ae2Ku4", "a long random string (an API key or secret?)"],
  ])("refuses %s", (text, kind) => {
    expect(secretKind(text)).toBe(kind);
  });

  it.each([
    "arn:aws:iam::123456789012:user/ci-deployer",
    "system:serviceaccount:payments:ledger-writer",
    "2f1c8a4e-9b7d-4c3e-8f6a-1b2c3d4e5f60",
    "Deploys the payments service from GitHub Actions to production",
    "da39a3ee5e6b4b0d3255bfef95601890afd80709",
    "projects/acme-prod/serviceAccounts/billing-exporter@acme-prod.iam.gserviceaccount.com",
    "https://github.com/acme/payments/settings/installations/48123901",
    "team-platform-engineering-europe-west",
  ])("accepts %s", (text) => {
    expect(secretKind(text)).toBeNull();
  });
});
