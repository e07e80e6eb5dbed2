import type { ElevatedScope } from "@/lib/domain/breakglass/request-input";

// A request's status and its scopes in words. Colour is never the only signal: each badge says its meaning.

const STATUS_WORDS: Record<string, string> = {
  pending: "Waiting for approval",
  scheduled: "Approved, starts later",
  active: "Active",
  denied: "Denied",
  expired: "Expired unapproved",
  cancelled: "Cancelled",
  dropped: "Dropped early",
  revoked: "Revoked",
  ended: "Ended",
};

const STATUS_TONES: Record<string, string> = {
  pending: "border-amber-300 bg-amber-50 text-amber-900",
  scheduled: "border-sky-300 bg-sky-50 text-sky-900",
  active: "border-red-400 bg-red-50 text-red-900",
  denied: "border-slate-300 bg-slate-100 text-slate-800",
  revoked: "border-slate-400 bg-slate-100 text-slate-900",
};

/** "active" and "scheduled" are what an approved request is now, by the clock. */
export const displayStatus = (r: { status: string; active: boolean }) =>
  r.status === "approved" ? (r.active ? "active" : "scheduled") : r.status;

export function RequestStatusBadge({ request }: { request: { status: string; active: boolean } }) {
  const status = displayStatus(request);
  return (
    <span
      className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium ${STATUS_TONES[status] ?? "border-slate-300 bg-white text-slate-800"}`}
      data-status={status}
    >
      {STATUS_WORDS[status] ?? status}
    </span>
  );
}

export function EmergencyBadge() {
  return <span className="inline-block rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">Emergency</span>;
}

/** Each elevated scope as "resource · action", with its level and environment. */
export function ScopeList({ scopes }: { scopes: readonly ElevatedScope[] }) {
  return (
    <ul className="flex flex-col gap-0.5">
      {scopes.map((s) => (
        <li key={`${s.resource}|${s.action}|${s.environment}`} className="text-sm">
          <span className="font-mono text-xs">
            {s.resource}:{s.action}
          </span>{" "}
          <span className={s.level === "admin" ? "font-semibold text-red-800" : "text-slate-700"}>{s.level}</span>
          <span className="text-slate-600"> in {s.environment}</span>
        </li>
      ))}
    </ul>
  );
}
