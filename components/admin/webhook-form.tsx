"use client";

import Link from "next/link";
import { useState } from "react";
import { createWebhookAction, updateWebhookAction } from "@/app/(console)/admin/webhooks/actions";
import type { WebhookEndpointDto } from "@/lib/domain/webhooks/webhook-dto";
import { Button } from "../ui/button";
import { Checkbox, Input, Select } from "../ui/controls";
import { Field, Fieldset } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import type { FormText } from "../ui/use-action-form";
import { useActionForm } from "../ui/use-action-form";
import { WebhookSecret } from "./webhook-secret";

export type Choice = { value: string; label: string };

const read = (text: FormText, data: FormData) => ({
  name: text("name"),
  url: text("url"),
  format: text("format") as WebhookEndpointDto["format"],
  eventTypes: data.getAll("eventTypes").map(String),
});

function Fields({
  errors,
  eventTypes,
  formats,
  endpoint,
}: {
  errors: Record<string, string[]>;
  eventTypes: Choice[];
  formats: Choice[];
  endpoint?: WebhookEndpointDto;
}) {
  return (
    <>
      <div className="flex flex-wrap items-start gap-4">
        <Field label="Name" hint="e.g. SIEM, #security-alerts" error={errors.name}>
          <Input name="name" autoComplete="off" defaultValue={endpoint?.name} className="w-64" />
        </Field>
        <Field
          label="URL"
          hint="https:// address that receives a POST per event (plain http:// only to a receiver on this machine)"
          error={errors.url}
        >
          <Input
            name="url"
            type="url"
            autoComplete="off"
            defaultValue={endpoint?.url}
            placeholder="https://"
            className="w-[28rem] max-w-full"
          />
        </Field>
        <Field label="Format" error={errors.format}>
          <Select name="format" defaultValue={endpoint?.format ?? "json"}>
            {formats.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Fieldset legend="Events to send" error={errors.eventTypes} className="mt-4">
        <p className="basis-full text-xs text-slate-600">
          Named as the person they are about reads them in the inbox; the endpoint gets every such event in the console, whoever it is for.
        </p>
        {eventTypes.map((t) => (
          <Checkbox
            key={t.value}
            name="eventTypes"
            value={t.value}
            defaultChecked={endpoint?.eventTypes.includes(t.value)}
            label={
              <span>
                {t.label} <code className="text-xs text-slate-600">{t.value}</code>
              </span>
            }
            className="basis-full sm:basis-[calc(50%-1rem)]"
          />
        ))}
      </Fieldset>
    </>
  );
}

/** Adds an endpoint; on success its signing secret is shown, once, with a link to the endpoint. */
export function WebhookCreateForm({ eventTypes, formats }: { eventTypes: Choice[]; formats: Choice[] }) {
  const [created, setCreated] = useState<{ id: string; name: string; secret: string } | null>(null);
  const create = useActionForm(createWebhookAction, {
    resetOnSuccess: true,
    success: (data) => `Added ${data.endpoint.name}. Send it a test event from its page.`,
    onSuccess: (data) => setCreated({ id: data.endpoint.id, name: data.endpoint.name, secret: data.secret }),
  });
  return (
    <section aria-labelledby="add-webhook" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="add-webhook" className="text-base font-semibold">
        Add an endpoint
      </h2>
      <form
        className="mt-3"
        noValidate
        onSubmit={(event) => {
          setCreated(null);
          create.onSubmit(read)(event);
        }}
      >
        <Fields errors={create.errors} eventTypes={eventTypes} formats={formats} />
        <Button type="submit" variant="primary" pending={create.pending} pendingLabel="Adding…" className="mt-4">
          Add endpoint
        </Button>
      </form>
      <FormStatus message={create.message} className="mt-3" />
      {created && (
        <>
          <WebhookSecret secret={created.secret} title={`Signing secret of ${created.name}`} />
          <p className="mt-2 text-sm">
            <Link href={`/admin/webhooks/${created.id}`} className="underline">
              Open {created.name}
            </Link>{" "}
            to send a test event and watch its deliveries.
          </p>
        </>
      )}
    </section>
  );
}

/** Changes an endpoint's name, URL, format and events. */
export function WebhookSettingsForm({
  endpoint,
  eventTypes,
  formats,
}: {
  endpoint: WebhookEndpointDto;
  eventTypes: Choice[];
  formats: Choice[];
}) {
  const save = useActionForm(updateWebhookAction, { success: "Saved." });
  return (
    <section aria-labelledby="webhook-settings" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="webhook-settings" className="text-base font-semibold">
        Settings
      </h2>
      <form className="mt-3" noValidate onSubmit={save.onSubmit((text, data) => ({ id: endpoint.id, ...read(text, data) }))}>
        <Fields errors={save.errors} eventTypes={eventTypes} formats={formats} endpoint={endpoint} />
        <Button type="submit" variant="primary" pending={save.pending} pendingLabel="Saving…" className="mt-4">
          Save settings
        </Button>
      </form>
      <FormStatus message={save.message} className="mt-3" />
    </section>
  );
}
