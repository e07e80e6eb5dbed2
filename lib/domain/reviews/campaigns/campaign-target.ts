import type { AuditTarget } from "../../audit/append-audit-event";

/** How a campaign and a run appear in the audit log. */
export const campaignTarget = (c: { id: string; name: string }): AuditTarget => ({ type: "review-campaign", id: c.id, label: c.name });
export const runTarget = (run: { id: string; number: number }, campaignName: string): AuditTarget => ({
  type: "review-run",
  id: run.id,
  label: `${campaignName} #${run.number}`,
});
