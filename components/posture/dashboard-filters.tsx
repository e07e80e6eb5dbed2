import Link from "next/link";
import type { PersonDto } from "@/lib/domain/registry/identity-dto";
import { buttonClass } from "../ui/button";

const SELECT =
  "h-9 rounded-md border border-slate-400 bg-white px-2 text-sm text-slate-900 focus:border-slate-700 focus:outline-none focus:ring-2 focus:ring-slate-400";

export type DashboardFilterValues = Partial<Record<"framework" | "team" | "platform" | "environment" | "owner", string>>;

/** The dashboard's filters as a GET form: every view is a link. */
export function DashboardFilters({
  values,
  options,
  people,
}: {
  values: DashboardFilterValues;
  options: { team: string[]; platform: string[]; environment: string[] };
  people: PersonDto[];
}) {
  const select = (name: "team" | "platform" | "environment", label: string) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`dash-${name}`} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      <select id={`dash-${name}`} name={name} defaultValue={values[name] ?? ""} className={SELECT}>
        <option value="">All</option>
        {options[name].map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form
      method="get"
      role="search"
      aria-label="Filter the posture"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 print:hidden"
    >
      <input type="hidden" name="framework" value={values.framework ?? ""} />
      {select("team", "Team")}
      {select("platform", "Platform")}
      {select("environment", "Environment")}
      <div className="flex flex-col gap-1">
        <label htmlFor="dash-owner" className="text-xs font-medium text-slate-700">
          Owner
        </label>
        <select id="dash-owner" name="owner" defaultValue={values.owner ?? ""} className={SELECT}>
          <option value="">Anyone</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass({ variant: "primary" })}>
        Filter
      </button>
      <Link href={`/dashboard?framework=${values.framework ?? ""}`} className="text-sm underline underline-offset-2">
        Clear
      </Link>
    </form>
  );
}
