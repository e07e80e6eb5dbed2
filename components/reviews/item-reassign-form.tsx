"use client";

import { reassignItemAction } from "@/app/(console)/reviews/items/[id]/actions";
import type { PersonDto } from "@/lib/domain/registry/identity-dto";
import { PeopleOptions } from "../registry/people-options";
import { Button } from "../ui/button";
import { Input, Select } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

type ReassignInput = Parameters<typeof reassignItemAction>[0];

/** Hands the item to someone else (the reviewer's choice, or an admin's); the due date stays as it is. */
export function ItemReassignForm({ itemId, people, dueDate }: { itemId: string; people: PersonDto[]; dueDate: string }) {
  const form = useActionForm(reassignItemAction, { success: "Reassigned. The new reviewer has been told; the due date is unchanged." });
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={form.onSubmit((text): ReassignInput => ({ id: itemId, toUserId: text("toUserId"), reason: text("reason") }))}
    >
      <Field label="Reassign to" hint={`They must decide by ${dueDate}, as you would.`} error={form.errors.toUserId}>
        <Select name="toUserId" required defaultValue="" className="w-72">
          <option value="">Choose a person</option>
          <PeopleOptions people={people} withEmail />
        </Select>
      </Field>
      <Field label="Why (optional)" error={form.errors.reason} className="min-w-64 flex-1">
        <Input name="reason" maxLength={1000} />
      </Field>
      <Button type="submit" pending={form.pending} pendingLabel="Reassigning…">
        Reassign
      </Button>
      <FormStatus message={form.message} className="basis-full" />
    </form>
  );
}
