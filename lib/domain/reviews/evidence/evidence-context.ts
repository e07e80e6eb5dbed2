import type { RunProgressDto } from "../progress/run-progress";

/** What the evidence says about the run as a whole (its title page, and the fixed columns of the CSV). */
export type EvidenceContext = {
  runId: string;
  runNumber: number;
  runStatus: string;
  campaignName: string;
  campaignDescription: string;
  scopeInWords: string[];
  /** The campaign's definition changed after this run was launched: the scope shown is today's. */
  scopeChangedSinceLaunch: boolean;
  recurrenceInWords: string;
  progress: RunProgressDto;
  /** The audit chain's head right after the export was recorded: the record of this export, or a later event. */
  head: { seq: string; hash: string };
  exportedAt: Date;
  exportedBy: string;
};
