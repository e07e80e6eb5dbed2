"use client";

import { approveRequestAction, cancelRequestAction, denyRequestAction, revokeRequestAction } from "@/app/(console)/break-glass/actions";
import { Button } from "../ui/button";
import { Input } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

type May = { approve: boolean; deny: boolean; cancel: boolean; drop: boolean; revoke: boolean };

/** Approve (optionally shorter) or deny: an approver's decision on a request someone else made. */
function ApproveDeny({ id, durationMinutes, may }: { id: string; durationMinutes: number; may: May }) {
  const approve = useActionForm(approveRequestAction, { success: "Approved. The requester has been told." });
  const deny = useActionForm(denyRequestAction, { success: "Denied. The requester has been told." });
  return (
    <div className="flex flex-col gap-4">
      {may.approve && (
        <form
          className="flex flex-wrap items-end gap-3"
          aria-label="Approve"
          onSubmit={approve.onSubmit((text) => ({ id, reason: text("reason"), shortenTo: text("shortenTo") || undefined }))}
        >
          <Field label={`Shorten to (minutes, at most ${durationMinutes}; optional)`} error={approve.errors.shortenTo}>
            <Input name="shortenTo" type="number" min={1} max={durationMinutes} className="w-64" />
          </Field>
          <Field label="Note (optional)" error={approve.errors.reason} className="min-w-64 flex-1">
            <Input name="reason" maxLength={1000} />
          </Field>
          <Button type="submit" variant="primary" pending={approve.pending} pendingLabel="Approving…">
            Approve
          </Button>
          <FormStatus message={approve.message} className="basis-full" />
        </form>
      )}
      {may.deny && (
        <form
          className="flex flex-wrap items-end gap-3"
          aria-label="Deny"
          onSubmit={deny.onSubmit((text) => ({ id, reason: text("reason") }))}
        >
          <Field label="Why deny" error={deny.errors.reason} className="min-w-64 flex-1">
            <Input name="reason" required minLength={3} maxLength={1000} />
          </Field>
          <Button type="submit" variant="danger" pending={deny.pending} pendingLabel="Denying…">
            Deny
          </Button>
          <FormStatus message={deny.message} className="basis-full" />
        </form>
      )}
    </div>
  );
}

/** The requester's way out: cancel while pending, "I'm done" while active (the grant ends now). */
function CancelOrDrop({ id, drop }: { id: string; drop: boolean }) {
  const form = useActionForm(cancelRequestAction, {
    success: drop ? "Dropped: the elevation ended now and provisioning was told." : "Cancelled.",
  });
  return (
    <form className="flex flex-wrap items-end gap-3" onSubmit={form.onSubmit((text) => ({ id, reason: text("reason") }))}>
      <Field label="Note (optional)" error={form.errors.reason} className="min-w-64 flex-1">
        <Input name="reason" maxLength={1000} />
      </Field>
      <Button type="submit" variant={drop ? "primary" : "secondary"} pending={form.pending}>
        {drop ? "I'm done: end it now" : "Cancel request"}
      </Button>
      <FormStatus message={form.message} className="basis-full" />
    </form>
  );
}

/** An approver or admin ends someone's live elevation early, with a reason. */
function Revoke({ id }: { id: string }) {
  const form = useActionForm(revokeRequestAction, { success: "Revoked: the elevation ended now and provisioning was told." });
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      aria-label="Revoke"
      onSubmit={form.onSubmit((text) => ({ id, reason: text("reason") }))}
    >
      <Field label="Why revoke" error={form.errors.reason} className="min-w-64 flex-1">
        <Input name="reason" required minLength={3} maxLength={1000} />
      </Field>
      <Button type="submit" variant="danger" pending={form.pending} pendingLabel="Revoking…">
        Revoke now
      </Button>
      <FormStatus message={form.message} className="basis-full" />
    </form>
  );
}

/** Every decision the reader may take on this request now; nothing when they may take none. */
export function DecisionForms({ id, durationMinutes, may }: { id: string; durationMinutes: number; may: May }) {
  return (
    <div className="flex flex-col gap-5" data-testid="request-decisions">
      {(may.approve || may.deny) && <ApproveDeny id={id} durationMinutes={durationMinutes} may={may} />}
      {(may.cancel || may.drop) && <CancelOrDrop id={id} drop={may.drop} />}
      {may.revoke && !may.drop && <Revoke id={id} />}
    </div>
  );
}
