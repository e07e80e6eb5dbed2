const LIMIT = 80;

type Row = { field: string; before: unknown; after: unknown };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields an event changed. Events store the changed fields of the target before and after
 * (a creation only after, a removal only before); anything else is shown as one value.
 */
export function changedFields(before: unknown, after: unknown): Row[] {
  if ((before == null || isRecord(before)) && (after == null || isRecord(after))) {
    const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    return fields.map((field) => ({ field, before: before?.[field], after: after?.[field] })).filter((r) => !same(r.before, r.after));
  }
  return same(before, after) ? [] : [{ field: "value", before, after }];
}

/** A value as a person reads it: nothing is "—", lists are joined, nested objects stay compact JSON. */
export function readable(value: unknown): string {
  if (value == null || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map(readable).join(", ") : "—";
  if (isRecord(value)) return JSON.stringify(value);
  return String(value);
}

/** Long values are cut to keep the table readable; the whole value is one click away. */
function Value({ value }: { value: unknown }) {
  const text = readable(value);
  if (text.length <= LIMIT) return <span className="[overflow-wrap:anywhere]">{text}</span>;
  return (
    <details className="inline">
      <summary className="cursor-pointer [overflow-wrap:anywhere]">{`${text.slice(0, LIMIT)}…`}</summary>
      <span className="block whitespace-pre-wrap break-all">{text}</span>
    </details>
  );
}

/** What an audit event changed: each field with its value before → after. */
export function ChangeDiff({ before, after }: { before: unknown; after: unknown }) {
  if (before == null && after == null) return <span className="text-slate-600">—</span>;
  const rows = changedFields(before, after);
  if (rows.length === 0) return <span className="text-slate-600">No field changed</span>;
  const created = before == null;
  return (
    <dl className="grid min-w-56 max-w-md grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs" data-testid="change-diff">
      {rows.map((row) => (
        <div key={row.field} className="contents">
          <dt className="font-mono text-slate-600">{row.field}</dt>
          <dd>
            {!created && (
              <>
                <span className="text-slate-600">
                  <Value value={row.before} />
                </span>
                <span aria-hidden="true"> → </span>
                <span className="sr-only"> changed to </span>
              </>
            )}
            <Value value={row.after} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
