import { Button } from "../ui/button";
import { Input, Select } from "../ui/controls";

/**
 * The evidence pack as of an earlier day (its end, UTC): a plain GET to the export, so the browser downloads it and
 * the address is a link an auditor can keep. The buttons beside it make today's.
 */
export function EvidencePackAsOf({ today }: { today: string }) {
  return (
    <details className="relative">
      <summary className="cursor-pointer rounded-md px-2 py-1.5 text-sm underline underline-offset-2">As of a date…</summary>
      <form
        action="/api/posture/evidence"
        method="get"
        className="absolute right-0 z-10 mt-1 flex w-72 flex-col gap-2 rounded-md border border-slate-200 bg-white p-3 shadow"
      >
        <label className="flex flex-col gap-1 text-sm">
          As of the end of
          <Input type="date" name="asOf" max={today} defaultValue={today} required />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Format
          <Select name="format" defaultValue="pdf">
            <option value="pdf">PDF, for people</option>
            <option value="zip">ZIP of CSV and JSON, for tools</option>
          </Select>
        </label>
        <Button type="submit" variant="primary">
          Download the pack
        </Button>
      </form>
    </details>
  );
}
