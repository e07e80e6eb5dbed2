"use client";

import { useState } from "react";
import { revokeTokenAction } from "@/app/(console)/settings/tokens/actions";
import { ConfirmDialog } from "../registry/confirm-dialog";
import { Button } from "../ui/button";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

/** Revokes a token after asking: scripts using it are refused from their next call. */
export function TokenRevokeButton({ id, label, registered }: { id: string; label: string; registered: boolean }) {
  const [asking, setAsking] = useState(false);
  const revoke = useActionForm(revokeTokenAction, { success: `Revoked ${label}.` });
  return (
    <>
      <Button
        size="sm"
        variant="danger"
        pending={revoke.pending}
        pendingLabel="Revoking…"
        onClick={() => setAsking(true)}
        aria-label={`Revoke ${label}`}
      >
        Revoke
      </Button>
      <FormStatus message={revoke.state.status === "error" ? revoke.message : null} className="mt-2" />
      {asking && (
        <ConfirmDialog
          title={`Revoke ${label}?`}
          confirmLabel="Revoke token"
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            revoke.run({ id });
          }}
        >
          <p>
            Every script or agent using it is refused from its next call. This cannot be undone: make a new token if it is needed again.
          </p>
          {registered && <p>Its registry entry is marked decommissioned and its credential inactive.</p>}
        </ConfirmDialog>
      )}
    </>
  );
}
