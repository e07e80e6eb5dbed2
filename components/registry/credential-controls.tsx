"use client";

import { type ReactNode, useState } from "react";
import { addCredentialAction, changeCredentialAction, rotateCredentialAction } from "@/app/(console)/registry/[id]/credential-actions";
import type { CredentialDto } from "@/lib/domain/registry/credentials/credential-dto";
import type { Usage } from "@/lib/domain/registry/credentials/credential-input";
import { CREDENTIAL_TYPE_LABELS, CREDENTIAL_TYPES, type CredentialType } from "@/lib/domain/registry/vocabulary";
import type { FieldErrors } from "@/lib/domain/shared/errors";
import { Button } from "../ui/button";
import { Input, Select } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { type FormText, useActionForm } from "../ui/use-action-form";
import { ConfirmDialog } from "./confirm-dialog";
import { fromLocalInput, LocalDateTimeInput, TimeZoneNote, toLocalInput } from "./local-date-time";

const USAGE_CHOICES: [Usage, string][] = [
  ["unknown", "Not reported by the source"],
  ["never", "Never used (the source says so)"],
  ["known", "Used (give the last use)"],
];

const DATES = [
  ["issuedAt", "Issued"],
  ["rotatedAt", "Last rotated"],
  ["expiresAt", "Expires"],
  ["lastUsedAt", "Last used"],
] as const;
const TEXTS = ["handle", "lastUsedWhere", "federatedWith"] as const;

/** A disclosure ("Change…", "Record rotation…") whose summary is a button to the eye and to the keyboard. */
function Disclosure({ summary, children, testId }: { summary: string; children: ReactNode; testId?: string }) {
  return (
    <details className="group" data-testid={testId}>
      <summary className="inline-flex cursor-pointer list-none items-center rounded-md border border-slate-400 bg-white px-2.5 py-1 text-xs font-medium text-slate-900 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 [&::-webkit-details-marker]:hidden">
        {summary}
      </summary>
      <div className="mt-3 rounded-md border border-slate-200 bg-slate-50 p-3">{children}</div>
    </details>
  );
}

/** The fields of one credential; `credential` fills them in (a change), none leaves them empty (an addition). */
function CredentialFieldset({ credential, errors }: { credential?: CredentialDto; errors: FieldErrors }) {
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <Field
        label="Handle"
        hint="How people recognise it without it being secret: a key id's last characters (…K7QX), a fingerprint, “access key 2”."
        error={errors.handle}
      >
        <Input name="handle" defaultValue={credential?.handle ?? ""} maxLength={200} autoComplete="off" />
      </Field>
      <Field label="Type" error={errors.type}>
        <Select name="type" defaultValue={credential?.type ?? "static_secret"}>
          {CREDENTIAL_TYPES.map((t) => (
            <option key={t} value={t}>
              {CREDENTIAL_TYPE_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Use" error={errors.usage} hint="“Never used” only when the source says so.">
        <Select name="usage" defaultValue={credential?.usage ?? "unknown"}>
          {USAGE_CHOICES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      {DATES.map(([name, label]) => (
        <Field key={name} label={label} error={errors[name]}>
          <LocalDateTimeInput name={name} iso={credential?.[name]} />
        </Field>
      ))}
      <Field label="Last used where" hint="A region or service, as the source says." error={errors.lastUsedWhere}>
        <Input name="lastUsedWhere" defaultValue={credential?.lastUsedWhere ?? ""} maxLength={200} />
      </Field>
      <Field
        label="Acts as (federated only)"
        hint="The cloud identity it is exchanged for: a role ARN, a service account email, a client id."
        error={errors.federatedWith}
        className="sm:col-span-2"
      >
        <Input name="federatedWith" defaultValue={credential?.federatedWith ?? ""} maxLength={500} />
      </Field>
      <p className="text-xs text-slate-600 sm:col-span-2 lg:col-span-3">
        <TimeZoneNote /> Only metadata is kept: never paste a key or secret here.
      </p>
    </div>
  );
}

/** Everything the form says, as the use-cases take it. */
const fieldsOf = (text: FormText) => ({
  handle: text("handle"),
  type: text("type") as CredentialType,
  usage: text("usage") as Usage,
  ...(Object.fromEntries(DATES.map(([name]) => [name, fromLocalInput(text(name))])) as Record<(typeof DATES)[number][0], string>),
  lastUsedWhere: text("lastUsedWhere"),
  federatedWith: text("federatedWith"),
});

/** Only what the person changed: an untouched date keeps its stored precision, an untouched text is not sent. */
function changesOf(text: FormText, c: CredentialDto) {
  const all = fieldsOf(text);
  const changed: Partial<typeof all> = {};
  for (const [name] of DATES) if (text(name) !== toLocalInput(c[name])) changed[name] = all[name];
  for (const name of TEXTS) if (text(name).trim() !== (c[name] ?? "")) changed[name] = all[name];
  if (all.type !== c.type) changed.type = all.type;
  if (all.usage !== c.usage) changed.usage = all.usage;
  return changed;
}

/** Adds one more credential to the identity (a second key, a new client secret). */
export function AddCredential({ identityId }: { identityId: string }) {
  const add = useActionForm(addCredentialAction, {
    success: (data) => `Credential ${data.handle} added.`,
    resetOnSuccess: true,
  });
  return (
    <Disclosure summary="Add a credential" testId="add-credential">
      <form
        aria-label="Add a credential"
        noValidate
        className="flex flex-col gap-3"
        onSubmit={add.onSubmit((text) => ({ identityId, ...fieldsOf(text), status: "active" as const }))}
      >
        <CredentialFieldset errors={add.errors} />
        <div>
          <Button type="submit" variant="primary" pending={add.pending}>
            Add credential
          </Button>
        </div>
        <FormStatus message={add.message} />
      </form>
    </Disclosure>
  );
}

type Asking = "inactive" | "remove" | null;

/**
 * One credential's actions: record a rotation (who may rotate), change what is recorded, mark it inactive
 * or active again, remove it (who may edit). Marking inactive and removing ask first; the console records
 * what happened at the source and disables nothing itself, which the question says.
 */
export function CredentialControls({
  identityId,
  credential: c,
  canEdit,
  canRotate,
}: {
  identityId: string;
  credential: CredentialDto;
  canEdit: boolean;
  canRotate: boolean;
}) {
  const rotate = useActionForm(rotateCredentialAction, { success: `Rotation of ${c.handle} recorded.` });
  const change = useActionForm(changeCredentialAction, {
    success: (_, input) =>
      input.remove
        ? `Credential ${c.handle} removed.`
        : input.status === "inactive"
          ? `${c.handle} marked inactive.`
          : input.status === "active"
            ? `${c.handle} marked active.`
            : `Credential ${c.handle} changed.`,
  });
  const [asking, setAsking] = useState<Asking>(null);
  const [unchanged, setUnchanged] = useState(false);
  const name = `credential ${c.handle}`;

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-start gap-2">
        {canRotate && (
          <Disclosure summary="Record rotation" testId="rotate-credential">
            <form
              aria-label={`Record a rotation of ${name}`}
              noValidate
              className="flex flex-wrap items-end gap-3"
              onSubmit={rotate.onSubmit((text) => ({
                id: identityId,
                credentialId: c.id,
                rotatedAt: null,
                expiresAt: fromLocalInput(text("expiresAt")),
              }))}
            >
              <Field label="New expiry (optional)" error={rotate.errors.expiresAt}>
                <LocalDateTimeInput name="expiresAt" iso={null} />
              </Field>
              <Button type="submit" variant="primary" pending={rotate.pending}>
                Record rotation now
              </Button>
            </form>
          </Disclosure>
        )}
        {canEdit && (
          <>
            <Disclosure summary="Change" testId="change-credential">
              <form
                aria-label={`Change ${name}`}
                noValidate
                className="flex flex-col gap-3"
                onSubmit={(event) => {
                  const data = new FormData(event.currentTarget);
                  const text: FormText = (n) => {
                    const v = data.get(n);
                    return typeof v === "string" ? v : "";
                  };
                  const changed = changesOf(text, c);
                  setUnchanged(Object.keys(changed).length === 0);
                  if (Object.keys(changed).length === 0) return event.preventDefault();
                  change.onSubmit(() => ({ credentialId: c.id, ...changed }))(event);
                }}
              >
                <CredentialFieldset credential={c} errors={change.errors} />
                <div>
                  <Button type="submit" variant="primary" pending={change.pending}>
                    Save changes
                  </Button>
                </div>
                {unchanged && <p className="text-sm text-slate-700">Nothing changed: edit a field first.</p>}
              </form>
            </Disclosure>
            {c.status === "active" ? (
              <Button size="sm" disabled={change.pending} onClick={() => setAsking("inactive")}>
                Mark inactive
              </Button>
            ) : (
              <Button size="sm" disabled={change.pending} onClick={() => change.run({ credentialId: c.id, status: "active" })}>
                Mark active
              </Button>
            )}
            <Button size="sm" variant="danger" disabled={change.pending} onClick={() => setAsking("remove")}>
              Remove
            </Button>
          </>
        )}
      </div>
      <FormStatus message={rotate.message} />
      <FormStatus message={change.message} />
      {asking === "inactive" && (
        <ConfirmDialog
          title={`Mark ${c.handle} inactive?`}
          confirmLabel="Mark inactive"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            change.run({ credentialId: c.id, status: "inactive" });
          }}
        >
          <p>
            Record that this credential no longer works: do it after you have disabled or deleted it where it lives. The console keeps only
            metadata and cannot disable it for you.
          </p>
          <p>It stays listed as inactive, and stops counting as active.</p>
        </ConfirmDialog>
      )}
      {asking === "remove" && (
        <ConfirmDialog
          title={`Remove ${c.handle}?`}
          confirmLabel="Remove credential"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            setAsking(null);
            change.run({ credentialId: c.id, remove: true });
          }}
        >
          <p>
            Remove the record of this credential once it no longer exists at its source. To keep it as evidence, mark it inactive instead.
          </p>
          <p>What it was stays in this identity’s history.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
