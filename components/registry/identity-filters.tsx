import type { PersonDto } from "@/lib/domain/registry/identity-dto";
import { CREDENTIAL_TYPE_LABELS, CREDENTIAL_TYPES, ENVIRONMENTS, KIND_LABELS, KINDS, STATUSES } from "@/lib/domain/registry/vocabulary";

export type IdentityFilterValues = Partial<Record<string, string>>;

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: [string, string][] }) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ""} className={input}>
        <option value="">Any</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </label>
  );
}

/** A plain GET form: every filter lives in the URL, so a view can be bookmarked, shared and exported. */
export function IdentityFilters({ values, people }: { values: IdentityFilterValues; people: PersonDto[] }) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Filter the registry">
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Search
        <input name="q" defaultValue={values.q} placeholder="name, external id, purpose, owner" className={`${input} w-64`} />
      </label>
      <Select name="kind" label="Kind" value={values.kind} options={KINDS.map((k) => [k, KIND_LABELS[k]])} />
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Platform
        <input name="platform" defaultValue={values.platform} className={`${input} w-28`} />
      </label>
      <Select name="environment" label="Environment" value={values.environment} options={ENVIRONMENTS.map((e) => [e, e])} />
      <Select name="status" label="Status" value={values.status} options={STATUSES.map((s) => [s, s])} />
      <Select name="owner" label="Owner" value={values.owner} options={people.map((p) => [p.id, p.name])} />
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Team
        <input name="team" defaultValue={values.team} className={`${input} w-28`} />
      </label>
      <Select name="credentialType" label="Credential" value={values.credentialType} options={CREDENTIAL_TYPES.map((c) => [c, CREDENTIAL_TYPE_LABELS[c]])} />
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Expiring within (days)
        <input name="expiringWithinDays" type="number" min={0} defaultValue={values.expiringWithinDays} className={`${input} w-24`} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Tag
        <input name="tag" defaultValue={values.tag} className={`${input} w-28`} />
      </label>
      <label className="flex items-center gap-1 pb-2 text-xs font-medium text-slate-600">
        <input type="checkbox" name="expired" value="1" defaultChecked={values.expired === "1"} /> Expired
      </label>
      <label className="flex items-center gap-1 pb-2 text-xs font-medium text-slate-600">
        <input type="checkbox" name="noOwner" value="1" defaultChecked={values.noOwner === "1"} /> No owner
      </label>
      <Select
        name="sort"
        label="Sort by"
        value={values.sort}
        options={[["name", "Name"], ["updatedAt", "Last changed"], ["createdAt", "Registered"], ["credentialExpiresAt", "Expiry"], ["lastUsedAt", "Last used"]]}
      />
      <Select name="dir" label="Order" value={values.dir} options={[["asc", "Ascending"], ["desc", "Descending"]]} />
      <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">Apply</button>
      <a href="?" className="px-2 py-1.5 text-sm text-slate-600 underline">Clear</a>
    </form>
  );
}
