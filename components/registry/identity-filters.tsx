import type { FieldErrors } from "@/lib/domain/shared/errors";
import type { PersonDto } from "@/lib/domain/registry/identity-dto";
import { FLAG_NAMES, FLAGS } from "@/lib/domain/registry/identity-flags";
import { CREDENTIAL_TYPE_LABELS, CREDENTIAL_TYPES, ENVIRONMENTS, KIND_LABELS, KINDS, STATUSES } from "@/lib/domain/registry/vocabulary";
import { Button, buttonClass } from "../ui/button";
import { Checkbox, Input } from "../ui/controls";
import { ChoiceField } from "../ui/choice-field";
import { Field, Fieldset } from "../ui/field";

export type IdentityFilterValues = Partial<Record<string, string>>;

/** The yes/no warnings, as checkboxes: the URL parameter and its label. */
const WARNING_CHECKS: [string, string][] = [
  ["noExpiry", "Never expires"],
  ["severalActive", "Several active credentials"],
  ["humanUse", "Used by a person"],
  ["privilegedInProduction", "Write or admin in production"],
  ["wildcardScope", "Wildcard scope"],
  ["departedOwner", "Owner has left"],
  ["goneFromSource", "Gone from its source"],
];
const WARNING_FIELDS = [...WARNING_CHECKS.map(([name]) => name), "olderThanDays", "unusedForDays", "flag", "usage", "importId"];
const USAGE_LABELS: [string, string][] = [
  ["known", "Use recorded"],
  ["never", "Never used"],
  ["unknown", "Use not reported"],
];
const checked = (v: string | undefined) => v === "1" || v === "true";

const SORTS: [string, string][] = [
  ["name", "Name"],
  ["updatedAt", "Last changed"],
  ["createdAt", "Registered"],
  ["credentialExpiresAt", "Expiry"],
  ["lastUsedAt", "Last used"],
];

/**
 * A plain GET form: every filter lives in the URL, so a view can be bookmarked, shared and exported.
 * `errors` are the list's field errors (a hand-edited or outdated URL), shown on the field they name.
 */
export function IdentityFilters({
  values,
  people,
  errors = {},
}: {
  values: IdentityFilterValues;
  people: PersonDto[];
  errors?: FieldErrors;
}) {
  const warningsSet = WARNING_FIELDS.filter((name) => values[name] && values[name] !== "0" && values[name] !== "false").length;
  return (
    <form
      method="get"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-label="Filter the registry"
    >
      <Field label="Search" error={errors.q}>
        <Input name="q" type="search" defaultValue={values.q} placeholder="name, external id, purpose, owner" className="w-64" />
      </Field>
      <ChoiceField error={errors.kind} name="kind" label="Kind" value={values.kind} options={KINDS.map((k) => [k, KIND_LABELS[k]])} />
      <Field label="Platform" error={errors.platform}>
        <Input name="platform" defaultValue={values.platform} className="w-28" />
      </Field>
      <ChoiceField
        error={errors.environment}
        name="environment"
        label="Environment"
        value={values.environment}
        options={ENVIRONMENTS.map((e) => [e, e])}
      />
      <ChoiceField error={errors.status} name="status" label="Status" value={values.status} options={STATUSES.map((s) => [s, s])} />
      <ChoiceField error={errors.owner} name="owner" label="Owner" value={values.owner} options={people.map((p) => [p.id, p.name])} />
      <Field label="Team" error={errors.team}>
        <Input name="team" defaultValue={values.team} className="w-28" />
      </Field>
      <ChoiceField
        error={errors.credentialType}
        name="credentialType"
        label="Credential"
        value={values.credentialType}
        options={CREDENTIAL_TYPES.map((c) => [c, CREDENTIAL_TYPE_LABELS[c]])}
      />
      <Field label="Expiring within (days)" error={errors.expiringWithinDays}>
        <Input name="expiringWithinDays" type="number" min={0} defaultValue={values.expiringWithinDays} className="w-24" />
      </Field>
      <Field label="Tag" error={errors.tag}>
        <Input name="tag" defaultValue={values.tag} className="w-28" />
      </Field>
      <div className="flex gap-4 pb-2">
        <Checkbox name="expired" value="1" defaultChecked={values.expired === "1"} label="Expired" />
        <Checkbox name="noOwner" value="1" defaultChecked={values.noOwner === "1"} label="No owner" />
      </div>
      <details open={warningsSet > 0 || WARNING_FIELDS.some((name) => errors[name])} className="basis-full">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">
          Warnings{warningsSet > 0 ? ` (${warningsSet} set)` : ""}
        </summary>
        <div className="mt-2 flex flex-wrap items-end gap-3">
          <Fieldset legend="Show identities that" className="basis-full" error={WARNING_CHECKS.flatMap(([name]) => errors[name] ?? [])}>
            {WARNING_CHECKS.map(([name, label]) => (
              <Checkbox key={name} name={name} value="1" defaultChecked={checked(values[name])} label={label} />
            ))}
          </Fieldset>
          <Field label="Credential older than (days)" error={errors.olderThanDays}>
            <Input name="olderThanDays" type="number" min={0} max={3650} defaultValue={values.olderThanDays} className="w-24" />
          </Field>
          <Field label="Unused for (days)" hint="last use older, or never used" error={errors.unusedForDays}>
            <Input name="unusedForDays" type="number" min={0} max={3650} defaultValue={values.unusedForDays} className="w-24" />
          </Field>
          <ChoiceField name="usage" label="Use" value={values.usage} options={USAGE_LABELS} error={errors.usage} />
          <ChoiceField
            name="flag"
            label="Finding"
            value={values.flag}
            options={FLAG_NAMES.map((f) => [f, FLAGS[f].label])}
            error={errors.flag}
          />
          {(values.importId || errors.importId) && (
            <Field label="Created or changed by import" error={errors.importId}>
              <Input name="importId" defaultValue={values.importId} className="w-80 font-mono" />
            </Field>
          )}
        </div>
      </details>
      <ChoiceField error={errors.sort} name="sort" label="Sort by" value={values.sort} options={SORTS} none="Default" />
      <ChoiceField
        error={errors.dir}
        name="dir"
        label="Order"
        value={values.dir}
        none="Default"
        options={[
          ["asc", "Ascending"],
          ["desc", "Descending"],
        ]}
      />
      <Button type="submit" variant="primary">
        Apply
      </Button>
      <a href="?" className={buttonClass({ variant: "secondary" })}>
        Clear
      </a>
    </form>
  );
}
