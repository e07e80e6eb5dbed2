import { readAwsAccessAdvisor } from "./aws-access-advisor";
import { readAwsCredentialReport } from "./aws-credential-report";
import { readGenericCsv, readGenericJson } from "./generic";
import { readGithubInstallations, readGithubPats } from "./github";
import type { FormatReader } from "./import-row";
import { readKubernetes } from "./kubernetes";

export const IMPORT_FORMATS = {
  csv: { label: "Console CSV", read: readGenericCsv },
  json: { label: "Console JSON", read: readGenericJson },
  "aws-credential-report": { label: "AWS IAM credential report (CSV)", read: readAwsCredentialReport },
  "aws-access-advisor": { label: "AWS IAM access advisor: services last accessed (JSON)", read: readAwsAccessAdvisor },
  kubernetes: { label: "Kubernetes ServiceAccounts (kubectl … -o json)", read: readKubernetes },
  "github-pats": { label: "GitHub fine-grained personal access tokens (JSON)", read: readGithubPats },
  "github-installations": { label: "GitHub App installations (JSON)", read: readGithubInstallations },
} satisfies Record<string, { label: string; read: FormatReader }>;

export type ImportFormat = keyof typeof IMPORT_FORMATS;
export const FORMAT_NAMES = Object.keys(IMPORT_FORMATS) as ImportFormat[];
