"use client";

import Link from "next/link";
import { type FormEvent, useId, useState } from "react";
import { bulkChangeAction } from "@/app/(console)/registry/bulk-actions";
import type { BulkChangeResult, BulkOp } from "@/lib/domain/registry/bulk-change-identities";
import type { PersonDto } from "@/lib/domain/registry/identity-dto";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Checkbox, Input, Select } from "../ui/controls";
import { Field, Fieldset } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { Table, Td } from "../ui/table";
import { useActionForm } from "../ui/use-action-form";
import { useBulkSelection } from "./bulk-selection";
import { PeopleOptions } from "./people-options";

const OPS: Record<BulkOp, string> = {
  assignOwner: "Assign owner",
  assignBackupOwner: "Assign backup owner",
  assignTeam: "Assign team",
  addTags: "Add tags",
  removeTags: "Remove tags",
  suspend: "Suspend",
  decommission: "Decommission",
};
const DONE: Record<BulkOp, string> = {
  assignOwner: "new owner",
  assignBackupOwner: "new backup owner",
  assignTeam: "new team",
  addTags: "tags added",
  removeTags: "tags removed",
  suspend: "suspended",
  decommission: "decommissioned",
};

type BulkInput = Parameters<typeof bulkChangeAction>[0];

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Changes several identities at once: the rows ticked in the table, or everything matching the current
 * filters. Preview first: the counts and the first rows as they are and as they will be, and which ones
 * are not yours to change. Nothing changes until the preview is confirmed; the server judges every identity.
 */
export function BulkBar({
  filter,
  pageIds,
  people,
}: {
  /** The list's filters as in its URL (page aside): "all matching" sends these. */
  filter: Record<string, string>;
  /** The ids on this page, for "select all on this page". */
  pageIds: string[];
  people: PersonDto[];
}) {
  const selection = useBulkSelection();
  const selected = selection ? [...selection.selected] : [];
  const [scope, setScope] = useState<"selected" | "filter">("selected");
  const [op, setOp] = useState<BulkOp>("assignTeam");
  const [stale, setStale] = useState(false);
  const [open, setOpen] = useState(false);
  // A preview of ticked rows no longer holds once the ticks change.
  const selectionKey = selected.sort().join();
  const [previewedSelection, setPreviewedSelection] = useState("");
  const headingId = useId();
  const preview = useActionForm(bulkChangeAction);
  const apply = useActionForm(bulkChangeAction, {
    success: (r) =>
      `Done: ${plural(r.changed, "identity", "identities")} changed (${DONE[r.op]})` +
      (r.unchanged ? `, ${r.unchanged} already as asked` : "") +
      (r.skipped ? `, ${r.skipped} skipped` : "") +
      (r.refused ? `, ${r.refused} refused (not yours to change; recorded in the audit log)` : "") +
      ".",
    onSuccess: () => {
      selection?.clear();
      setStale(true);
    },
  });
  const expanded = open || selected.length > 0 || preview.state.status !== "idle" || apply.state.status !== "idle";
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selection?.selected.has(id));
  const effectiveScope = scope === "selected" && selected.length === 0 ? "filter" : scope;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === "string" ? value : "";
    };
    const input: BulkInput = {
      ...(effectiveScope === "selected" ? { ids: selected } : { filter }),
      op,
      ownerId: op === "assignOwner" ? text("ownerId") : undefined,
      backupOwnerId: op === "assignBackupOwner" ? text("backupOwnerId") : undefined,
      team: op === "assignTeam" ? text("team") : undefined,
      tags: op === "addTags" || op === "removeTags" ? text("tags") : undefined,
      reason: text("reason"),
      dryRun: true,
    };
    setStale(false);
    setPreviewedSelection(selectionKey);
    preview.run(input);
  };

  const shown =
    preview.state.status === "success" && !stale && !preview.pending && (!preview.state.input.ids || previewedSelection === selectionKey)
      ? preview.state
      : null;
  const result: BulkChangeResult | null = shown ? shown.data : null;
  const errors = preview.errors;

  return (
    <section aria-labelledby={headingId} className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold">
          Change several identities
        </h2>
        {!expanded && (
          <Button size="sm" aria-expanded={false} onClick={() => setOpen(true)}>
            Show bulk changes
          </Button>
        )}
      </div>
      <p className="text-sm text-slate-600">
        Tick rows in the table, or apply a change to everything matching the filters. You see a preview before anything changes.
      </p>
      {expanded && (
        <form className="mt-3 flex flex-col gap-3" onSubmit={submit} onChange={() => setStale(true)} noValidate aria-label="Bulk change">
          <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
            <Checkbox
              label={`Select all ${pageIds.length} on this page`}
              checked={allOnPage}
              disabled={pageIds.length === 0}
              onChange={(e) => {
                selection?.setMany(pageIds, e.target.checked);
                if (e.target.checked) setScope("selected");
              }}
            />
            <Fieldset legend="Apply to" error={errors.ids ?? errors.filter}>
              <label className="flex items-center gap-1.5 text-sm">
                <input
                  type="radio"
                  name="scope"
                  className="accent-slate-900"
                  checked={effectiveScope === "selected"}
                  disabled={selected.length === 0}
                  onChange={() => setScope("selected")}
                />
                {selected.length
                  ? `The ${plural(selected.length, "selected identity", "selected identities")}`
                  : "Selected rows (none yet)"}
              </label>
              <label className="flex items-center gap-1.5 text-sm">
                <input
                  type="radio"
                  name="scope"
                  className="accent-slate-900"
                  checked={effectiveScope === "filter"}
                  onChange={() => setScope("filter")}
                />
                All identities matching the filters
              </label>
            </Fieldset>
          </div>
          <div className="flex flex-wrap items-end gap-3">
            <Field label="Change" error={errors.op}>
              <Select name="op" value={op} onChange={(e) => setOp(e.target.value as BulkOp)}>
                {Object.entries(OPS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
            </Field>
            {op === "assignOwner" && (
              <Field label="New owner" error={errors.ownerId}>
                <Select name="ownerId" defaultValue="">
                  <option value="">Choose a person</option>
                  <PeopleOptions people={people} withEmail />
                </Select>
              </Field>
            )}
            {op === "assignBackupOwner" && (
              <Field label="New backup owner" error={errors.backupOwnerId}>
                <Select name="backupOwnerId" defaultValue="">
                  <option value="">No backup owner (clear it)</option>
                  <PeopleOptions people={people} withEmail />
                </Select>
              </Field>
            )}
            {op === "assignTeam" && (
              <Field label="Team" hint="Empty clears the team." error={errors.team}>
                <Input name="team" />
              </Field>
            )}
            {(op === "addTags" || op === "removeTags") && (
              <Field label="Tags" hint="Separated by commas or spaces." error={errors.tags}>
                <Input name="tags" />
              </Field>
            )}
            <Field
              label={op === "suspend" || op === "decommission" ? "Reason" : "Reason (optional)"}
              hint="Recorded in each identity's history."
              error={errors.reason}
            >
              <Input name="reason" className="w-64" />
            </Field>
            <Button type="submit" pending={preview.pending} pendingLabel="Previewing…">
              Preview
            </Button>
          </div>
        </form>
      )}
      <FormStatus message={preview.message} className="mt-3" />
      {shown && result && (
        <Preview result={result} onConfirm={() => apply.run({ ...shown.input, dryRun: false })} pending={apply.pending} />
      )}
      <FormStatus message={apply.message} className="mt-3" />
    </section>
  );
}

function Preview({ result, onConfirm, pending }: { result: BulkChangeResult; onConfirm: () => void; pending: boolean }) {
  const id = useId();
  return (
    <div className="mt-4 flex flex-col gap-3 border-t border-slate-200 pt-4" aria-labelledby={id} role="region">
      <h3 id={id} className="text-sm font-semibold">
        Preview: {OPS[result.op].toLowerCase()}
      </h3>
      <Alert tone="info">
        <span data-testid="bulk-preview-summary">
          {plural(result.matched, "identity", "identities")} chosen: {result.changed} will change
          {result.unchanged ? `, ${result.unchanged} already as asked` : ""}
          {result.skipped ? `, ${result.skipped} skipped` : ""}
          {result.refused ? `, ${result.refused} not yours to change (they will be refused and recorded)` : ""}.
        </span>
      </Alert>
      {result.changes.length > 0 && (
        <Table
          caption={`The first ${result.changes.length} of ${result.changed} that will change`}
          columns={["Identity", "Now", "After"]}
          data-testid="bulk-preview"
        >
          {result.changes.map((row) => (
            <tr key={row.id}>
              <Td>
                <Link href={`/registry/${row.id}`} className="underline underline-offset-2">
                  {row.name}
                </Link>
              </Td>
              <Td>{row.before}</Td>
              <Td className="font-medium">{row.after}</Td>
            </tr>
          ))}
        </Table>
      )}
      {result.changed > result.changes.length && (
        <p className="text-xs text-slate-600">
          Showing the first {result.changes.length} of {result.changed}.
        </p>
      )}
      {[...result.skips, ...result.refusals].length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer">Why some will not change</summary>
          <ul className="mt-2 list-disc pl-5">
            {[...result.skips, ...result.refusals].map((r) => (
              <li key={r.id}>
                {r.name}: {r.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div>
        <Button variant="primary" disabled={result.changed === 0} pending={pending} pendingLabel="Applying…" onClick={onConfirm}>
          {result.changed === 0 ? "Nothing to change" : `Confirm: change ${plural(result.changed, "identity", "identities")}`}
        </Button>
      </div>
    </div>
  );
}
