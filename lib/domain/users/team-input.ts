import { z } from "zod";
import { safeText } from "../shared/safe-text";

export const TEAM_MAX = 100;

/**
 * A team name as people type it (a person's team, a break-glass policy row's approver team): trimmed, at most
 * 100 characters, blank meaning "no team" (null). Compared exactly, so "payments" and "Payments" are two teams.
 */
export const teamField = (field: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    safeText(field).trim().max(TEAM_MAX, `${field} must be at most ${TEAM_MAX} characters`).nullable(),
  );
