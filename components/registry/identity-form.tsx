"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent, type ReactNode } from "react";
import { createIdentityAction, updateIdentityAction } from "@/app/(console)/registry/actions";
import type { IdentitySummaryDto, PersonDto } from "@/lib/domain/registry/identity-dto";
import { CREDENTIAL_TYPE_LABELS, CREDENTIAL_TYPES, ENVIRONMENTS, KIND_LABELS, KINDS } from "@/lib/domain/registry/vocabulary";
import type { FieldErrors } from "@/lib/domain/shared/errors";
import { Alert } from "../ui/alert";

const input = "w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm font-normal";

/** A labelled control; the hint and the server's error for the field sit outside the label, so the control's name stays just the label. */
function Field({ label, name, errors, hint, children }: { label: string; name: string; errors: FieldErrors; hint?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
        {label}
        {children}
      </label>
      {hint && <span className="text-xs text-slate-500">{hint}</span>}
      {errors[name] && <span className="text-xs text-red-700">{errors[name].join(", ")}</span>}
    </div>
  );
}

const date = (iso: string | null | undefined) => iso?.slice(0, 10) ?? "";

const CREDENTIAL_DATES = [
  ["credentialIssuedAt", "Credential issued"],
  ["credentialRotatedAt", "Last rotated"],
  ["credentialExpiresAt", "Expires"],
  ["lastUsedAt", "Last used"],
] as const;

/** Create (no `identity`) or edit an identity. Editing sends the version and values it loaded. */
export function IdentityForm({ identity, people, currentUserId }: { identity?: IdentitySummaryDto; people: PersonDto[]; currentUserId: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
    startTransition(async () => {
      const result = identity
        ? await updateIdentityAction({ ...values, id: identity.id, expectedVersion: identity.version, original: identity })
        : await createIdentityAction(values);
      if (result.ok) {
        router.push(`/registry/${result.data.id}`);
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.message);
      }
    });
  }

  return (
    <form onSubmit={submit} className="grid max-w-4xl gap-5 rounded-lg border border-slate-200 bg-white p-6 sm:grid-cols-2" noValidate>
      {message && (
        <div className="sm:col-span-2">
          <Alert tone="error">{message}</Alert>
        </div>
      )}
      <Field label="Name" name="name" errors={errors}>
        <input name="name" defaultValue={identity?.name} className={input} />
      </Field>
      <Field label="Kind" name="kind" errors={errors}>
        <select name="kind" defaultValue={identity?.kind ?? "service_account"} className={input}>
          {KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
        </select>
      </Field>
      <Field label="Platform" name="platform" errors={errors} hint="aws, gcp, azure, kubernetes, github, okta…">
        <input name="platform" defaultValue={identity?.platform} className={input} />
      </Field>
      <Field label="External id" name="externalId" errors={errors} hint="The identifier on the platform (ARN, client id, namespace/name…), never a secret.">
        <input name="externalId" defaultValue={identity?.externalId} className={input} />
      </Field>
      <Field label="Environment" name="environment" errors={errors}>
        <select name="environment" defaultValue={identity?.environment ?? "production"} className={input}>
          {ENVIRONMENTS.map((e) => <option key={e}>{e}</option>)}
        </select>
      </Field>
      <Field label="Team" name="team" errors={errors}>
        <input name="team" defaultValue={identity?.team ?? ""} className={input} />
      </Field>
      <div className="sm:col-span-2">
        <Field label="Purpose (one)" name="purpose" errors={errors} hint="What this identity exists to do, in one sentence.">
          <textarea name="purpose" defaultValue={identity?.purpose} rows={2} className={input} />
        </Field>
      </div>
      {!identity && (
        <>
          <Field label="Owner" name="ownerId" errors={errors}>
            <select name="ownerId" defaultValue={currentUserId} className={input}>
              {people.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.email})</option>)}
            </select>
          </Field>
          <Field label="Backup owner" name="backupOwnerId" errors={errors}>
            <select name="backupOwnerId" defaultValue="" className={input}>
              <option value="">None</option>
              {people.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.email})</option>)}
            </select>
          </Field>
        </>
      )}
      <Field label="Third-party vendor" name="vendor" errors={errors}>
        <input name="vendor" defaultValue={identity?.vendor ?? ""} className={input} />
      </Field>
      <Field label="Tags" name="tags" errors={errors} hint="Separated by commas.">
        <input name="tags" defaultValue={identity?.tags.join(", ")} className={input} />
      </Field>
      <Field label="Credential type" name="credentialType" errors={errors}>
        <select name="credentialType" defaultValue={identity?.credentialType ?? ""} className={input}>
          <option value="">Unknown</option>
          {CREDENTIAL_TYPES.map((c) => <option key={c} value={c}>{CREDENTIAL_TYPE_LABELS[c]}</option>)}
        </select>
      </Field>
      {CREDENTIAL_DATES.map(([name, label]) => (
        <Field key={name} label={label} name={name} errors={errors}>
          <input type="date" name={name} defaultValue={date(identity?.[name])} className={input} />
        </Field>
      ))}
      <div className="flex items-center gap-3 sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50">
          {identity ? "Save changes" : "Register identity"}
        </button>
        <span className="text-xs text-slate-500">The console stores metadata only: never paste a key, token or password.</span>
      </div>
    </form>
  );
}
