import { type FormatReader, FormatError } from "./import-row";
import { readCsv } from "./read-csv";

// `aws iam generate-credential-report` / `get-credential-report`: one row per IAM user. Users with access
// keys or certificates are the non-human identities; console-only users are people and are skipped.

const NONE = new Set(["", "N/A", "no_information", "not_supported", "false"]);
const value = (v: string | undefined) => (v === undefined || NONE.has(v) ? null : v);
const latest = (...dates: (string | null)[]) =>
  dates
    .filter((d): d is string => !!d)
    .sort()
    .at(-1) ?? null;

export const readAwsCredentialReport: FormatReader = async function* (text, options) {
  const records = readCsv(text, (header) => {
    if (!header.includes("arn") || !header.includes("access_key_1_active")) {
      throw new FormatError("This is not an AWS IAM credential report: expected the columns user, arn, access_key_1_active, …");
    }
  });
  for await (const { line, values: r } of records) {
    const keys = [1, 2].filter((n) => r[`access_key_${n}_active`] === "true");
    const certs = [1, 2].filter((n) => r[`cert_${n}_active`] === "true");
    if (r.user === "<root_account>") {
      yield { row: line, name: r.user, reason: "the root account is not registered as an identity" };
      continue;
    }
    if (keys.length === 0 && certs.length === 0) {
      yield {
        row: line,
        name: r.user ?? "",
        reason: "no active access key or certificate: a person's console login, not a non-human identity",
      };
      continue;
    }
    yield {
      row: line,
      createOnly: ["environment", "purpose"],
      fields: {
        name: r.user,
        kind: "service_account",
        platform: "aws",
        externalId: r.arn,
        environment: options.environment,
        purpose: "Imported from the AWS IAM credential report; purpose not stated yet",
        tags: ["source:aws-credential-report"],
        credentialType: keys.length ? "static_secret" : "certificate",
        credentialIssuedAt: value(r.user_creation_time),
        credentialRotatedAt: latest(
          ...keys.map((n) => value(r[`access_key_${n}_last_rotated`])),
          ...certs.map((n) => value(r[`cert_${n}_last_rotated`])),
        ),
        lastUsedAt: latest(...keys.map((n) => value(r[`access_key_${n}_last_used_date`])), value(r.password_last_used)),
        credentialExpiresAt: null,
      },
    };
  }
};
