"use client";

import { type FormEventHandler, type ReactNode, useId } from "react";
import { setIdentityStatusAction, transferOwnershipAction } from "@/app/(console)/registry/actions";
import { claimIdentityAction } from "@/app/(console)/registry/bulk-actions";
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

/**
 * Owner and admin actions on one identity: lifecycle and ownership (rotation is per credential, in the
 * Credentials panel). The server decides each.
 */
export function IdentityActions({ identity, people }: { identity: IdentitySummaryDto; people: PersonDto[] }) {
  const status = useActionForm(setIdentityStatusAction, { success: (_, input) => `Status changed to ${String(input.status)}.` });
  const transfer = useActionForm(transferOwnershipAction, { success: "Ownership transferred." });

  return (
    <div className="grid gap-4 lg:grid-cols-2">
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

/**
 * For an identity without an owner: whoever may own identities can take it on. The server decides (only
 * while it has no owner); admins see the claim under Recent claims and may undo it. Rendered on every
 * identity page, so the outcome stays on screen after the page refreshes with the new owner.
 */
export function ClaimIdentity({ identity, claimable }: { identity: Pick<IdentitySummaryDto, "id" | "name">; claimable: boolean }) {
  const claim = useActionForm(claimIdentityAction, {
    success: `You now own "${identity.name}". Admins see your claim under Recent claims.`,
  });
  if (!claimable && claim.state.status === "idle") return null;
  if (claim.state.status === "success")
    return <FormStatus message={claim.message ?? { tone: "success", text: "Claimed." }} className="mb-4" />;
  return (
    <section aria-labelledby="claim-heading" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="claim-heading" className="text-base font-semibold">
        This identity has no owner
      </h2>
      <p className="mt-1 text-sm text-slate-800">
        If you look after it, claim it: you become its owner and can change it, rotate it and hand it on. Admins are shown every claim and
        can undo it.
      </p>
      <Button
        variant="primary"
        className="mt-3"
        pending={claim.pending}
        pendingLabel="Claiming…"
        onClick={() => claim.run({ id: identity.id })}
      >
        Claim this identity
      </Button>
      <FormStatus message={claim.message} className="mt-3" />
    </section>
  );
}
