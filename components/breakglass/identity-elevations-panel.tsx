import Link from "next/link";
import type { IdentityElevations } from "@/lib/domain/breakglass/identity-elevations";
import { buttonClass } from "../ui/button";
import { Countdown } from "./countdown";
import { EmergencyBadge, ScopeList } from "./request-badges";
import { KillSwitchForm } from "./kill-switch-form";
import { LinkedMessage } from "./linked-message";

const when = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

/** The identity page's break-glass section: what is elevated now and until when, what waits, and the way to ask or stop. */
export function IdentityElevationsPanel({
  identity,
  elevations,
  now,
}: {
  identity: { id: string; name: string };
  elevations: IdentityElevations;
  now: string;
}) {
  const { active, waiting, blockedBy, may } = elevations;
  return (
    <div className="flex flex-col gap-4 text-sm" data-testid="identity-elevations">
      {active.length === 0 ? (
        <p className="text-slate-700">No elevation is active.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {active.map((e) => (
            <li key={e.requestId} className="rounded-md border border-red-300 bg-red-50 p-3 text-red-950">
              <div className="flex flex-wrap items-center gap-2">
                <span>
                  <strong>Active</strong>, ends in <Countdown until={e.expiresAt} serverNow={now} />
                </span>
                {e.emergency && <EmergencyBadge />}
                <Link href={`/break-glass/${e.requestId}`} className="underline underline-offset-2">
                  Request
                </Link>
              </div>
              <ScopeList scopes={e.scopes} />
            </li>
          ))}
        </ul>
      )}
      {waiting.length > 0 && (
        <ul className="flex flex-col gap-1">
          {waiting.map((w) => (
            <li key={w.requestId}>
              <Link href={`/break-glass/${w.requestId}`} className="underline underline-offset-2">
                {w.status === "pending" ? "Waiting for approval" : "Approved, starts later"}
              </Link>{" "}
              <span className="text-slate-700">
                ({w.status === "pending" ? `expires unapproved ${when(w.at)}` : `starts ${when(w.at)}`}):{" "}
                {w.scopes.map((s) => `${s.resource}:${s.action} ${s.level}`).join(", ")}
              </span>
            </li>
          ))}
        </ul>
      )}
      {blockedBy && (
        <p className="font-medium text-red-800" data-testid="breakglass-blocked">
          A new request would be refused: <LinkedMessage text={blockedBy} />
          {blockedBy.includes("rotation") && " Record the rotation on its credential above (Record rotation)."}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        {may.request && !blockedBy && (
          <Link href={`/break-glass/new?identityId=${identity.id}`} className={buttonClass({ variant: "primary" })}>
            Request elevation
          </Link>
        )}
        <Link href={`/break-glass?view=${elevations.historyView}&identityId=${identity.id}`} className={buttonClass()}>
          Its break-glass history
        </Link>
      </div>
      {may.killSwitch && (
        <div className="border-t border-slate-200 pt-3">
          <h3 className="font-semibold">Kill switch</h3>
          <p className="mb-2 text-slate-700">
            Revokes every elevation of {identity.name}, cancels what waits, and suspends it, in one step.
          </p>
          <KillSwitchForm identityId={identity.id} identityName={identity.name} armed={!elevations.nothingToStop} />
        </div>
      )}
    </div>
  );
}
