"use client";

import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

type Selection = {
  selected: ReadonlySet<string>;
  toggle: (id: string, on: boolean) => void;
  setMany: (ids: readonly string[], on: boolean) => void;
  clear: () => void;
};

const SelectionContext = createContext<Selection | null>(null);

/** The rows a person ticked in the registry list, shared by the table's checkboxes and the bulk bar. */
export function BulkSelectionProvider({ children }: { children: ReactNode }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const setMany = useCallback((ids: readonly string[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const value = useMemo<Selection>(
    () => ({ selected, setMany, toggle: (id, on) => setMany([id], on), clear: () => setSelected(new Set()) }),
    [selected, setMany],
  );
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export const useBulkSelection = () => useContext(SelectionContext);

/** One row's checkbox, named by the identity (a screen reader hears "Select ci-deployer"). */
export function RowCheckbox({ id, name }: { id: string; name: string }) {
  const selection = useBulkSelection();
  if (!selection) return null;
  return (
    <input
      type="checkbox"
      className="h-4 w-4 accent-slate-900"
      aria-label={`Select ${name}`}
      checked={selection.selected.has(id)}
      onChange={(e) => selection.toggle(id, e.target.checked)}
    />
  );
}
