"use client";

import { editPolicyAction } from "@/app/(console)/break-glass/actions";
import type { PolicyRowDto } from "@/lib/domain/breakglass/list-policy";
import { Button } from "../ui/button";
import { Checkbox, Input } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";
import { policyRowName } from "./policy-table";

/** An admin edits one policy row; the row's version guards against two admins editing it at once. */
export function PolicyRowForm({ row }: { row: PolicyRowDto }) {
  const form = useActionForm(editPolicyAction, {
    success: "Saved. New requests follow it; filed ones keep the row they were filed under.",
  });
  const name = policyRowName(row);
  return (
    <form
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-label={`Policy for ${name}`}
      data-testid={`policy-${row.environment}-${row.level}`}
      onSubmit={form.onSubmit((text, data) => ({
        id: row.id,
        version: row.version,
        maxDurationMinutes: text("maxDurationMinutes"),
        approvalsRequired: text("approvalsRequired"),
        pendingExpiryMinutes: text("pendingExpiryMinutes"),
        emergencyAllowed: data.get("emergencyAllowed") === "on",
        afterActionRequired: data.get("afterActionRequired") === "on",
        ticketPattern: text("ticketPattern"),
        approverTeam: text("approverTeam"),
      }))}
    >
      <h2 className="text-base font-semibold">{name}</h2>
      <div className="flex flex-wrap gap-3">
        <Field label="Longest (minutes)" error={form.errors.maxDurationMinutes}>
          <Input name="maxDurationMinutes" type="number" min={1} defaultValue={row.maxDurationMinutes} className="w-32" />
        </Field>
        <Field label="Approvals needed" error={form.errors.approvalsRequired}>
          <Input name="approvalsRequired" type="number" min={1} max={5} defaultValue={row.approvalsRequired} className="w-28" />
        </Field>
        <Field label="Pending expires after (minutes)" error={form.errors.pendingExpiryMinutes}>
          <Input name="pendingExpiryMinutes" type="number" min={1} defaultValue={row.pendingExpiryMinutes} className="w-40" />
        </Field>
        <Field label="Approvers' team (optional)" hint="Empty: every approver." error={form.errors.approverTeam}>
          <Input name="approverTeam" defaultValue={row.approverTeam ?? ""} maxLength={100} className="w-40" />
        </Field>
        <Field label="Ticket pattern (optional)" hint="A regular expression the whole ticket must match." error={form.errors.ticketPattern}>
          <Input name="ticketPattern" defaultValue={row.ticketPattern ?? ""} maxLength={200} className="w-56 font-mono" />
        </Field>
      </div>
      <div className="flex flex-wrap gap-4">
        <Checkbox name="emergencyAllowed" defaultChecked={row.emergencyAllowed} label="Emergency path may self-activate" />
        <Checkbox name="afterActionRequired" defaultChecked={row.afterActionRequired} label="After-action review after every elevation" />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" pending={form.pending} pendingLabel="Saving…">
          Save {name}
        </Button>
        <span className="text-xs text-slate-600">
          Version {row.version}, changed {row.updatedAt.slice(0, 10)}
        </span>
      </div>
      <FormStatus message={form.message} />
    </form>
  );
}
