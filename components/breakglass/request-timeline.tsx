import type { AuditEventDto } from "@/lib/domain/audit/audit-event-dto";
import type { TimelineEntry } from "@/lib/domain/breakglass/get-request";

const STEP_WORDS: Record<string, string> = {
  "breakglass.request": "Requested",
  "breakglass.approve": "Approved",
  "breakglass.cancel": "Cancelled or dropped",
  "breakglass.revoke": "Revoked",
  "breakglass.review": "After-action review",
  "breakglass.sweep": "Recorded by the system",
  "breakglass.killSwitch": "Kill switch",
};

/** The step in words; an approver's "no" is recorded under the approve action, with status denied. */
function stepName(event: AuditEventDto): string {
  const after = event.after as Record<string, unknown> | null;
  if (event.outcome === "denied") return `Attempt refused (${event.action.replace("breakglass.", "")})`;
  if (event.action === "breakglass.approve" && after?.status === "denied") return "Denied";
  return STEP_WORDS[event.action] ?? event.action;
}

/** What the step did, from the audit event's after-state (a status, a decision) when it says. */
function outcomeOf(event: AuditEventDto): string | null {
  const after = event.after as Record<string, unknown> | null;
  if (!after || typeof after !== "object") return null;
  const parts = ["status", "decision", "verdict"].map((k) => (typeof after[k] === "string" ? `${k}: ${after[k]}` : null));
  return parts.filter(Boolean).join(" · ") || null;
}

/** Who acted: a person by name, with their email to tell two of the same name apart; a token or the system by its label. */
function Actor({ entry }: { entry: TimelineEntry }) {
  if (!entry.person) return <>{entry.actorLabel}</>;
  return (
    <>
      {entry.person.name} <span className="text-slate-600">({entry.person.email})</span>
    </>
  );
}

/**
 * Every step of the request as the audit log recorded it, refusals included: who, what, when (to the second), and
 * with an approval or a denial the approver's note.
 */
export function RequestTimeline({ events }: { events: TimelineEntry[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-700">No step recorded yet.</p>;
  return (
    <ol className="relative flex flex-col gap-3 border-l border-slate-300 pl-4" data-testid="request-timeline">
      {events.map((e) => (
        <li key={e.seq} className="text-sm" data-action={e.action} data-outcome={e.outcome}>
          <span
            aria-hidden
            className={`absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full border-2 border-white ${e.outcome === "denied" ? "bg-red-600" : "bg-slate-700"}`}
          />
          <time dateTime={e.at} className="font-mono text-xs text-slate-700">
            {e.at.replace("T", " ").slice(0, 19)} UTC
          </time>{" "}
          <span className="font-medium">{stepName(e)}</span>
          <span className="block text-slate-700">
            by <Actor entry={e} />
            {outcomeOf(e) && <> · {outcomeOf(e)}</>}
            {!e.note && e.reason && <> · “{e.reason}”</>}
          </span>
          {e.note && (
            <span className="block whitespace-pre-wrap text-slate-700" data-testid="approver-note">
              {stepName(e) === "Denied" ? "Why denied" : "Approver's note"}: “{e.note}”
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
