"use client";

import { useState } from "react";
import { bulkDecideAction } from "@/app/(console)/reviews/actions";
import type { BulkDecideResult } from "@/lib/domain/reviews/items/bulk-decide";
import { Button } from "../ui/button";
import { Checkbox, Input, Select } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";
import { useBulkSelection } from "../registry/bulk-selection";

type BulkInput = Parameters<typeof bulkDecideAction>[0];
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function summary(r: BulkDecideResult): string {
  const parts = [`${plural(r.decided, "item")} decided`];
  if (r.skipped) parts.push(`${r.skipped} skipped`);
  if (r.refused) parts.push(`${r.refused} refused (recorded)`);
  if (r.missing) parts.push(`${r.missing} no longer found`);
  return `${parts.join(", ")}.`;
}

/**
 * The bulk decision: tick items (or the whole page), choose one decision and give one reason; Enter in any
 * field submits. The server judges each item on its own and says which were skipped or refused, and why.
 */
export function InboxBulkBar({ pageIds, decisions }: { pageIds: string[]; decisions: [string, string][] }) {
  const selection = useBulkSelection();
  const [decision, setDecision] = useState("certify");
  const [last, setLast] = useState<BulkDecideResult | null>(null);
  const form = useActionForm(bulkDecideAction, {
    success: (data) => summary(data),
    onSuccess: (data) => {
      setLast(data);
      selection?.clear();
    },
  });
  const ids = [...(selection?.selected ?? [])];
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selection?.selected.has(id));
  const dated = decision === "keep_until" || decision === "rotate_by";
  return (
    <section aria-labelledby="bulk-decide" className="mb-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="bulk-decide" className="sr-only">
        Decide the selected items
      </h2>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={form.onSubmit((text): BulkInput => ({
          ids,
          decision: text("decision") as BulkInput["decision"],
          decisionReason: text("decisionReason"),
          ...(decision === "keep_until" ? { keepUntil: text("date") } : {}),
          ...(decision === "rotate_by" ? { rotateBy: text("date") } : {}),
        }))}
      >
        <Checkbox
          className="pb-2"
          label={`Select all ${pageIds.length} on this page`}
          checked={allOnPage}
          disabled={pageIds.length === 0}
          onChange={(e) => selection?.setMany(pageIds, e.target.checked)}
        />
        <Field label="Decision" error={form.errors.decision}>
          <Select name="decision" value={decision} onChange={(e) => setDecision(e.target.value)}>
            {decisions.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </Select>
        </Field>
        {dated && (
          <Field
            label={decision === "keep_until" ? "Keep until" : "Rotate by"}
            error={form.errors[decision === "keep_until" ? "keepUntil" : "rotateBy"]}
          >
            <Input name="date" type="date" required />
          </Field>
        )}
        <Field
          label="Reason"
          hint="One reason for all; needed to revoke, suspend, decommission or keep risky access."
          error={form.errors.decisionReason}
          className="min-w-72 flex-1"
        >
          <Input name="decisionReason" maxLength={1000} />
        </Field>
        <Button type="submit" variant="primary" pending={form.pending} pendingLabel="Deciding…" disabled={ids.length === 0}>
          {ids.length === 0 ? "Select items to decide" : `Decide ${plural(ids.length, "item")}`}
        </Button>
      </form>
      <FormStatus message={form.message} className="mt-3" />
      {form.errors.ids && <p className="mt-2 text-xs font-medium text-red-700">{form.errors.ids.join(", ")}</p>}
      {last && !form.pending && (last.skips.length > 0 || last.refusals.length > 0) && (
        <ul className="mt-2 list-disc pl-5 text-sm text-slate-800">
          {[...last.skips.map((s) => ({ ...s, kind: "skipped" })), ...last.refusals.map((s) => ({ ...s, kind: "refused" }))].map((s) => (
            <li key={`${s.kind}-${s.id}`}>
              <span className="font-medium">{s.name}</span> {s.kind}: {s.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
