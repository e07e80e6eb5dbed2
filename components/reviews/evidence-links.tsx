import { buttonClass } from "../ui/button";

/** Download links for a run's evidence; the route records each export in the audit log. */
export function EvidenceLinks({ runId, runNumber }: { runId: string; runNumber: number }) {
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="evidence-links">
      <a
        href={`/api/reviews/runs/${runId}/evidence?format=pdf`}
        download
        className={buttonClass()}
        aria-label={`Download evidence of run #${runNumber} as PDF`}
      >
        Evidence PDF
      </a>
      <a
        href={`/api/reviews/runs/${runId}/evidence?format=csv`}
        download
        className={buttonClass()}
        aria-label={`Download evidence of run #${runNumber} as CSV`}
      >
        Evidence CSV
      </a>
    </div>
  );
}
