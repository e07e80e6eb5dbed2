import { Button, buttonClass } from "../ui/button";
import { Input, Select } from "../ui/controls";
import { Field } from "../ui/field";

export type AuditFilterValues = { actor?: string; action?: string; target?: string; outcome?: string; from?: string; to?: string };

/** A plain GET form: the filters live in the URL, so a view can be bookmarked and shared as evidence. */
export function AuditFilters({ values, actions }: { values: AuditFilterValues; actions: string[] }) {
  return (
    <form
      method="get"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-label="Filter the audit log"
    >
      <Field label="Actor (email)">
        <Input name="actor" defaultValue={values.actor} placeholder="someone@example.com" />
      </Field>
      <Field label="Action">
        <Select name="action" defaultValue={values.action ?? ""}>
          <option value="">Any</option>
          {actions.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </Select>
      </Field>
      <Field label="Target (id or name)">
        <Input name="target" defaultValue={values.target} />
      </Field>
      <Field label="Outcome">
        <Select name="outcome" defaultValue={values.outcome ?? ""}>
          <option value="">Any</option>
          <option value="allowed">allowed</option>
          <option value="denied">denied</option>
        </Select>
      </Field>
      <Field label="From (UTC)">
        <Input name="from" type="datetime-local" defaultValue={values.from} />
      </Field>
      <Field label="To (UTC)">
        <Input name="to" type="datetime-local" defaultValue={values.to} />
      </Field>
      <Button type="submit" variant="primary">
        Apply
      </Button>
      <a href="?" className={buttonClass()}>
        Clear
      </a>
    </form>
  );
}
