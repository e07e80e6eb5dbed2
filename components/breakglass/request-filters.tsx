import Link from "next/link";
import { REQUEST_STATUSES } from "@/lib/domain/breakglass/elevation-state";
import { buttonClass } from "../ui/button";

export type RequestFilterValues = Partial<
  Record<"view" | "status" | "environment" | "emergency" | "afterAction" | "identityId" | "from" | "to", string>
>;

const SELECT =
  "h-9 rounded-md border border-slate-400 bg-white px-2 text-sm text-slate-900 focus:border-slate-700 focus:outline-none focus:ring-2 focus:ring-slate-400";

/**
 * The list's filters as a plain GET form, so every filtered view is a link (and works before any script
 * runs). The view stays what it was; the server validates every value and names a bad one.
 */
export function RequestFilters({ values, errors }: { values: RequestFilterValues; errors?: Record<string, string[]> }) {
  const field = (name: string, label: string, control: React.ReactNode) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`bg-${name}`} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      {control}
      {errors?.[name] && <span className="text-xs font-medium text-red-700">{errors[name].join(", ")}</span>}
    </div>
  );
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3" role="search">
      <input type="hidden" name="view" value={values.view ?? ""} />
      {values.identityId && <input type="hidden" name="identityId" value={values.identityId} />}
      {field(
        "status",
        "Status",
        <select id="bg-status" name="status" defaultValue={values.status ?? ""} className={SELECT}>
          <option value="">Any</option>
          {REQUEST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>,
      )}
      {field(
        "environment",
        "Environment",
        <select id="bg-environment" name="environment" defaultValue={values.environment ?? ""} className={SELECT}>
          <option value="">Any</option>
          <option value="production">production</option>
          <option value="non_production">non-production</option>
        </select>,
      )}
      {field(
        "emergency",
        "Path",
        <select id="bg-emergency" name="emergency" defaultValue={values.emergency ?? ""} className={SELECT}>
          <option value="">Any</option>
          <option value="true">emergency</option>
          <option value="false">approved first</option>
        </select>,
      )}
      {field(
        "afterAction",
        "After-action review",
        <select id="bg-afterAction" name="afterAction" defaultValue={values.afterAction ?? ""} className={SELECT}>
          <option value="">Any</option>
          <option value="open">not filed yet</option>
          <option value="filed">filed</option>
        </select>,
      )}
      {field("from", "Requested from", <input id="bg-from" type="date" name="from" defaultValue={values.from ?? ""} className={SELECT} />)}
      {field("to", "Requested to", <input id="bg-to" type="date" name="to" defaultValue={values.to ?? ""} className={SELECT} />)}
      <button type="submit" className={buttonClass({ variant: "primary" })}>
        Filter
      </button>
      <Link href={`/break-glass?view=${values.view ?? ""}`} className="text-sm underline underline-offset-2">
        Clear
      </Link>
    </form>
  );
}
