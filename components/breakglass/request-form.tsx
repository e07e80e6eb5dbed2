"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { requestElevationAction } from "@/app/(console)/break-glass/actions";
import type { PolicyRowDto } from "@/lib/domain/breakglass/list-policy";
import type { ElevatedScope } from "@/lib/domain/breakglass/request-input";
import { ENVIRONMENTS, LEVELS } from "@/lib/domain/registry/vocabulary";
import { fromLocalInput, LocalDateTimeInput } from "../registry/local-date-time";
import { Button } from "../ui/button";
import { Checkbox, Input, Select, Textarea } from "../ui/controls";
import { Field, Fieldset } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

type Row = ElevatedScope & { key: number };
type Standing = { resource: string; action: string; level: string; environment: string | null };

const DURATIONS = [15, 30, 60, 120, 240, 480, 720, 1440, 2880, 10080];
const durationWords = (m: number) =>
  m < 60
    ? `${m} minutes`
    : m % 1440 === 0
      ? `${m / 1440} day${m === 1440 ? "" : "s"}`
      : m % 60 === 0
        ? `${m / 60} hour${m === 60 ? "" : "s"}`
        : `${m} minutes`;
const RANK = { read: 0, write: 1, admin: 2 } as const;

/** The policy row the server will apply: the strictest (production first, then level) of the scopes. */
function applicableRow(rows: readonly PolicyRowDto[], scopes: readonly ElevatedScope[]): PolicyRowDto | undefined {
  let best: { environment: string; level: ElevatedScope["level"] } = { environment: "non_production", level: "read" };
  const rank = (c: typeof best) => (c.environment === "production" ? 10 : 0) + RANK[c.level];
  for (const s of scopes) {
    const c = { environment: s.environment === "production" ? "production" : "non_production", level: s.level };
    if (rank(c) > rank(best)) best = c;
  }
  return rows.find((r) => r.environment === best.environment && r.level === best.level);
}

/**
 * Asks for an elevation of one identity. Scopes start from what it holds (choose one to raise it) or are typed;
 * the server picks the policy row from the strictest scope and names any limit the request breaks.
 */
export function RequestForm({
  identity,
  standing,
  policy,
  extending,
}: {
  identity: { id: string; name: string; environment: string };
  standing: Standing[];
  /** The policy rows: the form shows the limits of the one its scopes fall under, as the server will judge. */
  policy: PolicyRowDto[];
  /** An extension of this live grant: its scopes, approved by someone else again (never the emergency path). */
  extending?: { id: string; scopes: ElevatedScope[]; expiresAt: string };
}) {
  const router = useRouter();
  const environment = (ENVIRONMENTS as readonly string[]).includes(identity.environment)
    ? (identity.environment as ElevatedScope["environment"])
    : "production";
  const [rows, setRows] = useState<Row[]>(
    extending
      ? extending.scopes.map((scope, key) => ({ key, ...scope }))
      : [{ key: 0, resource: "", action: "", level: "write", environment }],
  );
  const rule = applicableRow(policy, rows);
  const durations = DURATIONS.filter((m) => !rule || m <= rule.maxDurationMinutes);
  const [duration, setDuration] = useState("60");
  const chosen = durations.includes(Number(duration)) ? duration : String(durations.at(-1) ?? 60);
  const emergencyPossible = !extending && !!rule?.emergencyAllowed;
  // An extension starts, by default, when the grant it continues ends.
  const [startLater, setStartLater] = useState(!!extending);
  const form = useActionForm(requestElevationAction, { onSuccess: (data) => router.push(`/break-glass/${data.id}`) });
  const update = (key: number, patch: Partial<ElevatedScope>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = (scope?: Partial<ElevatedScope>) =>
    setRows((rs) => {
      const key = Math.max(...rs.map((r) => r.key)) + 1;
      const blank = rs.length === 1 && !rs[0]!.resource && !rs[0]!.action;
      const row = { key, resource: "", action: "", level: "write" as const, environment, ...scope };
      return blank ? [row] : [...rs, row];
    });
  return (
    <form
      className="flex flex-col gap-5"
      aria-label="Request an elevation"
      onSubmit={form.onSubmit((text, data) => ({
        identityId: identity.id,
        extendsRequestId: extending?.id ?? "",
        scopes: rows.map(({ key: _key, ...s }) => s),
        reason: text("reason"),
        ticket: text("ticket"),
        durationMinutes: text("durationMinutes"),
        startAt: startLater ? fromLocalInput(text("startAt")) : "",
        emergency: emergencyPossible && data.get("emergency") === "on",
      }))}
    >
      <Fieldset legend="Elevated scopes" error={form.errors.scopes}>
        <div className="w-full">
          {extending && (
            <p className="mb-2 text-sm text-slate-700">
              Extending the elevation that ends {extending.expiresAt.replace("T", " ").slice(0, 16)} UTC: the same scopes (or fewer, or
              lower), linked to it.
            </p>
          )}
          {!extending && standing.length > 0 && (
            <div className="mb-2 text-sm">
              <span className="text-slate-700">Raise one it holds: </span>
              <span className="inline-flex flex-wrap gap-1">
                {standing.slice(0, 12).map((s) => (
                  <button
                    key={`${s.resource}|${s.action}|${s.environment}`}
                    type="button"
                    className="rounded border border-slate-400 px-1.5 py-0.5 font-mono text-xs hover:bg-slate-100"
                    onClick={() =>
                      add({
                        resource: s.resource,
                        action: s.action,
                        level: s.level === "read" ? "write" : "admin",
                        environment: ((ENVIRONMENTS as readonly string[]).includes(s.environment ?? "")
                          ? s.environment
                          : environment) as ElevatedScope["environment"],
                      })
                    }
                  >
                    {s.resource}:{s.action}
                  </button>
                ))}
              </span>
            </div>
          )}
          <div className="flex flex-col gap-2">
            {rows.map((row, i) => (
              <div key={row.key} className="flex flex-wrap items-end gap-2" data-testid="scope-row">
                <Field label={`Resource ${i + 1}`}>
                  <Input
                    value={row.resource}
                    onChange={(e) => update(row.key, { resource: e.target.value })}
                    required
                    maxLength={200}
                    className="w-56"
                  />
                </Field>
                <Field label={`Action ${i + 1}`}>
                  <Input
                    value={row.action}
                    onChange={(e) => update(row.key, { action: e.target.value })}
                    required
                    maxLength={100}
                    className="w-40"
                  />
                </Field>
                <Field label={`Level ${i + 1}`}>
                  <Select value={row.level} onChange={(e) => update(row.key, { level: e.target.value as ElevatedScope["level"] })}>
                    {LEVELS.map((l) => (
                      <option key={l}>{l}</option>
                    ))}
                  </Select>
                </Field>
                <Field label={`Environment ${i + 1}`}>
                  <Select
                    value={row.environment}
                    onChange={(e) => update(row.key, { environment: e.target.value as ElevatedScope["environment"] })}
                  >
                    {ENVIRONMENTS.map((env) => (
                      <option key={env}>{env}</option>
                    ))}
                  </Select>
                </Field>
                {rows.length > 1 && (
                  <Button size="sm" onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}>
                    Remove scope {i + 1}
                  </Button>
                )}
              </div>
            ))}
          </div>
          <div className="mt-2">
            <Button size="sm" onClick={() => add()}>
              Add a scope
            </Button>
          </div>
        </div>
      </Fieldset>
      <Field label="Reason" hint="What you must do, and why it cannot wait for a normal change." error={form.errors.reason}>
        <Textarea name="reason" rows={3} required minLength={3} maxLength={1000} />
      </Field>
      <div className="flex flex-wrap gap-4">
        <Field
          label={rule?.ticketPattern ? "Ticket" : "Ticket (optional)"}
          hint={
            rule?.ticketPattern ? (
              <>
                Required for {rule.level} in {rule.environment.replace("_", "-")}: it must match <code>{rule.ticketPattern}</code>
              </>
            ) : (
              "The incident or change reference."
            )
          }
          error={form.errors.ticket}
        >
          <Input name="ticket" maxLength={200} className="w-56" />
        </Field>
        <Field
          label="Duration"
          hint={
            rule
              ? `At most ${durationWords(rule.maxDurationMinutes)} for ${rule.level} in ${rule.environment.replace("_", "-")}.`
              : undefined
          }
          error={form.errors.durationMinutes}
        >
          <Select name="durationMinutes" value={chosen} onChange={(e) => setDuration(e.target.value)}>
            {durations.map((m) => (
              <option key={m} value={m}>
                {durationWords(m)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Fieldset legend="Start" error={form.errors.startAt}>
        <div className="flex flex-wrap items-center gap-4">
          <label className="flex items-center gap-1.5 text-sm">
            <input type="radio" name="startMode" checked={!startLater} onChange={() => setStartLater(false)} className="accent-slate-900" />
            As soon as it is approved
          </label>
          <label className="flex items-center gap-1.5 text-sm">
            <input type="radio" name="startMode" checked={startLater} onChange={() => setStartLater(true)} className="accent-slate-900" />
            At a set time
          </label>
          {startLater && (
            <Field label="Start at (your time zone)">
              <LocalDateTimeInput name="startAt" iso={extending?.expiresAt ?? null} />
            </Field>
          )}
        </div>
      </Fieldset>
      <div>
        {emergencyPossible ? (
          <Checkbox name="emergency" label="Emergency: activate at once, before approval (an after-action review by an approver follows)" />
        ) : (
          <p className="text-sm text-slate-700">
            {extending
              ? "An extension is approved by someone else; the emergency path is for the first elevation only."
              : `No emergency path for ${rule ? `${rule.level} in ${rule.environment.replace("_", "-")}` : "these scopes"}: it waits for approval.`}
          </p>
        )}
        {form.errors.emergency && <p className="text-xs font-medium text-red-700">{form.errors.emergency.join(", ")}</p>}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" pending={form.pending} pendingLabel="Filing…">
          {extending ? `Request an extension for ${identity.name}` : `Request elevation of ${identity.name}`}
        </Button>
      </div>
      <FormStatus message={form.message} />
    </form>
  );
}
