"use client";

import { transferOwnedIdentitiesAction } from "@/app/(console)/registry/actions";
import type { UserDto } from "@/lib/domain/users/user-dto";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Select } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

/** Counts first (a dry run), then moves everything the departed person owned or backed up. */
export function BulkTransferForm({ users }: { users: UserDto[] }) {
  const form = useActionForm(transferOwnedIdentitiesAction, {
    success: (moved, input) => (input.dryRun ? null : `Transferred ${moved.owner} owned and ${moved.backupOwner} backed-up identities.`),
  });
  // People who left are the usual reason to be here: list them first.
  const departedFirst = [...users].sort((a, b) => Number(a.status === "active") - Number(b.status === "active"));
  // The count's answer, until the transfer (or a new count) replaces it.
  const preview = form.state.status === "success" && form.state.input.dryRun ? { ...form.state.input, ...form.state.data } : null;

  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <form
        onSubmit={form.onSubmit((text) => ({ fromUserId: text("fromUserId"), toUserId: text("toUserId"), dryRun: true }))}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
        aria-label="Bulk transfer"
        noValidate
      >
        <Field label="From (departed owner)" error={form.errors.fromUserId}>
          <Select name="fromUserId" defaultValue="">
            <option value="" disabled>
              Choose a person
            </option>
            {departedFirst.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email}){u.status === "deactivated" ? " — deactivated" : ""}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="To" error={form.errors.toUserId}>
          <Select name="toUserId" defaultValue="">
            <option value="" disabled>
              Choose a person
            </option>
            {users
              .filter((u) => u.status === "active")
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.email})
                </option>
              ))}
          </Select>
        </Field>
        <Button type="submit" pending={form.pending}>
          Count identities
        </Button>
      </form>
      {preview && !form.pending && (
        <Alert tone="info">
          {preview.owner} identities owned and {preview.backupOwner} backed up will move.{" "}
          <Button
            variant="primary"
            size="sm"
            className="ml-2"
            disabled={preview.owner + preview.backupOwner === 0}
            onClick={() => form.run({ fromUserId: preview.fromUserId, toUserId: preview.toUserId, dryRun: false })}
          >
            Transfer them
          </Button>
        </Alert>
      )}
      <FormStatus message={form.message} />
    </div>
  );
}
