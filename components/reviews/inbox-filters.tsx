import type { InboxRunProgress } from "@/lib/domain/reviews/items/list-my-items";
import type { FieldErrors } from "@/lib/domain/shared/errors";
import { Button, buttonClass } from "../ui/button";
import { Input } from "../ui/controls";
import { ChoiceField } from "../ui/choice-field";
import { Field } from "../ui/field";

export type InboxFilterValues = Partial<Record<string, string>>;
export type Options = [string, string][];

/**
 * A plain GET form: every filter and the sort live in the URL (bookmarkable, and the pager keeps them). The
 * option lists come from the page (the vocabularies), so this stays a server component.
 */
export function InboxFilters({
  values,
  runs,
  options,
  errors = {},
}: {
  values: InboxFilterValues;
  runs: InboxRunProgress[];
  options: { recommendation: Options; risk: Options; environment: Options; kind: Options; sort: Options };
  errors?: FieldErrors;
}) {
  return (
    <form
      method="get"
      aria-label="Filter my review items"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <Field label="Search by name" error={errors.q}>
        <Input name="q" type="search" defaultValue={values.q} placeholder="identity name" className="w-56" />
      </Field>
      <ChoiceField
        name="run"
        label="Campaign"
        value={values.run}
        error={errors.run}
        none="All open campaigns"
        options={runs.map((r) => [r.runId, `${r.campaignName} #${r.number}`])}
      />
      <ChoiceField
        name="status"
        label="Decision"
        value={values.status}
        error={errors.status}
        options={[
          ["undecided", "Undecided"],
          ["decided", "Decided"],
        ]}
      />
      <ChoiceField
        name="recommendation"
        label="Recommendation"
        value={values.recommendation}
        error={errors.recommendation}
        options={options.recommendation}
      />
      <ChoiceField name="risk" label="Risk" value={values.risk} error={errors.risk} options={options.risk} />
      <ChoiceField
        name="environment"
        label="Environment"
        value={values.environment}
        error={errors.environment}
        options={options.environment}
      />
      <ChoiceField name="kind" label="Kind" value={values.kind} error={errors.kind} options={options.kind} />
      <ChoiceField name="sort" label="Sort by" value={values.sort} error={errors.sort} options={options.sort} none="Due date" />
      <ChoiceField
        name="dir"
        label="Order"
        value={values.dir}
        error={errors.dir}
        none="Natural"
        options={[
          ["asc", "Ascending"],
          ["desc", "Descending"],
        ]}
      />
      <Button type="submit" variant="primary">
        Apply
      </Button>
      <a href="?" className={buttonClass()}>
        Clear
      </a>
    </form>
  );
}
