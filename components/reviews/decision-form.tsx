"use client";

import { type KeyboardEvent, useState } from "react";
import { decideItemAction } from "@/app/(console)/reviews/items/[id]/actions";
import type { ItemScopeDto } from "@/lib/domain/reviews/items/get-review-item";
import type { PersonDto } from "@/lib/domain/registry/identity-dto";
import { ENVIRONMENTS, LEVELS } from "@/lib/domain/registry/vocabulary";
import { PeopleOptions } from "../registry/people-options";
import { Button } from "../ui/button";
import { Input, Select, Textarea } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { Table, Td } from "../ui/table";
import { useActionForm } from "../ui/use-action-form";

type DecideInput = Parameters<typeof decideItemAction>[0];
type ScopeChoice = { decision: "keep" | "revoke" | "reduce"; reduceToLevel: string; reduceToEnvironment: string };

/** Decisions that cover the whole identity: its scopes are not decided one by one. */
const WHOLE = new Set(["suspend", "decommission", "dont_know"]);
const NON_PRODUCTION = ENVIRONMENTS.filter((e) => e !== "production");

/**
 * The reviewer's decision: each scope (keep, revoke, reduce) and the identity as a whole, with a reason and
 * the date or person some decisions need. Radios and selects in reading order; Ctrl+Enter (⌘+Enter) in the
 * reason submits. The server checks everything again and names the field it refuses.
 */
export function DecisionForm({
  itemId,
  scopes,
  current,
  decisions,
  people,
  keepNeedsReason,
  expiresAt,
  disabled,
}: {
  itemId: string;
  scopes: ItemScopeDto[];
  current: {
    decision: string | null;
    decisionReason: string | null;
    keepUntil: string | null;
    rotateBy: string | null;
    transferToId: string | null;
  };
  decisions: [string, string][];
  people: PersonDto[];
  keepNeedsReason: string | null;
  expiresAt: string | null;
  disabled: boolean;
}) {
  const [decision, setDecision] = useState(current.decision ?? "certify");
  const [choices, setChoices] = useState<Record<string, ScopeChoice>>(() =>
    Object.fromEntries(
      scopes.map((s) => [
        s.id,
        {
          decision: (s.decision ?? "keep") as ScopeChoice["decision"],
          reduceToLevel: s.reduceToLevel ?? "",
          reduceToEnvironment: s.reduceToEnvironment ?? "",
        },
      ]),
    ),
  );
  const form = useActionForm(decideItemAction, {
    success: (data) =>
      data.passedTo
        ? "Passed on to the next reviewer of the rule. It is no longer in your list."
        : "Decision saved. You can change it until the stage ends.",
  });
  const whole = WHOLE.has(decision);
  const choose = (id: string, patch: Partial<ScopeChoice>) => setChoices((c) => ({ ...c, [id]: { ...c[id]!, ...patch } }));
  const revoking = !whole && Object.values(choices).some((c) => c.decision === "revoke");
  const reasonHint =
    decision === "suspend" || decision === "decommission" || revoking
      ? "Required: say why."
      : (decision === "certify" || decision === "keep_until") && keepNeedsReason
        ? `Required ${keepNeedsReason}, unless you revoke or reduce the risky scopes.`
        : "Optional; kept in the audit log with your decision.";
  const submitOnCtrlEnter = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.currentTarget.form?.requestSubmit();
    }
  };
  const toInput = (text: (name: string) => string): DecideInput => ({
    id: itemId,
    decision: decision as DecideInput["decision"],
    decisionReason: text("decisionReason"),
    ...(decision === "keep_until" ? { keepUntil: text("keepUntil") } : {}),
    ...(decision === "rotate_by" ? { rotateBy: text("rotateBy") } : {}),
    ...(decision === "transfer" ? { transferToId: text("transferToId") } : {}),
    scopes: whole
      ? []
      : scopes.map((s) => {
          const c = choices[s.id]!;
          return c.decision === "reduce"
            ? { id: s.id, decision: "reduce", reduceToLevel: c.reduceToLevel, reduceToEnvironment: c.reduceToEnvironment }
            : { id: s.id, decision: c.decision };
        }),
  });
  const scopeError = (i: number) =>
    ["id", "decision", "reduceToLevel", "reduceToEnvironment"].flatMap((f) => form.errors[`scopes.${i}.${f}`] ?? []);

  return (
    <form onSubmit={form.onSubmit(toInput)} aria-labelledby="decide" className="space-y-5">
      <fieldset disabled={disabled || form.pending} className="space-y-5">
        <div>
          <h3 className="mb-2 text-sm font-semibold">1. Each scope</h3>
          {scopes.length === 0 ? (
            <p className="text-sm text-slate-700">No scopes were recorded for this identity at launch.</p>
          ) : (
            <Table caption="Scopes and their decisions" framed={false} columns={["Scope", "Level", "Environment", "Last used", "Decision"]}>
              {scopes.map((s, i) => {
                const c = choices[s.id]!;
                const lower = LEVELS.slice(0, Math.max(0, LEVELS.indexOf(s.level as (typeof LEVELS)[number])));
                const errors = scopeError(i);
                return (
                  <tr key={s.id} className={c.decision === "revoke" && !whole ? "bg-red-50" : undefined}>
                    <Td>
                      <span className="font-mono text-xs">{s.resource}</span>{" "}
                      <span className="font-mono text-xs text-slate-600">{s.action}</span>
                      {s.risky && (
                        <span className="ml-1 inline-block rounded border border-amber-300 bg-amber-50 px-1 text-xs text-amber-900">
                          risky
                        </span>
                      )}
                    </Td>
                    <Td>{s.level}</Td>
                    <Td>{s.environment}</Td>
                    <Td className="whitespace-nowrap text-xs">
                      {s.lastUsedAt ? s.lastUsedAt.slice(0, 10) : s.usage === "never" ? "never" : "not reported"}
                    </Td>
                    <Td>
                      {whole ? (
                        <span className="text-xs text-slate-600">covered by the identity&apos;s decision</span>
                      ) : (
                        <fieldset aria-describedby={errors.length ? `scope-error-${s.id}` : undefined}>
                          <legend className="sr-only">
                            Decision for {s.resource} {s.action}
                          </legend>
                          <div className="flex flex-wrap items-center gap-3">
                            {(["keep", "revoke", "reduce"] as const).map((d) => (
                              <label key={d} className="flex items-center gap-1 text-sm">
                                <input
                                  type="radio"
                                  className="h-4 w-4 accent-slate-900"
                                  name={`scope-${s.id}`}
                                  value={d}
                                  checked={c.decision === d}
                                  disabled={d === "reduce" && lower.length === 0 && s.environment !== "production"}
                                  onChange={() => choose(s.id, { decision: d })}
                                />
                                {d === "keep" ? "Keep" : d === "revoke" ? "Revoke" : "Reduce"}
                              </label>
                            ))}
                          </div>
                          {c.decision === "reduce" && (
                            <div className="mt-2 flex flex-wrap gap-2">
                              <label className="flex flex-col text-xs text-slate-700">
                                To level
                                <Select
                                  value={c.reduceToLevel}
                                  onChange={(e) => choose(s.id, { reduceToLevel: e.target.value })}
                                  className="w-28"
                                >
                                  <option value="">as is</option>
                                  {lower.map((l) => (
                                    <option key={l} value={l}>
                                      {l}
                                    </option>
                                  ))}
                                </Select>
                              </label>
                              {s.environment === "production" && (
                                <label className="flex flex-col text-xs text-slate-700">
                                  To environment
                                  <Select
                                    value={c.reduceToEnvironment}
                                    onChange={(e) => choose(s.id, { reduceToEnvironment: e.target.value })}
                                    className="w-32"
                                  >
                                    <option value="">as is</option>
                                    {NON_PRODUCTION.map((env) => (
                                      <option key={env} value={env}>
                                        {env}
                                      </option>
                                    ))}
                                  </Select>
                                </label>
                              )}
                            </div>
                          )}
                          {errors.length > 0 && (
                            <p id={`scope-error-${s.id}`} className="mt-1 text-xs font-medium text-red-700">
                              {errors.join(", ")}
                            </p>
                          )}
                        </fieldset>
                      )}
                    </Td>
                  </tr>
                );
              })}
            </Table>
          )}
        </div>

        <fieldset>
          <legend className="mb-2 text-sm font-semibold">2. The identity</legend>
          <div className="grid gap-1.5 sm:grid-cols-2">
            {decisions.map(([value, label]) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  className="h-4 w-4 accent-slate-900"
                  name="decision"
                  value={value}
                  checked={decision === value}
                  onChange={() => setDecision(value)}
                />
                {label}
              </label>
            ))}
          </div>
          {form.errors.decision && <p className="mt-1 text-xs font-medium text-red-700">{form.errors.decision.join(", ")}</p>}
        </fieldset>

        <div className="flex flex-wrap items-start gap-4">
          {decision === "keep_until" && (
            <Field
              label="Keep until"
              hint={expiresAt ? `Not later than the credential's expiry, ${expiresAt.slice(0, 10)}.` : "Sets an expiry: access ends then."}
              error={form.errors.keepUntil}
            >
              <Input name="keepUntil" type="date" required defaultValue={current.keepUntil?.slice(0, 10)} max={expiresAt?.slice(0, 10)} />
            </Field>
          )}
          {decision === "rotate_by" && (
            <Field label="Rotate by" hint="The credential must be rotated by then." error={form.errors.rotateBy}>
              <Input name="rotateBy" type="date" required defaultValue={current.rotateBy?.slice(0, 10)} />
            </Field>
          )}
          {decision === "transfer" && (
            <Field label="New owner" error={form.errors.transferToId}>
              <Select name="transferToId" required defaultValue={current.transferToId ?? ""} className="w-72">
                <option value="">Choose a person</option>
                <PeopleOptions people={people} withEmail />
              </Select>
            </Field>
          )}
          <Field label="Reason" hint={`${reasonHint} Ctrl+Enter submits.`} error={form.errors.decisionReason} className="min-w-80 flex-1">
            <Textarea
              name="decisionReason"
              rows={3}
              maxLength={1000}
              defaultValue={current.decisionReason ?? ""}
              onKeyDown={submitOnCtrlEnter}
            />
          </Field>
        </div>
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" pending={form.pending} pendingLabel="Saving…">
            {decision === "dont_know" ? "Pass on: I don't know" : current.decision ? "Change decision" : "Save decision"}
          </Button>
        </div>
      </fieldset>
      <FormStatus message={form.message} />
    </form>
  );
}
