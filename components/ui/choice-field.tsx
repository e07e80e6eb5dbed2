import { Select } from "./controls";
import { Field } from "./field";

/** A labelled select of a filter form: "Any" (or `none`) first, then each [value, label], the field's errors beside it. */
export function ChoiceField({
  name,
  label,
  value,
  options,
  none = "Any",
  error,
}: {
  name: string;
  label: string;
  value?: string;
  options: readonly (readonly [string, string])[];
  none?: string;
  error?: string[];
}) {
  return (
    <Field label={label} error={error}>
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
