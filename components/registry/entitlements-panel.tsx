"use client";

import { useRef } from "react";
import { addEntitlementAction, changeEntitlementAction } from "@/app/(console)/registry/actions";
import type { EntitlementDto } from "@/lib/domain/registry/identity-dto";
import { ENVIRONMENTS, LEVELS } from "@/lib/domain/registry/vocabulary";
import { FormMessage } from "./form-message";
import { useActionForm } from "./use-action-form";

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
const LEVEL_TONES = { read: "bg-slate-100", write: "bg-amber-100 text-amber-900", admin: "bg-red-100 text-red-900" } as const;

/** The identity's scopes; owners and admins add, change and remove them (the server checks who). */
export function EntitlementsPanel({ identityId, entitlements, canEdit }: { identityId: string; entitlements: EntitlementDto[]; canEdit: boolean }) {
  const form = useRef<HTMLFormElement>(null);
  const add = useActionForm();
  const change = useActionForm();
  return (
    <div className="flex flex-col gap-3">
      {entitlements.length === 0 ? (
        <p className="text-sm text-slate-600">No scopes recorded.</p>
      ) : (
        <table className="min-w-full text-left text-sm" data-testid="entitlements">
          <thead className="text-xs uppercase text-slate-500">
            <tr><th className="py-1">Resource</th><th>Action</th><th>Level</th><th>Environment</th>{canEdit && <th />}</tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entitlements.map((e) => (
              <tr key={e.id}>
                <td className="py-1.5 font-mono text-xs">{e.resource}</td>
                <td className="font-mono text-xs">{e.action}</td>
                <td>
                  {canEdit ? (
                    <select
                      aria-label={`Level of ${e.action} on ${e.resource}`}
                      defaultValue={e.level}
                      className={`${input} py-0.5`}
                      onChange={(ev) => change.run(() => changeEntitlementAction({ identityId, entitlementId: e.id, level: ev.target.value }), "Scope level changed.")}
                    >
                      {LEVELS.map((l) => <option key={l}>{l}</option>)}
                    </select>
                  ) : (
                    <span className={`rounded px-2 py-0.5 text-xs font-medium ${LEVEL_TONES[e.level]}`}>{e.level}</span>
                  )}
                </td>
                <td>{e.environment ?? "any"}</td>
                {canEdit && (
                  <td className="text-right">
                    <button type="button" className="text-xs text-red-700 underline" onClick={() => change.run(() => changeEntitlementAction({ identityId, entitlementId: e.id, level: null }), "Scope removed.")}>
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormMessage message={change.message} />
      {canEdit && (
        <form
          ref={form}
          aria-label="Add a scope"
          className="flex flex-wrap items-end gap-2 border-t border-slate-100 pt-3"
          onSubmit={(event) => {
            event.preventDefault();
            const v = Object.fromEntries(new FormData(event.currentTarget));
            add.run(() => addEntitlementAction({ ...v, identityId }), "Scope added.", () => form.current?.reset());
          }}
        >
          <input name="resource" placeholder="Resource (e.g. s3://bucket)" aria-label="Resource" className={`${input} w-56`} />
          <input name="action" placeholder="Action (e.g. s3:PutObject)" aria-label="Action" className={`${input} w-44`} />
          <select name="level" aria-label="Level" className={input}>{LEVELS.map((l) => <option key={l}>{l}</option>)}</select>
          <select name="environment" aria-label="Scope environment" className={input}>
            <option value="">Any environment</option>
            {ENVIRONMENTS.map((e) => <option key={e}>{e}</option>)}
          </select>
          <button type="submit" disabled={add.pending} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">Add scope</button>
          <div className="w-full"><FormMessage message={add.message} /></div>
          {Object.entries(add.errors).map(([field, messages]) => <p key={field} className="w-full text-xs text-red-700">{messages.join(", ")}</p>)}
        </form>
      )}
    </div>
  );
}
