"use client";

import { fileAfterActionAction } from "@/app/(console)/break-glass/actions";
import { Button } from "../ui/button";
import { Checkbox, Select, Textarea } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

/** The after-action review, filed once by an approver who is not the requester. */
export function AfterActionForm({ requestId }: { requestId: string }) {
  const form = useActionForm(fileAfterActionAction, { success: "Filed." });
  return (
    <form
      className="flex flex-col gap-3"
      aria-label="After-action review"
      onSubmit={form.onSubmit((text, data) => ({
        requestId,
        whatWasDone: text("whatWasDone"),
        verdict: text("verdict") as "justified",
        rotationRequired: data.get("rotationRequired") === "on",
      }))}
    >
      <Field label="What was done with the elevation" error={form.errors.whatWasDone}>
        <Textarea name="whatWasDone" rows={3} required maxLength={4000} />
      </Field>
      <Field label="Verdict" error={form.errors.verdict}>
        <Select name="verdict" required defaultValue="" className="w-64">
          <option value="">Choose</option>
          <option value="justified">Justified</option>
          <option value="not_justified">Not justified</option>
          <option value="misuse">Misuse</option>
        </Select>
      </Field>
      <Checkbox name="rotationRequired" label="The credential must be rotated (no new break-glass on this identity until it is)" />
      <div>
        <Button type="submit" variant="primary" pending={form.pending} pendingLabel="Filing…">
          File the review
        </Button>
      </div>
      <FormStatus message={form.message} />
    </form>
  );
}
