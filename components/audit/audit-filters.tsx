export type AuditFilterValues = { actor?: string; action?: string; target?: string; outcome?: string; from?: string; to?: string };

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** A plain GET form: the filters live in the URL, so a view can be bookmarked and shared as evidence. */
export function AuditFilters({ values, actions }: { values: AuditFilterValues; actions: string[] }) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Filter the audit log">
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Actor (email)
        <input name="actor" defaultValue={values.actor} className={input} placeholder="someone@example.com" />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Action
        <select name="action" defaultValue={values.action ?? ""} className={input}>
          <option value="">Any</option>
          {actions.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Target (id or name)
        <input name="target" defaultValue={values.target} className={input} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Outcome
        <select name="outcome" defaultValue={values.outcome ?? ""} className={input}>
          <option value="">Any</option>
          <option value="allowed">allowed</option>
          <option value="denied">denied</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        From (UTC)
        <input name="from" type="datetime-local" defaultValue={values.from} className={input} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        To (UTC)
        <input name="to" type="datetime-local" defaultValue={values.to} className={input} />
      </label>
      <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">
        Apply
      </button>
      <a href="?" className="px-2 py-1.5 text-sm text-slate-600 underline">
        Clear
      </a>
    </form>
  );
}
