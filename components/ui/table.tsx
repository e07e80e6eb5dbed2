import type { ComponentProps, ReactNode } from "react";

export type Column = string | { label: string; hidden?: boolean };

/**
 * A data table: header row from `columns`, a caption for screen readers (the heading above it is for the
 * eye), rows as children. `framed` draws its own card; inside a section that already is one, leave it off.
 */
export function Table({
  caption,
  columns,
  framed = true,
  children,
  ...props
}: { caption: string; columns: readonly Column[]; framed?: boolean; children: ReactNode } & Pick<ComponentProps<"table">, "id"> & {
    "data-testid"?: string;
  }) {
  // `relative`: the screen-reader-only text in cells is absolutely positioned; without a containing block here it
  // would be placed against the page and widen it (a phone would scroll sideways), not scroll with the table.
  return (
    <div className={`relative overflow-x-auto ${framed ? "rounded-lg border border-slate-200 bg-white" : ""}`}>
      <table className="min-w-full text-left text-sm" {...props}>
        <caption className="sr-only">{caption}</caption>
        <thead className={`text-xs uppercase text-slate-600 ${framed ? "bg-slate-100" : "border-b border-slate-200"}`}>
          <tr>
            {columns.map((column) => {
              const { label, hidden } = typeof column === "string" ? { label: column, hidden: false } : column;
              return (
                <th key={label} scope="col" className="px-3 py-2 font-medium">
                  <span className={hidden ? "sr-only" : undefined}>{label}</span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Td({ className = "", ...props }: ComponentProps<"td">) {
  return <td className={`px-3 py-2 align-top ${className}`} {...props} />;
}

/** The message in place of a table that has no rows. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">{children}</p>;
}
