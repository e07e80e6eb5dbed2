import type { DeliveryStatus } from "@/lib/domain/webhooks/webhook-dto";

const DELIVERY_TONES: Record<DeliveryStatus, string> = {
  pending: "bg-slate-100 text-slate-800",
  retrying: "bg-amber-100 text-amber-900",
  delivered: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-900",
};

/** A delivery's status as a word on a tint (the word carries it; the colour only helps). */
export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${DELIVERY_TONES[status] ?? "bg-slate-100"}`}>{status}</span>;
}

export function EndpointStateBadge({ enabled }: { enabled: boolean }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium ${enabled ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-900"}`}>
      {enabled ? "enabled" : "disabled"}
    </span>
  );
}

/** "2026-11-24 12:00:05 UTC": to the second, so the log can be compared with a receiver's own. */
export const utc = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC` : "—");
