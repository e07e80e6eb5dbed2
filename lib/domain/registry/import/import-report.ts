import type { SkippedRow } from "./import-row";
import type { PlanAction, PlanItem } from "./plan-import";

/** Rows shown to the person: rejections first, since they are what must be acted on. */
const SHOWN = 1_000;

export type ImportResult = {
  dryRun: boolean;
  committed: boolean;
  /** "gone": identities of this source that a full export no longer lists (marked, never deleted). */
  counts: Record<PlanAction | "skipped" | "gone", number>;
  /** At most the first 1,000 of each; `counts` has the totals (the list says when it shows only part). */
  items: PlanItem[];
  skipped: SkippedRow[];
  /** About the file as a whole (a cluster or org left out while the registry knows it under a name). */
  warnings: string[];
  /** The committed import's history entry (null for a dry run): /registry?importId=… lists what it did. */
  importRunId: string | null;
};

/** Counts every outcome but keeps only the first 1,000 rejections, other outcomes and skips. */
export class ImportReport {
  readonly counts: ImportResult["counts"] = { create: 0, update: 0, unchanged: 0, reject: 0, skipped: 0, gone: 0 };
  private readonly rejections: PlanItem[] = [];
  private readonly others: PlanItem[] = [];
  private readonly skipped: SkippedRow[] = [];

  get rejected(): boolean {
    return this.counts.reject > 0;
  }

  add(items: PlanItem[]) {
    for (const item of items) {
      this.counts[item.action] += 1;
      const list = item.action === "reject" ? this.rejections : this.others;
      if (list.length < SHOWN) list.push(item);
    }
  }

  skip(row: SkippedRow) {
    this.counts.skipped += 1;
    if (this.skipped.length < SHOWN) this.skipped.push(row);
  }

  refusal(): string {
    const first = this.rejections[0]!;
    const reasons = first.errors?.map((e) => `${e.field}: ${e.reason}`).join("; ");
    return `Nothing was imported: ${this.counts.reject} row(s) are rejected, e.g. row ${first.row}: ${reasons}. Fix the file and run the dry run again.`;
  }

  readonly warnings: string[] = [];

  result(dryRun: boolean, committed: boolean, importRunId: string | null = null): ImportResult {
    // Critical findings (root with an active key) come right after the rejections: they need a person now.
    const others = [...this.others].sort((a, b) => Number(!!b.critical) - Number(!!a.critical) || a.row - b.row);
    return {
      dryRun,
      committed,
      counts: { ...this.counts },
      items: [...this.rejections, ...others].slice(0, SHOWN),
      skipped: this.skipped,
      warnings: [...this.warnings],
      importRunId,
    };
  }
}
