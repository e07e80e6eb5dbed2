import type { PersonDto } from "@/lib/domain/registry/identity-dto";
import { CREDENTIAL_TYPE_LABELS, CREDENTIAL_TYPES, ENVIRONMENTS, KIND_LABELS, KINDS, STATUSES } from "@/lib/domain/registry/vocabulary";
import { Button, buttonClass } from "../ui/button";
import { Checkbox, Input, Select } from "../ui/controls";
import { Field } from "../ui/field";

export type IdentityFilterValues = Partial<Record<string, string>>;

function Choice({
  name,
  label,
  value,
  options,
  none = "Any",
}: {
  name: string;
  label: string;
  value?: string;
  options: [string, string][];
  none?: string;
}) {
  return (
    <Field label={label}>
      <Select name={name} defaultValue={value ?? ""}>
        <option value="">{none}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </Select>
    </Field>
  );
}

const SORTS: [string, string][] = [
  ["name", "Name"],
  ["updatedAt", "Last changed"],
  ["createdAt", "Registered"],
  ["credentialExpiresAt", "Expiry"],
  ["lastUsedAt", "Last used"],
];

/** A plain GET form: every filter lives in the URL, so a view can be bookmarked, shared and exported. */
export function IdentityFilters({ values, people }: { values: IdentityFilterValues; people: PersonDto[] }) {
  return (
    <form
      method="get"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-label="Filter the registry"
    >
      <Field label="Search">
        <Input name="q" type="search" defaultValue={values.q} placeholder="name, external id, purpose, owner" className="w-64" />
      </Field>
      <Choice name="kind" label="Kind" value={values.kind} options={KINDS.map((k) => [k, KIND_LABELS[k]])} />
      <Field label="Platform">
        <Input name="platform" defaultValue={values.platform} className="w-28" />
      </Field>
      <Choice name="environment" label="Environment" value={values.environment} options={ENVIRONMENTS.map((e) => [e, e])} />
      <Choice name="status" label="Status" value={values.status} options={STATUSES.map((s) => [s, s])} />
      <Choice name="owner" label="Owner" value={values.owner} options={people.map((p) => [p.id, p.name])} />
      <Field label="Team">
        <Input name="team" defaultValue={values.team} className="w-28" />
      </Field>
      <Choice
        name="credentialType"
        label="Credential"
        value={values.credentialType}
        options={CREDENTIAL_TYPES.map((c) => [c, CREDENTIAL_TYPE_LABELS[c]])}
      />
      <Field label="Expiring within (days)">
        <Input name="expiringWithinDays" type="number" min={0} defaultValue={values.expiringWithinDays} className="w-24" />
      </Field>
      <Field label="Tag">
        <Input name="tag" defaultValue={values.tag} className="w-28" />
      </Field>
      <div className="flex gap-4 pb-2">
        <Checkbox name="expired" value="1" defaultChecked={values.expired === "1"} label="Expired" />
        <Checkbox name="noOwner" value="1" defaultChecked={values.noOwner === "1"} label="No owner" />
      </div>
      <Choice name="sort" label="Sort by" value={values.sort} options={SORTS} none="Default" />
      <Choice
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
