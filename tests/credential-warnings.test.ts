import { describe, expect, it } from "vitest";
import {
  type CredentialFacts,
  type CredentialRecordFacts,
  credentialWarnings,
  type IdentityFacts,
  identityWarnings,
  judgeCredential,
  ROTATION_MAX_AGE_DAYS,
  UNUSED_MAX_DAYS,
} from "@/lib/domain/registry/credential-warnings";
import { FLAGS } from "@/lib/domain/registry/identity-flags";

const NOW = new Date("2026-06-15T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const inDays = (n: number) => new Date(NOW.getTime() + n * 86_400_000).toISOString();

/** A healthy static secret: rotated last week, expires next year, used yesterday. */
const healthy: CredentialRecordFacts = {
  type: "static_secret",
  status: "active",
  issuedAt: daysAgo(400),
  rotatedAt: daysAgo(7),
  expiresAt: inDays(300),
  lastUsedAt: daysAgo(1),
  usage: "known",
};
const judge = (changes: Partial<CredentialRecordFacts>, identityStatus?: "active" | "suspended" | "decommissioned") =>
  judgeCredential({ ...healthy, ...changes }, NOW, identityStatus);
const codes = (changes: Partial<CredentialRecordFacts>, identityStatus?: "active" | "suspended" | "decommissioned") =>
  judge(changes, identityStatus).map((w) => w.code);

describe("judging one credential", () => {
  it("says nothing about a healthy static secret", () => {
    expect(judge({})).toEqual([]);
  });

  it.each(["short_lived_token", "federated"] as const)(
    "never warns about rotation or expiry of a %s, however old and whatever its dates",
    (type) => {
      const warnings = judge({ type, issuedAt: daysAgo(900), rotatedAt: null, expiresAt: null });
      expect(warnings).toEqual([{ code: "self-expiring", severity: "info", text: "expires by itself: nothing to rotate" }]);
      expect(codes({ type, expiresAt: daysAgo(3) })).toEqual(["self-expiring"]);
    },
  );

  it("still warns that a self-expiring credential is unused: dormancy is not about rotation", () => {
    expect(judge({ type: "federated", lastUsedAt: daysAgo(200) })).toContainEqual({
      code: "unused",
      severity: "warning",
      text: "unused for 200 days",
    });
  });

  it.each([
    ["static_secret", "no expiry: a static secret that never expires"],
    ["oauth_client", "no expiry: an OAuth client secret that never expires"],
    ["certificate", "no expiry: a certificate with no expiry date recorded"],
  ] as const)("gives a %s without expiry a strong warning", (type, text) => {
    expect(judge({ type, expiresAt: null })).toEqual([{ code: "no-expiry", severity: "high", text }]);
  });

  it("makes an expired credential on an active identity the strongest warning, listed first", () => {
    const warnings = judge({ expiresAt: daysAgo(12), rotatedAt: daysAgo(500), lastUsedAt: daysAgo(120) });
    expect(warnings.map((w) => [w.code, w.severity])).toEqual([
      ["expired", "critical"],
      ["not-rotated", "warning"],
      ["unused", "warning"],
    ]);
    expect(warnings[0]!.text).toBe("expired 12 days ago, on an active identity");
    expect(judge({ expiresAt: NOW.toISOString() })[0]!.text).toBe("expired today, on an active identity");
  });

  it("warns about rotation only past the threshold, counting from issue when never rotated", () => {
    expect(codes({ rotatedAt: daysAgo(ROTATION_MAX_AGE_DAYS) })).toEqual([]);
    expect(judge({ rotatedAt: daysAgo(ROTATION_MAX_AGE_DAYS + 1) })).toEqual([
      { code: "not-rotated", severity: "warning", text: "not rotated for 91 days" },
    ]);
    expect(judge({ rotatedAt: null, issuedAt: daysAgo(30) })).toEqual([]);
    expect(judge({ rotatedAt: null, issuedAt: daysAgo(1_200) })).toEqual([
      { code: "not-rotated", severity: "warning", text: "never rotated, issued 1,200 days ago" },
    ]);
  });

  it("leaves certificate renewal to its expiry date rather than the rotation age", () => {
    expect(codes({ type: "certificate", rotatedAt: null, issuedAt: daysAgo(700) })).toEqual([]);
  });

  it("warns 'unused' only when use is known and past the threshold", () => {
    expect(codes({ lastUsedAt: daysAgo(UNUSED_MAX_DAYS) })).toEqual([]);
    expect(judge({ lastUsedAt: daysAgo(UNUSED_MAX_DAYS + 1) })).toEqual([
      { code: "unused", severity: "warning", text: "unused for 91 days" },
    ]);
  });

  it("says 'never used' only when the source says so, and 'not reported' when it does not report use", () => {
    expect(judge({ lastUsedAt: null, usage: "never", issuedAt: daysAgo(400), rotatedAt: daysAgo(7) })).toEqual([
      { code: "never-used", severity: "warning", text: "never used, issued 400 days ago" },
    ]);
    expect(judge({ lastUsedAt: null, usage: "unknown" })).toEqual([
      { code: "use-not-reported", severity: "info", text: "use not reported by this source" },
    ]);
    // A credential issued last week that nobody has used yet is a fact, not a finding.
    expect(judge({ lastUsedAt: null, usage: "never", issuedAt: daysAgo(5), rotatedAt: null })).toEqual([
      { code: "never-used", severity: "info", text: "not used yet (issued 5 days ago)" },
    ]);
    expect(judge({ lastUsedAt: null, usage: "never", issuedAt: null, rotatedAt: daysAgo(7) })).toEqual([
      { code: "never-used", severity: "warning", text: "never used" },
    ]);
  });

  it("says only 'inactive' about an inactive credential, whatever its dates", () => {
    expect(judge({ status: "inactive", expiresAt: null, rotatedAt: daysAgo(900), lastUsedAt: daysAgo(400) })).toEqual([
      { code: "inactive", severity: "info", text: "inactive: it no longer grants access" },
    ]);
  });

  it("keeps a suspended identity's standing risks but not expired or unused; a decommissioned one gets none", () => {
    const stale = { expiresAt: daysAgo(5), rotatedAt: daysAgo(300), lastUsedAt: daysAgo(300) };
    expect(codes(stale, "suspended")).toEqual(["not-rotated"]);
    expect(codes({ expiresAt: null }, "suspended")).toEqual(["no-expiry"]);
    expect(judge({ ...stale, expiresAt: null }, "decommissioned")).toEqual([]);
  });

  it("accepts Dates as well as ISO strings", () => {
    expect(judge({ expiresAt: new Date(daysAgo(2)), lastUsedAt: new Date(daysAgo(1)) })[0]!.code).toBe("expired");
  });
});

/** A healthy identity summary (what the list has): one active static secret. */
const summary: CredentialFacts = {
  status: "active",
  credentialType: "static_secret",
  credentialIssuedAt: daysAgo(400),
  credentialRotatedAt: daysAgo(7),
  credentialExpiresAt: inDays(300),
  lastUsedAt: daysAgo(1),
  usage: "known",
  neverExpires: false,
  activeCredentials: 1,
};
const judgeSummary = (changes: Partial<CredentialFacts>) => credentialWarnings({ ...summary, ...changes }, NOW);

describe("judging an identity's credential summary (the list)", () => {
  it("judges the oldest active credential as the identity page judges that credential", () => {
    expect(judgeSummary({})).toEqual([]);
    const stale = { credentialRotatedAt: daysAgo(200), lastUsedAt: daysAgo(150) };
    expect(judgeSummary(stale)).toEqual(
      judgeCredential({ ...healthy, rotatedAt: stale.credentialRotatedAt, lastUsedAt: stale.lastUsedAt }, NOW),
    );
  });

  it("warns about a never-expiring secret even when the soonest expiry belongs to another credential", () => {
    expect(judgeSummary({ neverExpires: true })).toEqual([
      { code: "no-expiry", severity: "high", text: "no expiry: a static secret that never expires" },
    ]);
    // The oldest active credential is federated, but a second, static one never expires.
    expect(judgeSummary({ credentialType: "federated", credentialExpiresAt: null, neverExpires: true }).map((w) => w.code)).toEqual([
      "no-expiry",
      "self-expiring",
    ]);
    // neverExpires false: the secret type's missing expiry belongs to no active secret.
    expect(judgeSummary({ credentialExpiresAt: null, neverExpires: false }).map((w) => w.code)).not.toContain("no-expiry");
  });

  it("without neverExpires, judges the recorded expiry (callers that only know the dates)", () => {
    expect(judgeSummary({ credentialExpiresAt: null, neverExpires: undefined }).map((w) => w.code)).toEqual(["no-expiry"]);
  });

  it("follows the summary's usage: never, unknown, or derived from the last use when not given", () => {
    expect(judgeSummary({ lastUsedAt: null, usage: "never" })[0]!.code).toBe("never-used");
    expect(judgeSummary({ lastUsedAt: null, usage: "unknown" })[0]!.code).toBe("use-not-reported");
    expect(judgeSummary({ lastUsedAt: null, usage: undefined })[0]!.code).toBe("use-not-reported");
  });

  it("says 'no active credential' when every credential is inactive, and nothing about a decommissioned identity", () => {
    expect(judgeSummary({ activeCredentials: 0, credentialExpiresAt: daysAgo(3) })).toEqual([
      { code: "inactive", severity: "info", text: "no active credential" },
    ]);
    expect(judgeSummary({ status: "decommissioned", credentialExpiresAt: daysAgo(3) })).toEqual([]);
  });

  it("does not judge expiry or rotation when the credential type is unknown", () => {
    expect(judgeSummary({ credentialType: null, credentialExpiresAt: null, credentialRotatedAt: daysAgo(900) }).map((w) => w.code)).toEqual(
      ["type-unknown"],
    );
  });
});

const plain: IdentityFacts = {
  status: "active",
  activeCredentials: 1,
  oldestCredentialAt: daysAgo(30),
  humanUse: false,
  flags: [],
  source: null,
  goneFromSourceAt: null,
  owner: { active: true },
  backupOwner: null,
};
const judgeIdentity = (changes: Partial<IdentityFacts>) => identityWarnings({ ...plain, ...changes }, NOW);
const identityCodes = (changes: Partial<IdentityFacts>) => judgeIdentity(changes).map((w) => w.code);

describe("judging an identity as a whole", () => {
  it("says only how old the oldest active credential is when nothing is wrong", () => {
    expect(judgeIdentity({})).toEqual([
      {
        code: "oldest-credential-age",
        severity: "info",
        text: "oldest active credential 30 days old",
        why: "counted from its last rotation, or its issue when never rotated",
      },
    ]);
    expect(identityCodes({ activeCredentials: 0 })).toEqual([]);
  });

  it("flags two active credentials at once, with why it matters", () => {
    const [first] = judgeIdentity({ activeCredentials: 2 });
    expect(first).toMatchObject({ code: "several-active", severity: "warning", text: "2 active credentials" });
    expect(first!.why).toMatch(/rotation left half done/);
    expect(identityCodes({ activeCredentials: 1 })).not.toContain("several-active");
  });

  it("explains each of the source's flags with its label, severity and why; unknown flags are ignored", () => {
    const warnings = judgeIdentity({ flags: ["automount-token", "root-account", "no-such-flag"] });
    expect(warnings.slice(0, 2)).toEqual([
      { code: "flag:root-account", severity: "critical", text: FLAGS["root-account"].label, why: FLAGS["root-account"].why },
      { code: "flag:automount-token", severity: "warning", text: FLAGS["automount-token"].label, why: FLAGS["automount-token"].why },
    ]);
    expect(warnings.map((w) => w.code)).not.toContain("flag:no-such-flag");
  });

  it("warns about human use, a departed owner or backup owner, and an identity its source no longer lists", () => {
    expect(
      identityCodes({
        humanUse: true,
        owner: { active: false },
        backupOwner: { active: false },
        source: "aws:123456789012",
        goneFromSourceAt: daysAgo(3),
      }),
    ).toEqual(["human-use", "departed-owner", "departed-backup-owner", "gone-from-source", "oldest-credential-age"]);
    expect(judgeIdentity({ source: "aws:123456789012", goneFromSourceAt: daysAgo(3) })[0]!.why).toMatch(
      /^aws:123456789012 no longer lists it \(noticed 3 days ago\)/,
    );
    expect(identityCodes({ owner: null, backupOwner: { active: true } })).toEqual(["oldest-credential-age"]);
  });

  it("keeps a decommissioned identity's facts as neutral information and asks nothing of it", () => {
    const warnings = judgeIdentity({ status: "decommissioned", humanUse: true, flags: ["root-account"], activeCredentials: 2 });
    expect(warnings.map((w) => w.code)).toEqual(["flag:root-account", "human-use", "oldest-credential-age"]);
    expect(warnings.every((w) => w.severity === "info")).toBe(true);
  });
});
