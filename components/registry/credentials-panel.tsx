import Link from "next/link";
import type { ReactNode } from "react";
import { identityWarnings, judgeCredential } from "@/lib/domain/registry/credential-warnings";
import type { CredentialDto } from "@/lib/domain/registry/credentials/credential-dto";
import type { IdentityDetailDto } from "@/lib/domain/registry/get-identity";
import { CREDENTIAL_TYPE_LABELS } from "@/lib/domain/registry/vocabulary";
import { relativeTime, shortDate } from "../ui/relative-time";
import { AddCredential, CredentialControls } from "./credential-controls";
import { CredentialWarnings } from "./status-badge";

const STATED_BELOW: ReadonlySet<string> = new Set(["use-not-reported", "inactive"]);

/** A moment as a date, how long ago or ahead, and the exact time (UTC) on hover. */
function When({ at, now }: { at: string | null; now: Date }) {
  if (!at) return <span className="text-slate-600">—</span>;
  return (
    <time dateTime={at} title={`${at.replace("T", " ").slice(0, 19)} UTC`}>
      {shortDate(at)} <span className="text-slate-600">· {relativeTime(at, now)}</span>
    </time>
  );
}

/** Last use in the source's own terms: when and where, never (the source says so), or not reported. */
function LastUse({ c, now }: { c: CredentialDto; now: Date }) {
  if (c.lastUsedAt)
    return (
      <>
        <When at={c.lastUsedAt} now={now} />
        {c.lastUsedWhere && <span className="text-slate-700"> in {c.lastUsedWhere}</span>}
      </>
    );
  if (c.usage === "never") return <span>never used (the source says so)</span>;
  return <span className="text-slate-600">not reported by its source</span>;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs uppercase text-slate-600">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

function CredentialItem({ identity, c, now, canRotate }: { identity: IdentityDetailDto; c: CredentialDto; now: Date; canRotate: boolean }) {
  const expired = c.expiresAt !== null && new Date(c.expiresAt) <= now;
  return (
    <li className="flex flex-col gap-3 py-4 first:pt-0 last:pb-0" data-testid="credential" data-handle={c.handle} data-status={c.status}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 className="break-all font-mono text-sm font-semibold">{c.handle}</h3>
        <span className="text-sm text-slate-700">{CREDENTIAL_TYPE_LABELS[c.type]}</span>
        <span
          className={`rounded px-2 py-0.5 text-xs font-medium ${c.status === "active" ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-800"}`}
        >
          {c.status}
        </span>
      </div>
      {/* "Use not reported" and "inactive" are said by the facts below and the status badge already. */}
      <CredentialWarnings warnings={judgeCredential(c, now, identity.status).filter((w) => !STATED_BELOW.has(w.code))} />
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 sm:grid-cols-4">
        <Fact label="Issued">
          <When at={c.issuedAt} now={now} />
        </Fact>
        <Fact label="Last rotated">
          {c.rotatedAt ? <When at={c.rotatedAt} now={now} /> : <span className="text-slate-600">never</span>}
        </Fact>
        <Fact label={expired ? "Expired" : "Expires"}>
          {c.expiresAt ? (
            <span className={expired ? "font-medium text-red-700" : undefined}>
              <When at={c.expiresAt} now={now} />
            </span>
          ) : (
            <span className="text-slate-600">no expiry recorded</span>
          )}
        </Fact>
        <Fact label="Last used">
          <LastUse c={c} now={now} />
        </Fact>
        {c.federatedWith && (
          <div className="col-span-2 sm:col-span-4">
            <dt className="text-xs uppercase text-slate-600">Acts as</dt>
            <dd className="text-sm">
              <span className="break-all font-mono text-xs">{c.federatedWith}</span>
              {c.linkedIdentity ? (
                <>
                  {" "}
                  ·{" "}
                  <Link href={`/registry/${c.linkedIdentity.id}`} className="underline underline-offset-2">
                    {c.linkedIdentity.name} in the registry
                  </Link>
                </>
              ) : (
                <span className="text-slate-600"> · not in the registry yet</span>
              )}
            </dd>
          </div>
        )}
      </dl>
      {(identity.canEdit || canRotate) && (
        <CredentialControls identityId={identity.id} credential={c} canEdit={identity.canEdit} canRotate={canRotate} />
      )}
    </li>
  );
}

/**
 * The identity's credentials, each with its own dates, use and warnings (credential-warnings.ts judges),
 * under a line saying how many are active and how old the oldest active one is: two active at once is a
 * finding of its own. Those who may act get each credential's actions and a way to add one.
 */
export function CredentialsPanel({ identity, now, canRotate }: { identity: IdentityDetailDto; now: Date; canRotate: boolean }) {
  const { credentials } = identity;
  const summary = identityWarnings(identity, now).filter((w) => w.code === "several-active" || w.code === "oldest-credential-age");
  const inactive = credentials.length - identity.activeCredentials;
  return (
    <div className="flex flex-col gap-4" data-testid="credentials">
      {credentials.length === 0 ? (
        <p className="text-sm text-slate-700">
          No credential recorded.{" "}
          {identity.canEdit ? "Add the keys, secrets or certificates it holds (metadata only)." : "Its owner can add them."}
        </p>
      ) : (
        <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="credentials-summary">
          <span className="font-medium">
            {identity.activeCredentials} active{inactive > 0 ? `, ${inactive} inactive` : ""}
            {summary.length > 0 ? ":" : ""}
          </span>
          {summary.map((w) =>
            w.code === "several-active" ? (
              <span
                key={w.code}
                className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900"
                data-severity={w.severity}
                data-code={w.code}
              >
                <span className="sr-only">Warning: </span>
                {w.text}
              </span>
            ) : (
              <span key={w.code} className="text-slate-700" data-code={w.code}>
                {w.text}
              </span>
            ),
          )}
          {summary.some((w) => w.code === "several-active") && (
            <p className="basis-full text-xs text-slate-700">{summary.find((w) => w.code === "several-active")!.why}.</p>
          )}
        </div>
      )}
      {credentials.length > 0 && (
        <ul className="divide-y divide-slate-200" aria-label="Credentials">
          {credentials.map((c) => (
            <CredentialItem key={c.id} identity={identity} c={c} now={now} canRotate={canRotate} />
          ))}
        </ul>
      )}
      {identity.canEdit && <AddCredential identityId={identity.id} />}
    </div>
  );
}
