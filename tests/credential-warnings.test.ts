import { describe, expect, it } from "vitest";
import {
  type CredentialFacts,
  credentialWarnings,
  ROTATION_MAX_AGE_DAYS,
  UNUSED_MAX_DAYS,
} from "@/lib/domain/registry/credential-warnings";

const NOW = new Date("2026-06-15T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const inDays = (n: number) => new Date(NOW.getTime() + n * 86_400_000).toISOString();

/** A healthy static secret: rotated last week, expires next year, used yesterday. */
const healthy: CredentialFacts = {
  status: "active",
  credentialType: "static_secret",
  credentialIssuedAt: daysAgo(400),
  credentialRotatedAt: daysAgo(7),
  credentialExpiresAt: inDays(300),
  lastUsedAt: daysAgo(1),
};
const judge = (changes: Partial<CredentialFacts>) => credentialWarnings({ ...healthy, ...changes }, NOW);
const codes = (changes: Partial<CredentialFacts>) => judge(changes).map((w) => w.code);

describe("credential warnings", () => {
  it("say nothing about a healthy static secret", () => {
    expect(judge({})).toEqual([]);
  });

  it.each(["short_lived_token", "federated"] as const)(
    "never warn about rotation or expiry of a %s, however old and whatever its dates",
    (credentialType) => {
      const warnings = judge({ credentialType, credentialIssuedAt: daysAgo(900), credentialRotatedAt: null, credentialExpiresAt: null });
      expect(warnings).toEqual([{ code: "self-expiring", severity: "info", text: "expires by itself: nothing to rotate" }]);
      expect(codes({ credentialType, credentialExpiresAt: daysAgo(3) })).toEqual(["self-expiring"]);
    },
  );

  it("still warn that a self-expiring credential is unused: dormancy is not about rotation", () => {
    expect(judge({ credentialType: "federated", lastUsedAt: daysAgo(200) })).toContainEqual({
      code: "unused",
      severity: "warning",
      text: "unused for 200 days",
    });
  });

  it.each([
    ["static_secret", "no expiry: a static secret that never expires"],
    ["oauth_client", "no expiry: an OAuth client secret that never expires"],
    ["certificate", "no expiry: a certificate with no expiry date recorded"],
  ] as const)("give a %s without expiry a strong warning", (credentialType, text) => {
    expect(judge({ credentialType, credentialExpiresAt: null })).toEqual([{ code: "no-expiry", severity: "high", text }]);
  });

  it("make an expired credential on an active identity the strongest warning, listed first", () => {
    const warnings = judge({ credentialExpiresAt: daysAgo(12), credentialRotatedAt: daysAgo(500), lastUsedAt: daysAgo(120) });
    expect(warnings.map((w) => [w.code, w.severity])).toEqual([
      ["expired", "critical"],
      ["not-rotated", "warning"],
      ["unused", "warning"],
    ]);
    expect(warnings[0]!.text).toBe("expired 12 days ago, on an active identity");
    expect(judge({ credentialExpiresAt: NOW.toISOString() })[0]!.text).toBe("expired today, on an active identity");
  });

  it("warn about rotation only past the threshold, counting from issue when never rotated", () => {
    expect(codes({ credentialRotatedAt: daysAgo(ROTATION_MAX_AGE_DAYS) })).toEqual([]);
    expect(judge({ credentialRotatedAt: daysAgo(ROTATION_MAX_AGE_DAYS + 1) })).toEqual([
      { code: "not-rotated", severity: "warning", text: "not rotated for 91 days" },
    ]);
    expect(judge({ credentialRotatedAt: null, credentialIssuedAt: daysAgo(30) })).toEqual([]);
    expect(judge({ credentialRotatedAt: null, credentialIssuedAt: daysAgo(1_200) })).toEqual([
      { code: "not-rotated", severity: "warning", text: "never rotated, issued 1,200 days ago" },
    ]);
  });

  it("leave certificate renewal to its expiry date rather than the rotation age", () => {
    expect(codes({ credentialType: "certificate", credentialRotatedAt: null, credentialIssuedAt: daysAgo(700) })).toEqual([]);
  });

  it("warn about use only past the threshold, and call a missing date neutral, not 'never used'", () => {
    expect(codes({ lastUsedAt: daysAgo(UNUSED_MAX_DAYS) })).toEqual([]);
    expect(judge({ lastUsedAt: daysAgo(UNUSED_MAX_DAYS + 1) })).toEqual([
      { code: "unused", severity: "warning", text: "unused for 91 days" },
    ]);
    expect(judge({ lastUsedAt: null })).toEqual([{ code: "no-use-recorded", severity: "info", text: "no use recorded" }]);
  });

  it("do not judge expiry or rotation when the credential type is unknown", () => {
    expect(codes({ credentialType: null, credentialExpiresAt: null, credentialRotatedAt: daysAgo(900) })).toEqual(["type-unknown"]);
  });

  it("keep a suspended identity's standing risks but not expired or unused; a decommissioned one gets none", () => {
    const stale = { credentialExpiresAt: daysAgo(5), credentialRotatedAt: daysAgo(300), lastUsedAt: daysAgo(300) };
    expect(codes({ ...stale, status: "suspended" })).toEqual(["not-rotated"]);
    expect(codes({ status: "suspended", credentialExpiresAt: null })).toEqual(["no-expiry"]);
    expect(judge({ ...stale, status: "decommissioned", credentialExpiresAt: null })).toEqual([]);
  });

  it("accept Dates as well as ISO strings", () => {
    expect(judge({ credentialExpiresAt: new Date(daysAgo(2)), lastUsedAt: new Date(daysAgo(1)) })[0]!.code).toBe("expired");
  });
});
