import { z } from "zod";

// Input pieces the campaign and progress reads share: a page number and optional choices from a closed list,
// both as they travel in a URL ("" is absent).

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const pageField = z.preprocess(
  blank,
  z.coerce
    .number({ error: "page must be a number" })
    .int("page must be a whole number")
    .min(1, "page must be 1 or more")
    .max(1_000_000, "page must be at most 1000000")
    .default(1),
);

export const optionalOneOf = <const T extends readonly [string, ...string[]]>(field: string, values: T) =>
  z.preprocess(blank, z.enum(values, { error: `${field} must be one of ${values.join(", ")}` }).optional());

export const optionalUuid = (field: string, what: string) => z.preprocess(blank, z.uuid(`${field} must be ${what}`).optional());
