import { parseAwsCredentialReport } from "./aws-credential-report";
import { parseGenericCsv, parseGenericJson } from "./generic";
import { parseGithubInstallations, parseGithubPats } from "./github";
import type { ImportOptions, ParsedFile } from "./import-row";
import { parseKubernetes } from "./kubernetes";

export const IMPORT_FORMATS = {
  csv: { label: "Console CSV", parse: (t: string) => parseGenericCsv(t) },
  json: { label: "Console JSON", parse: (t: string) => parseGenericJson(t) },
  "aws-credential-report": { label: "AWS IAM credential report (CSV)", parse: parseAwsCredentialReport },
  kubernetes: { label: "Kubernetes ServiceAccounts (kubectl … -o json)", parse: parseKubernetes },
  "github-pats": { label: "GitHub fine-grained personal access tokens (JSON)", parse: parseGithubPats },
  "github-installations": { label: "GitHub App installations (JSON)", parse: parseGithubInstallations },
} satisfies Record<string, { label: string; parse: (text: string, options: ImportOptions & Record<string, string | undefined>) => ParsedFile }>;

export type ImportFormat = keyof typeof IMPORT_FORMATS;
export const FORMAT_NAMES = Object.keys(IMPORT_FORMATS) as ImportFormat[];
