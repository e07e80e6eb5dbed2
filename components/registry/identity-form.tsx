"use client";

import { useRouter } from "next/navigation";
import { createIdentityAction, updateIdentityAction } from "@/app/(console)/registry/actions";
import type { IdentitySummaryDto, PersonDto } from "@/lib/domain/registry/identity-dto";
import {
  CREDENTIAL_TYPE_LABELS,
  CREDENTIAL_TYPES,
  type Environment,
  ENVIRONMENTS,
  type Kind,
  KIND_LABELS,
  KINDS,
} from "@/lib/domain/registry/vocabulary";
import { Button } from "../ui/button";
import { Input, Select, Textarea } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { type FormText, useActionForm } from "../ui/use-action-form";
import { fromLocalInput, LocalDateTimeInput, TimeZoneNote, toLocalInput } from "./local-date-time";
import { PeopleOptions } from "./people-options";

const CREDENTIAL_DATES = [
  ["credentialIssuedAt", "Credential issued"],
  ["credentialRotatedAt", "Last rotated"],
  ["credentialExpiresAt", "Expires"],
  ["lastUsedAt", "Last used"],
] as const;

/** The form's fields as the actions take them; the selects only offer the vocabulary, and the server checks it again. */
const fieldsOf = (text: FormText) => ({
  name: text("name"),
  kind: text("kind") as Kind,
  platform: text("platform"),
  externalId: text("externalId"),
  environment: text("environment") as Environment,
  purpose: text("purpose"),
  team: text("team"),
  vendor: text("vendor"),
  tags: text("tags"),
  credentialType: text("credentialType"),
  credentialIssuedAt: fromLocalInput(text("credentialIssuedAt")),
  credentialRotatedAt: fromLocalInput(text("credentialRotatedAt")),
  credentialExpiresAt: fromLocalInput(text("credentialExpiresAt")),
  lastUsedAt: fromLocalInput(text("lastUsedAt")),
});

/** The form's text as it was loaded, field by field: what the person did not touch is not sent. */
const loadedText = (identity: IdentitySummaryDto): Record<string, string> => ({
  name: identity.name,
  kind: identity.kind,
  platform: identity.platform,
  externalId: identity.externalId,
  environment: identity.environment,
  purpose: identity.purpose,
  team: identity.team ?? "",
  vendor: identity.vendor ?? "",
  tags: identity.tags.join(", "),
  credentialType: identity.credentialType ?? "",
  ...Object.fromEntries(CREDENTIAL_DATES.map(([name]) => [name, toLocalInput(identity[name])])),
});

const CREDENTIAL_FIELDS = new Set(["credentialType", ...CREDENTIAL_DATES.map(([name]) => name)]);

/**
 * Only the fields whose text the person changed (an untouched date-time keeps its stored precision). The
 * credential fields are left out when the form does not show them (an identity with several credentials).
 */
const changedFieldsOf = (text: FormText, identity: IdentitySummaryDto, withCredential: boolean) => {
  const loaded = loadedText(identity);
  return Object.fromEntries(
    Object.entries(fieldsOf(text)).filter(([name]) => (withCredential || !CREDENTIAL_FIELDS.has(name)) && text(name) !== loaded[name]),
  ) as Partial<ReturnType<typeof fieldsOf>>;
};

/** Create (no `identity`) or edit an identity. Editing sends the version and values it loaded. */
export function IdentityForm({
  identity,
  credentialCount = 0,
  people,
  currentUserId,
}: {
  identity?: IdentitySummaryDto;
  /** With several credentials, each is changed on its own under Credentials on the identity's page. */
  credentialCount?: number;
  people: PersonDto[];
  currentUserId: string;
}) {
  const router = useRouter();
  const form = useActionForm(
    (text: FormText) =>
      identity
        ? updateIdentityAction({
            ...changedFieldsOf(text, identity, credentialCount <= 1),
            id: identity.id,
            expectedVersion: identity.version,
            original: identity,
          })
        : createIdentityAction({ ...fieldsOf(text), ownerId: text("ownerId"), backupOwnerId: text("backupOwnerId") }),
    { onSuccess: (saved) => router.push(`/registry/${saved.id}`) },
  );
  const { errors } = form;

  return (
    <form
      onSubmit={form.onSubmit((text) => text)}
      className="grid max-w-4xl gap-5 rounded-lg border border-slate-200 bg-white p-6 sm:grid-cols-2"
      noValidate
    >
      <FormStatus message={form.message} className="sm:col-span-2" />
      <Field label="Name" error={errors.name}>
        <Input name="name" defaultValue={identity?.name} />
      </Field>
      <Field label="Kind" error={errors.kind}>
        <Select name="kind" defaultValue={identity?.kind ?? "service_account"}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Platform" error={errors.platform} hint="aws, gcp, azure, kubernetes, github, okta…">
        <Input name="platform" defaultValue={identity?.platform} />
      </Field>
      <Field
        label="External id"
        error={errors.externalId}
        hint="The identifier on the platform (ARN, client id, namespace/name…), never a secret."
      >
        <Input name="externalId" defaultValue={identity?.externalId} />
      </Field>
      <Field label="Environment" error={errors.environment}>
        <Select name="environment" defaultValue={identity?.environment ?? "production"}>
          {ENVIRONMENTS.map((e) => (
            <option key={e}>{e}</option>
          ))}
        </Select>
      </Field>
      <Field label="Team" error={errors.team}>
        <Input name="team" defaultValue={identity?.team ?? ""} />
      </Field>
      <Field
        label="Purpose (one)"
        error={errors.purpose}
        hint="What this identity exists to do, in one sentence."
        className="sm:col-span-2"
      >
        <Textarea name="purpose" defaultValue={identity?.purpose} rows={2} />
      </Field>
      {!identity && (
        <>
          <Field label="Owner" error={errors.ownerId}>
            <Select name="ownerId" defaultValue={currentUserId}>
              <PeopleOptions people={people} withEmail />
            </Select>
          </Field>
          <Field label="Backup owner" error={errors.backupOwnerId}>
            <Select name="backupOwnerId" defaultValue="">
              <option value="">None</option>
              <PeopleOptions people={people} withEmail />
            </Select>
          </Field>
        </>
      )}
      <Field label="Third-party vendor" error={errors.vendor}>
        <Input name="vendor" defaultValue={identity?.vendor ?? ""} />
      </Field>
      <Field label="Tags" error={errors.tags} hint="Separated by commas.">
        <Input name="tags" defaultValue={identity?.tags.join(", ")} />
      </Field>
      {identity && credentialCount > 1 ? (
        <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700 sm:col-span-2">
          This identity has {credentialCount} credentials: add, change or rotate each one under{" "}
          <a className="font-medium text-blue-800 underline" href={`/registry/${identity.id}#credentials`}>
            Credentials
          </a>{" "}
          on its page.
        </p>
      ) : (
        <>
          <Field label="Credential type" error={errors.credentialType} hint="The identity's one credential; add more on its page.">
            <Select name="credentialType" defaultValue={identity?.credentialType ?? ""}>
              <option value="">Unknown</option>
              {CREDENTIAL_TYPES.map((c) => (
                <option key={c} value={c}>
                  {CREDENTIAL_TYPE_LABELS[c]}
                </option>
              ))}
            </Select>
          </Field>
          {CREDENTIAL_DATES.map(([name, label]) => (
            <Field key={name} label={label} error={errors[name]}>
              <LocalDateTimeInput name={name} iso={identity?.[name]} />
            </Field>
          ))}
          <p className="text-xs text-slate-600 sm:col-span-2">
            <TimeZoneNote />
          </p>
        </>
      )}
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" variant="primary" pending={form.pending}>
          {identity ? "Save changes" : "Register identity"}
        </Button>
        <span className="text-xs text-slate-600">The console stores metadata only: never paste a key, token or password.</span>
      </div>
    </form>
  );
}
