"use client";

import { addEntitlementAction, changeEntitlementAction } from "@/app/(console)/registry/actions";
import type { EntitlementDto } from "@/lib/domain/registry/identity-dto";
import { type Environment, ENVIRONMENTS, type Level, LEVELS } from "@/lib/domain/registry/vocabulary";
import { type FormEvent, useRef, useState } from "react";
import { Button } from "../ui/button";
import { Input, Select } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { relativeTime, shortDate } from "../ui/relative-time";
import { Table, Td } from "../ui/table";
import { type FormText, useActionForm } from "../ui/use-action-form";
import { ConfirmScope, type ScopeChange, scopeRisks } from "./confirm-scope";

const LEVEL_TONES = {
  read: "bg-slate-100 text-slate-800",
  write: "bg-amber-100 text-amber-900",
  admin: "bg-red-100 text-red-900",
  unknown: "bg-slate-100 text-slate-800",
} as const;

/** A risky grant waiting for the person's answer: on yes, `proceed` sends it; on no, `undo` puts the form back. */
type Asking = ScopeChange & { risks: string[]; proceed: () => void; undo: () => void; control?: HTMLElement };

const textOf =
  (form: HTMLFormElement): FormText =>
  (name) => {
    const value = new FormData(form).get(name);
    return typeof value === "string" ? value : "";
  };

/** A scope's use as its source reports it (the AWS IAM access advisor, per service), or that it does not. */
function ScopeUse({ e, now }: { e: EntitlementDto; now: Date }) {
  if (e.lastUsedAt)
    return (
      <time dateTime={e.lastUsedAt} title={`${shortDate(e.lastUsedAt)} (UTC)`}>
        {relativeTime(e.lastUsedAt, now)}
        {e.lastUsedWhere && <span className="text-slate-600"> in {e.lastUsedWhere}</span>}
      </time>
    );
  if (e.usage === "never") return <span className="font-medium text-amber-900">never used</span>;
  return <span className="text-slate-600">not reported</span>;
}

/**
 * The identity's scopes, each with its last use where a source reports it ("never used" only when the
 * source says so: a grant nobody uses is one to remove); owners and admins add, change and remove them (the server checks who). Raising a
 * scope to admin or adding a wildcard asks first (`ConfirmScope`); nothing is sent until the person agrees.
 */
export function EntitlementsPanel({
  identityId,
  entitlements,
  canEdit,
  now: nowIso,
}: {
  identityId: string;
  entitlements: EntitlementDto[];
  canEdit: boolean;
  /** The page's "now" (ISO), so the server and the browser say the same "3 days ago". */
  now: string;
}) {
  const now = new Date(nowIso);
  const add = useActionForm(addEntitlementAction, { success: "Scope added.", resetOnSuccess: true });
  const change = useActionForm(changeEntitlementAction, {
    success: (_, input) => (input.level ? "Scope level changed." : "Scope removed."),
  });
  const [asking, setAsking] = useState<Asking | null>(null);
  // Set while the confirmed form is submitted again, so the second pass goes straight to the server.
  const confirmed = useRef(false);
  const toAddInput = (text: FormText) => ({
    identityId,
    resource: text("resource"),
    action: text("action"),
    level: text("level") as Level,
    environment: text("environment") as Environment | "",
  });
  const submitAdd = add.onSubmit(toAddInput);
  const onAdd = (event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const input = toAddInput(textOf(form));
    const scope = { ...input, environment: input.environment || null };
    const risks = confirmed.current ? [] : scopeRisks(scope);
    confirmed.current = false;
    if (risks.length === 0) return submitAdd(event);
    event.preventDefault();
    const proceed = () => {
      confirmed.current = true;
      form.requestSubmit();
    };
    setAsking({ ...scope, risks, proceed, undo: () => {} });
  };
  const onLevel = (e: EntitlementDto, select: HTMLSelectElement) => {
    const level = select.value as Level;
    const send = () => change.run({ entitlementId: e.id, level });
    // Only raising to admin asks (lowering a level never needs a second look).
    if (level !== "admin") return send();
    const scope = { ...e, level };
    setAsking({ ...scope, risks: scopeRisks(scope), proceed: send, undo: () => (select.value = e.level), control: select });
  };
  return (
    <div className="flex flex-col gap-3">
      {entitlements.length === 0 ? (
        <p className="text-sm text-slate-600">No scopes recorded.</p>
      ) : (
        <Table
          caption="Scopes of this identity"
          columns={["Resource", "Action", "Level", "Environment", "Last used", ...(canEdit ? [{ label: "Remove", hidden: true }] : [])]}
          framed={false}
          data-testid="scopes"
        >
          {entitlements.map((e) => (
            <tr key={e.id}>
              <Td className="font-mono text-xs">{e.resource}</Td>
              <Td className="font-mono text-xs">{e.action}</Td>
              <Td>
                {canEdit ? (
                  <Select
                    aria-label={`Level of ${e.action} on ${e.resource}`}
                    defaultValue={e.level}
                    disabled={change.pending}
                    onChange={(event) => onLevel(e, event.target)}
                  >
                    {/* An import may know a grant without its level: shown as it is until a person chooses one. */}
                    {e.level === "unknown" && (
                      <option value="unknown" disabled>
                        unknown
                      </option>
                    )}
                    {LEVELS.map((l) => (
                      <option key={l}>{l}</option>
                    ))}
                  </Select>
                ) : (
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${LEVEL_TONES[e.level]}`}>{e.level}</span>
                )}
              </Td>
              <Td>{e.environment ?? "any"}</Td>
              <Td className="text-xs">
                <ScopeUse e={e} now={now} />
              </Td>
              {canEdit && (
                <Td className="text-right">
                  <Button
                    variant="danger"
                    size="sm"
                    disabled={change.pending}
                    aria-label={`Remove ${e.action} on ${e.resource}`}
                    onClick={() => change.run({ entitlementId: e.id, level: null })}
                  >
                    Remove
                  </Button>
                </Td>
              )}
            </tr>
          ))}
        </Table>
      )}
      <FormStatus message={change.message} />
      {canEdit && (
        <form
          aria-label="Add a scope"
          className="flex flex-wrap items-start gap-3 border-t border-slate-200 pt-4"
          onSubmit={onAdd}
          noValidate
        >
          <Field label="Resource" error={add.errors.resource}>
            <Input name="resource" placeholder="e.g. s3://bucket" className="w-56" />
          </Field>
          <Field label="Action" error={add.errors.action}>
            <Input name="action" placeholder="e.g. s3:PutObject" className="w-44" />
          </Field>
          <Field label="Level" error={add.errors.level}>
            <Select name="level">
              {LEVELS.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </Select>
          </Field>
          <Field label="Environment" error={add.errors.environment}>
            <Select name="environment">
              <option value="">Any environment</option>
              {ENVIRONMENTS.map((e) => (
                <option key={e}>{e}</option>
              ))}
            </Select>
          </Field>
          <Button type="submit" variant="primary" pending={add.pending} className="mt-6">
            Add scope
          </Button>
          <FormStatus message={add.message} className="w-full" />
        </form>
      )}
      {asking && (
        <ConfirmScope
          scope={asking}
          returnFocus={asking.control}
          onConfirm={() => {
            setAsking(null);
            asking.proceed();
          }}
          onCancel={() => {
            setAsking(null);
            asking.undo();
          }}
        />
      )}
    </div>
  );
}
