"use client";

import Link from "next/link";
import { useState } from "react";
import { transferOwnedIdentitiesAction } from "@/app/(console)/registry/actions";
import type { PersonDto } from "@/lib/domain/registry/identity-dto";
import type { UserDto } from "@/lib/domain/users/user-dto";
import { ConfirmDialog } from "../registry/confirm-dialog";
import { PeopleOptions } from "../registry/people-options";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Select } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

const AS_LABEL = { owner: "owner", backupOwner: "backup owner" } as const;

/**
 * First what will move (a dry run: counts and the identities by name), then, after a confirmation, the
 * transfer of everything the departed person owned or backed up. `people` are those who may take it on.
 */
export function BulkTransferForm({ users, people }: { users: UserDto[]; people: PersonDto[] }) {
  const [confirming, setConfirming] = useState(false);
  const form = useActionForm(transferOwnedIdentitiesAction, {
    success: (moved, input) => (input.dryRun ? null : `Transferred ${moved.owner} owned and ${moved.backupOwner} backed-up identities.`),
  });
  // People who left are the usual reason to be here: list them first.
  const departedFirst = [...users].sort((a, b) => Number(a.status === "active") - Number(b.status === "active"));
  // The count's answer, until the transfer (or a new count) replaces it.
  const preview = form.state.status === "success" && form.state.input.dryRun ? { ...form.state.input, ...form.state.data } : null;
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? people.find((p) => p.id === id)?.name ?? "them";
  const total = preview ? preview.owner + preview.backupOwner : 0;

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
        <Field label="To" hint="Only people who may own identities are offered." error={form.errors.toUserId}>
          <Select name="toUserId" defaultValue="">
            <option value="" disabled>
              Choose a person
            </option>
            <PeopleOptions people={people} withEmail />
          </Select>
        </Field>
        <Button type="submit" pending={form.pending}>
          Count identities
        </Button>
      </form>
      {preview && !form.pending && (
        <section aria-labelledby="transfer-preview" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="transfer-preview" className="text-base font-semibold">
            What will move
          </h2>
          <Alert tone="info">
            {preview.owner} identities owned and {preview.backupOwner} backed up will move.
          </Alert>
          <div>
            <Button variant="primary" disabled={total === 0} onClick={() => setConfirming(true)}>
              Transfer them
            </Button>
          </div>
          {(["owner", "backupOwner"] as const).map((as) => {
            const listed = preview.identities.filter((i) => i.as === as);
            const count = as === "owner" ? preview.owner : preview.backupOwner;
            if (count === 0) return null;
            return (
              <div key={as}>
                <h3 className="text-sm font-semibold">
                  {nameOf(preview.toUserId)} becomes the {AS_LABEL[as]} of
                  {count > listed.length ? ` (the first ${listed.length} of ${count})` : ""}
                </h3>
                <ul className="mt-1 flex flex-col gap-0.5 text-sm">
                  {listed.map((i) => (
                    <li key={i.id}>
                      <Link href={`/registry/${i.id}`} className="underline underline-offset-2">
                        {i.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
          {total > preview.identities.length && (
            <p className="text-xs text-slate-600">
              <Link href={`/registry?owner=${preview.fromUserId}`} className="underline">
                See everything {nameOf(preview.fromUserId)} owns in the registry
              </Link>
            </p>
          )}
        </section>
      )}
      {confirming && preview && (
        <ConfirmDialog
          title={`Transfer ${total} identities to ${nameOf(preview.toUserId)}?`}
          confirmLabel={`Transfer ${total} identities`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            form.run({ fromUserId: preview.fromUserId, toUserId: preview.toUserId, dryRun: false });
          }}
        >
          <p>
            {nameOf(preview.toUserId)} becomes the owner of the {preview.owner} identities {nameOf(preview.fromUserId)} owns, and the backup
            owner of the {preview.backupOwner} they back up. Each identity&apos;s history records the transfer.
          </p>
        </ConfirmDialog>
      )}
      <FormStatus message={form.message} />
    </div>
  );
}
