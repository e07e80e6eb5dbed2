import { type FormatReader, FormatError, type ImportRow, type ImportScopeUsage, objectItem } from "./import-row";
import { readJsonItems } from "./read-json";

// The IAM access advisor: `aws iam generate-service-last-accessed-details --arn <arn>` then
// `aws iam get-service-last-accessed-details --job-id <id>`. It lists every service the identity's
// policies allow, with when it last used each (within AWS's tracking window, 400 days). That is per-scope
// usage: the evidence an access review bases "keep" or "cut" on. The output does not repeat the ARN, so
// either the ARN is given with the file (option `arn`), or the file is an array of outputs each with an
// "Arn" key added (what a script looping over identities writes).

type Service = {
  ServiceName?: string;
  ServiceNamespace?: string;
  LastAuthenticated?: string;
  LastAuthenticatedRegion?: string;
  LastAuthenticatedEntity?: string;
};
type Report = { Arn?: string; JobStatus?: string; ServicesLastAccessed?: Service[] };

function usageOf(service: Service): ImportScopeUsage {
  return {
    resource: String(service.ServiceNamespace ?? ""),
    lastUsedAt: service.LastAuthenticated ?? null,
    // Listed without a date: allowed, and not used within the tracking window.
    usage: service.LastAuthenticated ? "known" : "never",
    lastUsedWhere: service.LastAuthenticatedRegion ?? null,
  };
}

function rowFor(row: number, arn: string, services: Service[]): ImportRow {
  return { row, fields: { platform: "aws", externalId: arn, name: arn }, scopeUsage: services.map(usageOf) };
}

export const readAwsAccessAdvisor: FormatReader = async function* (text, options) {
  const arn = options.arn?.trim();
  const items = readJsonItems(text, {
    rootArray: true,
    key: "ServicesLastAccessed",
    expected:
      'Expected the JSON of `aws iam get-service-last-accessed-details` (with the identity\'s ARN given), or an array of them each with an "Arn".',
  });
  const single: Service[] = [];
  let reports = 0;
  for await (const { item, value } of items) {
    const entry = objectItem(item, value, "an access advisor report or service");
    if ("ServicesLastAccessed" in entry) {
      const report = entry as Report;
      if (report.JobStatus && report.JobStatus !== "COMPLETED")
        throw new FormatError(
          `Item ${item}: the access advisor job is ${report.JobStatus}, not COMPLETED: fetch it again when it is done. Nothing was imported.`,
        );
      if (!report.Arn) throw new FormatError(`Item ${item} has no "Arn": say which identity each report is about. Nothing was imported.`);
      reports += 1;
      yield rowFor(item, report.Arn, report.ServicesLastAccessed ?? []);
    } else single.push(entry as Service);
  }
  // One report, its services read one by one (or none at all): it is about the identity given with it.
  if (reports === 0) {
    if (!arn)
      throw new FormatError(
        "This access advisor report does not name its identity: give the identity's ARN (arn) with the file. Nothing was imported.",
      );
    yield rowFor(1, arn, single);
  }
};
