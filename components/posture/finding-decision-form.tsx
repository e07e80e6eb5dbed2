"use client";

import { decideFindingAction } from "@/app/(console)/registry/[id]/posture-actions";
import { Button } from "../ui/button";
import { Input, Select } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

/** Accept the risk or postpone the fix until a date, with a reason; or re-open a decided finding. */
export function FindingDecisionForm({ findingId, title, decided }: { findingId: string; title: string; decided: boolean }) {
  const form = useActionForm(decideFindingAction, { success: "Saved. It re-opens by itself after the date." });
  if (decided)
    return (
      <form onSubmit={form.onSubmit(() => ({ findingId, decision: "reopen" as const, until: "" }))} className="flex items-center gap-2">
        <Button type="submit" size="sm" pending={form.pending}>
          Re-open {title}
        </Button>
        <FormStatus message={form.message} />
      </form>
    );
  return (
    <form
      aria-label={`Decide on ${title}`}
      className="mt-2 flex flex-wrap items-end gap-2"
      onSubmit={form.onSubmit((text) => ({
        findingId,
        decision: text("decision") as "accept",
        reason: text("reason"),
        until: text("until"),
      }))}
    >
      <Field label="Decision" error={form.errors.decision}>
        <Select name="decision" defaultValue="accept">
          <option value="accept">Accept the risk</option>
          <option value="postpone">Postpone the fix</option>
        </Select>
      </Field>
      <Field label="Until" error={form.errors.until}>
        <Input type="date" name="until" required />
      </Field>
      <Field label="Reason" error={form.errors.reason} className="min-w-56 flex-1">
        <Input name="reason" required minLength={3} maxLength={1000} />
      </Field>
      <Button type="submit" size="sm" variant="primary" pending={form.pending}>
        Save
      </Button>
      <FormStatus message={form.message} className="basis-full" />
    </form>
  );
}
