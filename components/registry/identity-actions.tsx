"use client";

import { type FormEventHandler, type ReactNode, useId } from "react";
import { recordRotationAction, setIdentityStatusAction, transferOwnershipAction } from "@/app/(console)/registry/actions";
import type { IdentitySummaryDto, PersonDto } from "@/lib/domain/registry/identity-dto";
import { type IdentityStatus, STATUSES } from "@/lib/domain/registry/vocabulary";
import { Button } from "../ui/button";
import { Input, Select } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";
import { PeopleOptions } from "./people-options";

const STATUS_VERBS: Record<IdentityStatus, string> = { active: "Reactivate", suspended: "Suspend", decommissioned: "Decommission" };

/** One action as a small form, named by its heading. */
function Card({ title, onSubmit, children }: { title: string; onSubmit: FormEventHandler<HTMLFormElement>; children: ReactNode }) {
  const headingId = useId();
  return (
    <form
      aria-labelledby={headingId}
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={headingId} className="text-base font-semibold">
        {title}
      </h2>
      {children}
    </form>
  );
}

/** Owner and admin actions on one identity: lifecycle, rotation, ownership. The server decides each. */
export function IdentityActions({ identity, people }: { identity: IdentitySummaryDto; people: PersonDto[] }) {
  const status = useActionForm(setIdentityStatusAction, { success: (_, input) => `Status changed to ${String(input.status)}.` });
  const rotation = useActionForm(recordRotationAction, { success: "Rotation recorded." });
  const transfer = useActionForm(transferOwnershipAction, { success: "Ownership transferred." });

  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Card
        title="Change status"
        onSubmit={status.onSubmit((text) => ({ id: identity.id, status: text("status") as IdentityStatus, reason: text("reason") }))}
      >
        <Field label="New status" error={status.errors.status}>
          <Select name="status">
            {STATUSES.filter((s) => s !== identity.status).map((s) => (
              <option key={s} value={s}>
                {STATUS_VERBS[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Reason" hint="Required; recorded in the history." error={status.errors.reason}>
          <Input name="reason" />
        </Field>
        <Button type="submit" pending={status.pending}>
          Change status
        </Button>
        <FormStatus message={status.message} />
      </Card>
      <Card
        title="Record a rotation"
        onSubmit={rotation.onSubmit((text) => ({ id: identity.id, rotatedAt: null, expiresAt: text("expiresAt") }))}
      >
        <Field label="New expiry (optional)" error={rotation.errors.expiresAt}>
          <Input type="date" name="expiresAt" />
        </Field>
        <Button type="submit" pending={rotation.pending}>
          Record rotation now
        </Button>
        <FormStatus message={rotation.message} />
      </Card>
      <Card
        title="Transfer ownership"
        onSubmit={transfer.onSubmit((text) => ({ id: identity.id, ownerId: text("ownerId"), backupOwnerId: text("backupOwnerId") }))}
      >
        <Field label="New owner" error={transfer.errors.ownerId}>
          <Select name="ownerId" defaultValue={identity.owner?.id ?? ""}>
            {!identity.owner && <option value="">Choose an owner</option>}
            <PeopleOptions people={people} />
          </Select>
        </Field>
        <Field label="New backup owner" error={transfer.errors.backupOwnerId}>
          <Select name="backupOwnerId" defaultValue={identity.backupOwner?.id ?? ""}>
            <option value="">No backup owner</option>
            <PeopleOptions people={people} />
          </Select>
        </Field>
        <Button type="submit" pending={transfer.pending}>
          Transfer
        </Button>
        <FormStatus message={transfer.message} />
      </Card>
    </div>
  );
}
