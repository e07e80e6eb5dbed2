import { FLAGS, isFlag } from "../../registry/identity-flags";
import { CREDENTIAL_TYPE_LABELS, type CredentialType, KIND_LABELS, type Kind } from "../../registry/vocabulary";
import type { CampaignScope } from "../campaign-input";
import { type Recurrence, RECURRENCE_LABELS } from "../vocabulary";

// A campaign's definition said in words, for the campaign page, the evidence's title page and the audit
// reader: the same sentences everywhere, from the stored definition (no database here).

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The identities a campaign reviews, as a list of conditions ("in production", "unused for 90 days"). */
export function scopeInWords(scope: Partial<CampaignScope>, people: ReadonlyMap<string, string> = new Map()): string[] {
  const out: string[] = [];
  if (scope.kind) out.push(`kind: ${KIND_LABELS[scope.kind as Kind] ?? scope.kind}`);
  if (scope.platform) out.push(`platform ${scope.platform}`);
  if (scope.environment) out.push(`in ${scope.environment}`);
  out.push(scope.status ? `status ${scope.status}` : "active or suspended (decommissioned identities are left out)");
  if (scope.owner) out.push(`owned by ${people.get(scope.owner) ?? "a named person"}`);
  if (scope.noOwner) out.push("without an owner");
  if (scope.departedOwner) out.push("owner or backup owner deactivated");
  if (scope.team) out.push(`team ${scope.team}`);
  if (scope.tag) out.push(`tagged ${scope.tag}`);
  if (scope.q) out.push(`matching "${scope.q}"`);
  if (scope.credentialType)
    out.push(`credential: ${CREDENTIAL_TYPE_LABELS[scope.credentialType as CredentialType] ?? scope.credentialType}`);
  if (scope.expiringWithinDays !== undefined) out.push(`credential expiring within ${plural(scope.expiringWithinDays, "day")}`);
  if (scope.expired) out.push("credential expired");
  if (scope.noExpiry) out.push("credential never expires");
  if (scope.olderThanDays !== undefined) out.push(`credential older than ${plural(scope.olderThanDays, "day")} (never rotated since)`);
  if (scope.unusedForDays !== undefined) out.push(`unused for ${plural(scope.unusedForDays, "day")}`);
  if (scope.usage) out.push(`usage ${scope.usage}`);
  if (scope.severalActive) out.push("several active credentials");
  if (scope.humanUse) out.push("used by a person");
  if (scope.privilegedInProduction) out.push("admin or write scope in production");
  if (scope.wildcardScope) out.push("a wildcard scope");
  if (scope.goneFromSource) out.push("no longer listed by its source");
  if (scope.flag) out.push(`finding: ${isFlag(scope.flag) ? FLAGS[scope.flag].label : scope.flag}`);
  if (scope.importId) out.push("written by one given import");
  if (scope.thirdParty) out.push("third-party (a vendor is named)");
  if (scope.openFindings) out.push("with open findings");
  return out;
}

/** "Quarterly", "Cron 0 9 1 * * (UTC)", "Once". */
export function recurrenceInWords(recurrence: string, cron: string | null): string {
  if (recurrence === "cron") return `On the cron schedule ${cron ?? "?"} (UTC)`;
  return RECURRENCE_LABELS[recurrence as Recurrence] ?? recurrence;
}

export const daysInWords = (days: readonly number[], after: string) =>
  days.length ? `${days.map((d) => plural(d, "day")).join(", ")} ${after}` : "none";
