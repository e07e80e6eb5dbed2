import { type FormatReader, FormatError, type ImportCredential, type SourceEntry } from "./import-row";
import { readCsv } from "./read-csv";

// `aws iam generate-credential-report` / `get-credential-report`: one row per IAM user, read as an IAM
// expert would:
// - Access keys and signing certificates are the non-human credentials, each recorded on its own with its
//   own dates ("access key 1", "access key 2": the report gives no key id), active or not.
// - A user with a console password is a person. With access keys as well, it is registered and marked as
//   human use of a non-human identity; without, it is skipped as a person's login.
// - The root account is never skipped silently: with an active key it is a critical finding, registered
//   as such; without one the dry run says it was checked.
// - A user with no credential at all is reported with that reason, and registered as an offboarding
//   candidate when the person importing asks for it.
// - Usage as AWS reports it: a date is a use; "N/A" for an existing key means it was never used;
//   "no_information" means AWS does not know (keys older than its tracking), so usage is unknown.

const ABSENT = new Set(["", "N/A", "no_information", "not_supported"]);
const value = (v: string | undefined) => (v === undefined || ABSENT.has(v) ? null : v);
const ROOT = "<root_account>";

type Report = Record<string, string | undefined>;

function accessKey(r: Report, n: 1 | 2): ImportCredential | null {
  const created = value(r[`access_key_${n}_last_rotated`]);
  if (!created) return null;
  const used = r[`access_key_${n}_last_used_date`];
  const where = [value(r[`access_key_${n}_last_used_region`]), value(r[`access_key_${n}_last_used_service`])].filter(Boolean);
  return {
    handle: `access key ${n}`,
    type: "static_secret",
    status: r[`access_key_${n}_active`] === "true" ? "active" : "inactive",
    // An access key is never changed in place: "last rotated" is when this key was created.
    issuedAt: created,
    expiresAt: null,
    lastUsedAt: value(used),
    usage: value(used) ? "known" : used === "N/A" ? "never" : "unknown",
    lastUsedWhere: where.length ? where.join(" · ") : null,
  };
}

function certificate(r: Report, n: 1 | 2): ImportCredential | null {
  const created = value(r[`cert_${n}_last_rotated`]);
  if (!created) return null;
  return {
    handle: `signing certificate ${n}`,
    type: "certificate",
    status: r[`cert_${n}_active`] === "true" ? "active" : "inactive",
    issuedAt: created,
    usage: "unknown",
  };
}

const accountOf = (arn: string | undefined) => arn?.split(":")[4] || null;

export const readAwsCredentialReport: FormatReader = async function* (text, options): AsyncGenerator<SourceEntry> {
  const records = readCsv(text, (header) => {
    if (!header.includes("arn") || !header.includes("access_key_1_active")) {
      throw new FormatError("This is not an AWS IAM credential report: expected the columns user, arn, access_key_1_active, …");
    }
  });
  for await (const { line, values: r } of records) {
    const user = r.user ?? "";
    const credentials = [accessKey(r, 1), accessKey(r, 2), certificate(r, 1), certificate(r, 2)].filter(
      (c): c is ImportCredential => c !== null,
    );
    const active = credentials.filter((c) => c.status === "active");
    const activeKeys = active.filter((c) => c.type === "static_secret");
    const password = r.password_enabled === "true";
    const isRoot = user === ROOT;
    const account = options.account?.trim() || accountOf(r.arn);

    if (isRoot && activeKeys.length === 0) {
      yield { row: line, name: user, reason: "the root account has no active access key (as it should): checked, not registered" };
      continue;
    }
    if (!isRoot && active.length === 0) {
      if (password) {
        yield { row: line, name: user, reason: "a person's console login (a password and no active access key): not a non-human identity" };
        continue;
      }
      const why = credentials.length
        ? "its access keys and certificates are all inactive"
        : "it has no password, no access key and no certificate at all";
      if (!options.registerDormant) {
        yield {
          row: line,
          name: user,
          reason: `a dormant IAM user: ${why}. Choose "register dormant users" to register it as an offboarding candidate`,
        };
        continue;
      }
    }

    const warnings: string[] = [];
    const userCreated = value(r.user_creation_time);
    for (const c of credentials)
      if (userCreated && c.issuedAt && c.issuedAt < userCreated) warnings.push(`${c.handle} is dated before the user was created`);
    const flags = isRoot ? ["root-account"] : active.length === 0 ? ["offboarding-candidate"] : [];
    yield {
      row: line,
      createOnly: ["environment", "purpose"],
      credentials,
      flags,
      humanUse: password,
      source: account ? `aws:${account}` : undefined,
      warnings,
      ...(isRoot
        ? {
            critical: `the root account has ${activeKeys.length === 1 ? "an active access key" : `${activeKeys.length} active access keys`}: delete ${activeKeys.length === 1 ? "it" : "them"} (CIS AWS 1.4)`,
          }
        : {}),
      fields: {
        name: isRoot ? `root account${account ? ` (${account})` : ""}` : user,
        kind: "service_account",
        platform: "aws",
        externalId: r.arn,
        environment: options.environment,
        purpose: isRoot
          ? "The AWS account's root user: it should hold no access key"
          : "Imported from the AWS IAM credential report; purpose not stated yet",
        tags: ["source:aws-credential-report"],
      },
    };
  }
};
