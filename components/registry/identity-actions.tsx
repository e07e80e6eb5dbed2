"use client";

import { type FormEvent } from "react";
import { recordRotationAction, setIdentityStatusAction, transferOwnershipAction } from "@/app/(console)/registry/actions";
import type { IdentitySummaryDto, PersonDto } from "@/lib/domain/registry/identity-dto";
import { FormMessage } from "./form-message";
import { useActionForm } from "./use-action-form";

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50";
const values = (event: FormEvent<HTMLFormElement>) => {
  event.preventDefault();
  return Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
};

/** Owner and admin actions on one identity: lifecycle, rotation, ownership. The server decides each. */
export function IdentityActions({ identity, people }: { identity: IdentitySummaryDto; people: PersonDto[] }) {
  const status = useActionForm();
  const rotation = useActionForm();
  const transfer = useActionForm();
  const nextStatuses = (["active", "suspended", "decommissioned"] as const).filter((s) => s !== identity.status);

  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <form
        aria-label="Change status"
        className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4"
        onSubmit={(e) => {
          const v = values(e);
          status.run(() => setIdentityStatusAction({ id: identity.id, status: v.status, reason: v.reason }), `Status changed to ${v.status}.`);
        }}
      >
        <h3 className="text-sm font-semibold">Lifecycle</h3>
        <select name="status" className={input} aria-label="New status">
          {nextStatuses.map((s) => <option key={s} value={s}>{s === "active" ? "Reactivate" : s === "suspended" ? "Suspend" : "Decommission"}</option>)}
        </select>
        <input name="reason" placeholder="Reason (required)" aria-label="Reason" className={input} />
        <button type="submit" disabled={status.pending} className={button}>Apply</button>
        <FormMessage message={status.message} />
      </form>
      <form
        aria-label="Record rotation"
        className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4"
        onSubmit={(e) => {
          const v = values(e);
          rotation.run(() => recordRotationAction({ id: identity.id, expiresAt: v.expiresAt }), "Rotation recorded.");
        }}
      >
        <h3 className="text-sm font-semibold">Credential rotated</h3>
        <label className="flex flex-col gap-1 text-xs text-slate-600">
          New expiry (optional)
          <input type="date" name="expiresAt" className={input} />
        </label>
        <button type="submit" disabled={rotation.pending} className={button}>Record rotation now</button>
        <FormMessage message={rotation.message} />
      </form>
      <form
        aria-label="Transfer ownership"
        className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4"
        onSubmit={(e) => {
          const v = values(e);
          transfer.run(() => transferOwnershipAction({ id: identity.id, ownerId: v.ownerId, backupOwnerId: v.backupOwnerId }), "Ownership transferred.");
        }}
      >
        <h3 className="text-sm font-semibold">Ownership</h3>
        <select name="ownerId" defaultValue={identity.owner?.id ?? ""} className={input} aria-label="New owner">
          {!identity.owner && <option value="">Choose an owner</option>}
          {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        <select name="backupOwnerId" defaultValue={identity.backupOwner?.id ?? ""} className={input} aria-label="New backup owner">
          <option value="">No backup owner</option>
          {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        <button type="submit" disabled={transfer.pending} className={button}>Transfer</button>
        <FormMessage message={transfer.message} />
      </form>
    </div>
  );
}
