import { credentialWarnings } from "@/lib/domain/registry/credential-warnings";
import type { IdentitySummaryDto } from "@/lib/domain/registry/identity-dto";
import { CREDENTIAL_TYPE_LABELS } from "@/lib/domain/registry/vocabulary";
import { relativeTime, shortDate } from "../ui/relative-time";
import { CredentialWarnings } from "./status-badge";

/** The credential's warnings, then issued, rotated, last used and expiry on one line of time, each also as "3 months ago". */
export function CredentialTimeline({ identity, now }: { identity: IdentitySummaryDto; now: Date }) {
  const points = [
    { label: "Issued", at: identity.credentialIssuedAt },
    { label: "Last rotated", at: identity.credentialRotatedAt },
    { label: "Last used", at: identity.lastUsedAt },
    {
      label: identity.credentialExpiresAt && new Date(identity.credentialExpiresAt) < now ? "Expired" : "Expires",
      at: identity.credentialExpiresAt,
    },
  ]
    .filter((p): p is { label: string; at: string } => !!p.at)
    .sort((a, b) => a.at.localeCompare(b.at));
  return (
    <div>
      <p className="mb-2 text-sm text-slate-600">
        {identity.credentialType ? CREDENTIAL_TYPE_LABELS[identity.credentialType] : "Credential type unknown"}
      </p>
      <CredentialWarnings warnings={credentialWarnings(identity, now)} className="mb-3" />
      {points.length === 0 ? (
        <p className="text-sm text-slate-500">No credential dates recorded.</p>
      ) : (
        <ol className="relative ml-2 border-l border-slate-300" data-testid="credential-timeline">
          {points.map((p) => (
            <li key={p.label} className="mb-3 ml-4">
              <span className={`absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full ${p.label === "Expired" ? "bg-red-600" : "bg-slate-500"}`} />
              <p className="text-sm font-medium">{p.label}</p>
              <p className="text-xs text-slate-600">
                {shortDate(p.at)} · {relativeTime(p.at, now)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
