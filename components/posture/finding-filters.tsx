import type { PersonDto } from "@/lib/domain/registry/identity-dto";
import { ENVIRONMENTS } from "@/lib/domain/registry/vocabulary";
import { CHECKS } from "@/lib/domain/posture/checks";
import { FINDING_STATUS_LABELS, FINDING_STATUSES, SEVERITIES } from "@/lib/domain/posture/list-findings";
import type { FieldErrors } from "@/lib/domain/shared/errors";
import { Button, buttonClass } from "../ui/button";
import { ChoiceField } from "../ui/choice-field";
import { Input, Select } from "../ui/controls";
import { Field } from "../ui/field";

export const FINDING_FILTER_FIELDS = ["owner", "check", "severity", "status", "team", "platform", "environment", "q"] as const;
export type FindingFilterValues = Partial<Record<(typeof FINDING_FILTER_FIELDS)[number] | "page", string>>;

/** A value the URL carries that the choices do not offer (a hand-edited link) stays choosable, so the form shows it. */
const withCurrent = (options: [string, string][], value: string | undefined): [string, string][] =>
  value && !options.some(([v]) => v === value) ? [...options, [value, value]] : options;

/** A select's options from [value, label] pairs. */
const Options = ({ choices }: { choices: [string, string][] }) =>
  choices.map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));

/**
 * The findings list's filters as a plain GET form: every view is a link (and works before any script runs). The
 * server validates every value; `errors` shows a bad one on its field.
 */
export function FindingFilters({
  values,
  people,
  me,
  options,
  errors = {},
}: {
  values: FindingFilterValues;
  people: PersonDto[];
  /** The teams and platforms the registry holds. */
  options: { team: string[]; platform: string[] };
  /** The reader, offered first as "Me". */
  me: { id: string; name: string } | null;
  errors?: FieldErrors;
}) {
  const owners: [string, string][] = [
    ...(me ? [["me", `Me (${me.name})`] as [string, string]] : []),
    ...people.filter((p) => p.id !== me?.id).map((p): [string, string] => [p.id, p.name]),
  ];
  return (
    <form
      method="get"
      role="search"
      aria-label="Filter the findings"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <Field label="Identity name" error={errors.q}>
        <Input name="q" type="search" defaultValue={values.q} placeholder="contains…" className="w-48" />
      </Field>
      <Field label="Status" error={errors.status}>
        <Select name="status" defaultValue={values.status || "open"}>
          <Options
            choices={withCurrent(
              FINDING_STATUSES.map((s) => [s, FINDING_STATUS_LABELS[s]]),
              values.status,
            )}
          />
        </Select>
      </Field>
      <ChoiceField
        name="severity"
        label="Severity"
        value={values.severity}
        options={withCurrent(
          SEVERITIES.map((s) => [s, s]),
          values.severity,
        )}
        error={errors.severity}
      />
      <Field label="Check" error={errors.check}>
        <Select name="check" defaultValue={values.check ?? ""} className="max-w-[16rem]">
          <option value="">Any</option>
          <Options
            choices={withCurrent(
              CHECKS.map((c) => [c.id, c.title]),
              values.check,
            )}
          />
        </Select>
      </Field>
      <ChoiceField
        name="owner"
        label="Owner"
        value={values.owner}
        none="Anyone"
        options={withCurrent(owners, values.owner)}
        error={errors.owner}
      />
      {(
        [
          ["environment", "Environment", ENVIRONMENTS],
          ["team", "Team", options.team],
          ["platform", "Platform", options.platform],
        ] as const
      ).map(([name, label, choices]) => (
        <ChoiceField
          key={name}
          name={name}
          label={label}
          value={values[name]}
          options={withCurrent(
            choices.map((v) => [v, v]),
            values[name],
          )}
          error={errors[name]}
        />
      ))}
      <Button type="submit" variant="primary">
        Apply
      </Button>
      <a href="?" className={buttonClass({ variant: "secondary" })}>
        Clear
      </a>
    </form>
  );
}
