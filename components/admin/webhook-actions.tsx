"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  deleteWebhookAction,
  rotateWebhookSecretAction,
  sendWebhookTestAction,
  updateWebhookAction,
} from "@/app/(console)/admin/webhooks/actions";
import type { WebhookEndpointDto } from "@/lib/domain/webhooks/webhook-dto";
import { ConfirmDialog } from "../registry/confirm-dialog";
import { Button } from "../ui/button";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";
import { WebhookSecret } from "./webhook-secret";

type Asking = "rotate" | "delete" | "disable" | null;

/** What an admin does to an endpoint: test it, enable or disable it, rotate its secret, delete it. */
export function WebhookActions({ endpoint }: { endpoint: WebhookEndpointDto }) {
  const router = useRouter();
  const [asking, setAsking] = useState<Asking>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const test = useActionForm(sendWebhookTestAction, {
    success: "Test event queued: it is sent within a few seconds. Its delivery appears in the log below.",
  });
  const toggle = useActionForm(updateWebhookAction, {
    success: (data) =>
      data.enabled ? "Enabled. Deliveries that were waiting are sent again." : "Disabled. Nothing is sent until you enable it.",
  });
  const rotate = useActionForm(rotateWebhookSecretAction, {
    success: "New secret in use: update your receiver now (deliveries signed with the old one are no longer sent).",
    onSuccess: (data) => setSecret(data.secret),
  });
  const remove = useActionForm(deleteWebhookAction, { onSuccess: () => router.push("/admin/webhooks") });
  const last = [test, toggle, rotate, remove].find((f) => f.message) ?? null;

  return (
    <section aria-labelledby="webhook-actions" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="webhook-actions" className="text-base font-semibold">
        Actions
      </h2>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button
          variant="primary"
          pending={test.pending}
          pendingLabel="Queuing…"
          disabled={!endpoint.enabled}
          title={endpoint.enabled ? undefined : "Enable the endpoint first"}
          onClick={() => test.run({ id: endpoint.id })}
        >
          Send test event
        </Button>
        {endpoint.enabled ? (
          <Button pending={toggle.pending} onClick={() => setAsking("disable")}>
            Disable
          </Button>
        ) : (
          <Button pending={toggle.pending} onClick={() => toggle.run({ id: endpoint.id, enabled: true })}>
            Enable
          </Button>
        )}
        <Button pending={rotate.pending} onClick={() => setAsking("rotate")}>
          Rotate secret
        </Button>
        <Button variant="danger" pending={remove.pending} onClick={() => setAsking("delete")}>
          Delete endpoint
        </Button>
      </div>
      {!endpoint.enabled && <p className="mt-2 text-xs text-slate-600">A disabled endpoint receives no events and no test events.</p>}
      <FormStatus message={last?.message ?? null} className="mt-3" />
      {secret && <WebhookSecret secret={secret} title={`New signing secret of ${endpoint.name}`} />}
      {asking === "rotate" && (
        <ConfirmDialog
          title={`Rotate the signing secret of ${endpoint.name}?`}
          confirmLabel="Rotate secret"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            setSecret(null);
            rotate.run({ id: endpoint.id });
          }}
        >
          <p>
            A new secret is made and shown once. From then on every delivery, retries included, is signed with it only: your receiver must
            switch to it, or it will refuse the deliveries.
          </p>
        </ConfirmDialog>
      )}
      {asking === "disable" && (
        <ConfirmDialog
          title={`Disable ${endpoint.name}?`}
          confirmLabel="Disable"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            toggle.run({ id: endpoint.id, enabled: false });
          }}
        >
          <p>No events are queued for it while it is disabled. Deliveries already waiting are kept and sent once you enable it again.</p>
        </ConfirmDialog>
      )}
      {asking === "delete" && (
        <ConfirmDialog
          title={`Delete ${endpoint.name}?`}
          confirmLabel="Delete endpoint"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            remove.run({ id: endpoint.id });
          }}
        >
          <p>The endpoint and its delivery log are removed; waiting deliveries are never sent. The audit log keeps the record.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
