"use client";

import { useEffect, useRef, useState } from "react";
import { Input } from "../ui/controls";

/** An instant (ISO) as a datetime-local value in this browser's time zone, to the second; "" when unknown. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}

/** A datetime-local value (this browser's time zone) as an instant (ISO); "" stays "" (not known). */
export function fromLocalInput(value: string): string {
  return value ? new Date(value).toISOString() : "";
}

/**
 * A date-time field shown in the person's own time zone. The server renders it empty and the browser fills
 * it in: only the browser knows the zone, and a value rendered in the server's zone would be wrong.
 */
export function LocalDateTimeInput({ name, iso }: { name: string; iso: string | null | undefined }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.value = toLocalInput(iso);
  }, [iso]);
  return <Input ref={ref} type="datetime-local" step={1} name={name} defaultValue="" />;
}

/** The person's time zone, named once on the form (filled in by the browser, for the same reason). */
export function TimeZoneNote() {
  const [zone, setZone] = useState("");
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  return <span>{zone ? `Dates and times are in your time zone (${zone}).` : "Dates and times are in your time zone."}</span>;
}
