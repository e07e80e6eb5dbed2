import { z } from "zod";

// Input primitives every schema builds on. They are strict on purpose: a lenient parser turns a typo into a
// wrong fact ("12" was once read as 2001-12-01, "2026-02-30" as 2026-03-02), and text the database cannot
// store (NUL, half a surrogate pair) must be the caller's 400, not the server's 500.

const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text the database can store: refuses NUL bytes and broken UTF-16, naming the field. */
export const storableText = (field: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? `${field} is required` : `${field} must be text`) })
    .superRefine((value, ctx) => {
      if (NUL.test(value)) ctx.addIssue({ code: "custom", message: `${field} contains a NUL character` });
      else if (LONE_SURROGATE.test(value))
        ctx.addIssue({ code: "custom", message: `${field} contains an invalid character (a broken surrogate pair)` });
    });

/** The years a date may fall in: wide enough for any credential, narrow enough for every database. */
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
const inRange = (date: Date) => date.getUTCFullYear() >= MIN_YEAR && date.getUTCFullYear() <= MAX_YEAR;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * An ISO 8601 calendar date (midnight UTC) or date-time (UTC unless an offset is given), checked against
 * the calendar: 2026-02-30 and "12" are refused. Returns null for null; use with `.optional()` for absent.
 */
export function parseIsoDate(value: string): Date | null {
  const dateOnly = DATE.exec(value);
  const match = dateOnly ?? DATE_TIME.exec(value);
  if (!match) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (year < MIN_YEAR || year > MAX_YEAR || hour > 23 || minute > 59 || second > 59) return null;
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : match[8] ? value : `${value}Z`);
  // The range holds for the instant, not the digits: 9999-12-31T23:59-23:59 is in the year 10000 in UTC.
  return Number.isNaN(date.getTime()) || !inRange(date) ? null : date;
}

/** A date or date-time field; blank, null or absent means "not known" (null). */
export const optionalIsoDate = (field: string) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z
      .union([z.date(), z.string(), z.null()], { error: `${field} must be a date (2026-01-31) or date-time (2026-01-31T09:30:00Z)` })
      .transform((v, ctx) => {
        if (v === null) return null;
        const date = v instanceof Date ? (Number.isNaN(v.getTime()) || !inRange(v) ? null : v) : parseIsoDate(v.trim());
        if (date) return date;
        ctx.addIssue({
          code: "custom",
          message: `${field} must be a date (2026-01-31) or date-time (2026-01-31T09:30:00Z) in ISO 8601, that exists on the calendar, between ${MIN_YEAR} and ${MAX_YEAR}`,
        });
        return z.NEVER;
      }),
  );

/** A filter's date bound: like optionalIsoDate, but absent stays undefined (no bound). */
export const isoDateBound = (field: string) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), optionalIsoDate(field).optional());

/** Escapes LIKE wildcards so that `%` and `_` typed into a search match themselves. */
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
