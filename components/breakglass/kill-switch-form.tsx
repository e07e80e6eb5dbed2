"use client";

import { useRef, useState } from "react";
import { killSwitchAction } from "@/app/(console)/break-glass/actions";
import { ConfirmDialog } from "../registry/confirm-dialog";
import { Button } from "../ui/button";
import { Input } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

/**
 * The kill switch: revokes every live elevation of the identity, cancels its pending requests and suspends
 * it, in one audited step. Asked once more in a dialog, because it stops whatever the identity runs.
 */
export function KillSwitchForm({ identityId, identityName, armed }: { identityId: string; identityName: string; armed: boolean }) {
  const form = useActionForm(killSwitchAction, {
    success: (data) =>
      `Done: ${data.revoked.length} elevation(s) revoked, ${data.cancelled.length} pending request(s) cancelled, ${identityName} suspended.`,
  });
  const [asking, setAsking] = useState(false);
  const reason = useRef<HTMLInputElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  // Once it is done (or there is nothing left to stop) the outcome stays in view, the switch does not.
  if (!armed)
    return (
      <div className="flex flex-col gap-2">
        <p className="text-slate-700">Nothing to stop: {identityName} is not active and has no live or waiting elevation.</p>
        <FormStatus message={form.message} />
      </div>
    );
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      aria-label="Kill switch"
      onSubmit={(event) => {
        event.preventDefault();
        setAsking(true);
      }}
    >
      <Field label="Why stop it" error={form.errors.reason} className="min-w-64 flex-1">
        <Input ref={reason} name="reason" required minLength={3} maxLength={500} />
      </Field>
      <Button ref={opener} type="submit" variant="danger" pending={form.pending} pendingLabel="Stopping…">
        Revoke all and suspend
      </Button>
      {asking && (
        <ConfirmDialog
          title={`Stop ${identityName} now?`}
          confirmLabel="Revoke and suspend"
          returnFocus={opener.current}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            form.run({ id: identityId, reason: reason.current?.value ?? "" });
          }}
        >
          Every active elevation of {identityName} is revoked (provisioning is told), its pending requests are cancelled, and the identity
          is suspended. Reactivating it is a separate decision.
        </ConfirmDialog>
      )}
      <FormStatus message={form.message} className="basis-full" />
    </form>
  );
}
