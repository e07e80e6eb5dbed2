import Link from "next/link";
import type { RequestContext } from "@/lib/domain/breakglass/get-request";
import { RequestStatusBadge } from "./request-badges";

const person = (p: { name: string; email: string } | null, missing: string) =>
  p ? (
    <>
      {p.name} <span className="text-slate-600">({p.email})</span>
    </>
  ) : (
    <span className="font-medium text-red-800">{missing}</span>
  );

/** What an approver weighs beside the request: the identity, what it already holds, and its earlier elevations. */
export function RequestContextView({ context }: { context: RequestContext }) {
  const { identity, earlier } = context;
  return (
    <div className="flex flex-col gap-4 text-sm" data-testid="request-context">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-2">
        <div>
          <dt className="text-xs uppercase text-slate-600">Identity</dt>
          <dd>
            <Link href={`/registry/${identity.id}`} className="font-medium underline underline-offset-2">
              {identity.name}
            </Link>{" "}
            <span className="text-slate-700">
              ({identity.kind.replaceAll("_", " ")} on {identity.platform}, {identity.status})
            </span>
          </dd>
        </div>
        <div>
          <dt className="text-xs uppercase text-slate-600">Environment</dt>
          <dd>{identity.environment}</dd>
        </div>
        <div>
          <dt className="text-xs uppercase text-slate-600">Owner</dt>
          <dd>{person(identity.owner, "No owner")}</dd>
        </div>
        <div>
          <dt className="text-xs uppercase text-slate-600">Backup owner</dt>
          <dd>{person(identity.backupOwner, "None")}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-xs uppercase text-slate-600">Purpose</dt>
          <dd>{identity.purpose}</dd>
        </div>
      </dl>
      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase text-slate-600">What it holds now ({identity.scopes.length})</h3>
        {identity.scopes.length === 0 ? (
          <p className="text-slate-700">No standing scopes.</p>
        ) : (
          <ul className="flex flex-wrap gap-1">
            {identity.scopes.map((s) => (
              <li key={`${s.resource}|${s.action}|${s.environment}`} className="rounded border border-slate-300 px-1.5 py-0.5 text-xs">
                <span className="font-mono">
                  {s.resource}:{s.action}
                </span>{" "}
                {s.level}
                {s.environment ? ` · ${s.environment}` : ""}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="mb-1 text-xs font-semibold uppercase text-slate-600">Earlier elevations</h3>
        {earlier.length === 0 ? (
          <p className="text-slate-700">None: this is its first break-glass request.</p>
        ) : (
          <ul className="flex flex-col gap-1" data-testid="earlier-elevations">
            {earlier.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-2">
                <Link href={`/break-glass/${e.id}`} className="underline underline-offset-2">
                  {e.requestedAt.slice(0, 10)}
                </Link>
                <RequestStatusBadge request={{ status: e.status, active: false }} />
                <span className="text-slate-700">{e.label.slice(e.label.indexOf(": ") + 2)}</span>
                {e.afterAction && (
                  <span className="text-xs text-slate-700">
                    after-action review:{" "}
                    {e.afterAction.filedAt ? (
                      (e.afterAction.verdict ?? "filed").replace("_", " ")
                    ) : (
                      <strong className="text-red-800">not filed</strong>
                    )}
                    {e.afterAction.rotationRequired && " · rotation demanded"}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
