"use client";

import { useRef, useState } from "react";
import { addAgentRuleAction, tryAgentRuleAction } from "@/app/(console)/admin/agent-rules/actions";
import type { AgentRuleDto } from "@/lib/domain/registry/agent-rules/agent-rule-dto";
import { Button } from "../ui/button";
import { Input, Select, Textarea } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

type FieldChoice = { field: AgentRuleDto["field"]; label: string };

const SAMPLE_HINT: Record<AgentRuleDto["field"], string> = {
  label: "labels as key=value, one per line",
  annotation: "annotations as key=value, one per line",
  name: "a name, e.g. ml/claude-agent",
  vendor: "a vendor, e.g. claude-code",
};

/**
 * Adds a rule; "Try" first tells whether the pattern would recognise a sample (nothing is saved). Each
 * field shows the server's own validation message.
 */
export function AgentRuleForm({ fields }: { fields: FieldChoice[] }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [field, setField] = useState<AgentRuleDto["field"]>(fields[0]?.field ?? "name");
  const [last, setLast] = useState<"add" | "try" | null>(null);
  const add = useActionForm(addAgentRuleAction, {
    success: (rule) => `Added the ${rule.field} rule ${rule.pattern}. It applies from the next import on.`,
    resetOnSuccess: true,
  });
  const trial = useActionForm(tryAgentRuleAction, {
    success: (result, input) =>
      result.matches
        ? `Would match: an identity with ${input.sample.trim().replaceAll("\n", ", ")} would be imported as an AI agent.`
        : `Would not match ${input.sample.trim().replaceAll("\n", ", ") || "an empty sample"}.`,
  });
  const errors = last === "try" ? trial.errors : add.errors;
  const read = () => {
    const data = new FormData(formRef.current ?? undefined);
    const text = (name: string) => String(data.get(name) ?? "");
    return { field: text("field"), pattern: text("pattern"), sample: text("sample") };
  };
  return (
    <section aria-labelledby="add-agent-rule" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="add-agent-rule" className="text-base font-semibold">
        Add a rule
      </h2>
      <form
        ref={formRef}
        onSubmit={(event) => {
          setLast("add");
          add.onSubmit((text) => ({
            field: text("field") as AgentRuleDto["field"],
            pattern: text("pattern"),
            note: text("note"),
          }))(event);
        }}
        className="mt-3 flex flex-wrap items-start gap-4"
        noValidate
      >
        <Field label="Looks at" error={errors.field}>
          <Select name="field" value={field} onChange={(e) => setField(e.target.value as AgentRuleDto["field"])}>
            {fields.map((f) => (
              <option key={f.field} value={f.field}>
                {f.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Pattern" hint="up to 200 characters" error={errors.pattern}>
          <Input name="pattern" autoComplete="off" className="w-72" />
        </Field>
        <Field label="Note (optional)" hint="why the rule exists" error={errors.note}>
          <Input name="note" autoComplete="off" className="w-64" />
        </Field>
        <Button type="submit" variant="primary" pending={add.pending} className="mt-6">
          Add rule
        </Button>
        <div className="flex basis-full flex-wrap items-start gap-4 border-t border-slate-100 pt-4">
          <Field label="Try it on" hint={SAMPLE_HINT[field]} error={errors.sample}>
            {field === "label" || field === "annotation" ? (
              <Textarea name="sample" rows={2} className="w-72" />
            ) : (
              <Input name="sample" autoComplete="off" className="w-72" />
            )}
          </Field>
          <Button
            pending={trial.pending}
            className="mt-6"
            onClick={() => {
              setLast("try");
              trial.run(read());
            }}
          >
            Try
          </Button>
        </div>
      </form>
      <FormStatus message={last === "try" ? trial.message : add.message} className="mt-3" />
    </section>
  );
}
