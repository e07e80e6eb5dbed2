"use client";

import { editPosturePolicyAction } from "@/app/(console)/dashboard/actions";
import type { PosturePolicyDto } from "@/lib/domain/posture/get-posture-policy";
import { THRESHOLD_FIELDS, THRESHOLD_LABELS } from "@/lib/domain/posture/vocabulary";
import { Button } from "../ui/button";
import { Input } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

/** An admin edits the thresholds; the whole estate is re-evaluated against them within minutes. */
export function PosturePolicyForm({ policy }: { policy: PosturePolicyDto }) {
  const form = useActionForm(editPosturePolicyAction, { success: "Saved. Every identity is being re-evaluated against it." });
  return (
    <form
      aria-label="Posture policy"
      className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={form.onSubmit((text) => ({
        version: policy.version,
        ...Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f, text(f)])),
      }))}
    >
      <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
        {THRESHOLD_FIELDS.map((f) => (
          <Field
            key={f}
            label={THRESHOLD_LABELS[f]}
            hint={`Read by: ${(policy.usedBy[f] ?? []).join("; ") || "no check yet"}`}
            error={form.errors[f]}
          >
            <Input name={f} type="number" min={0} defaultValue={policy[f]} className="w-32" />
          </Field>
        ))}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" pending={form.pending} pendingLabel="Saving…">
          Save the policy
        </Button>
        <span className="text-xs text-slate-600">
          Version {policy.version}, changed {policy.updatedAt.slice(0, 10)}
        </span>
      </div>
      <FormStatus message={form.message} />
    </form>
  );
}
