import type { AuditEventDto } from "@/lib/domain/audit/audit-event-dto";

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

/** Every step of the request as the audit log recorded it, refusals included: who, what, when (to the second). */
export function RequestTimeline({ events }: { events: AuditEventDto[] }) {
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
            by {e.actorLabel}
            {outcomeOf(e) && <> · {outcomeOf(e)}</>}
            {e.reason && <> · “{e.reason}”</>}
          </span>
        </li>
      ))}
    </ol>
  );
}
