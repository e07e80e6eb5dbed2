// The access reviews' closed vocabularies: what a campaign may say, what a reviewer may decide, what becomes of
// an item. Client components import this file for their pickers (no server code here).

/** What a reviewer decides about an identity as a whole (per-scope revoke and reduce are SCOPE_DECISIONS). */
export const DECISIONS = ["certify", "keep_until", "rotate_by", "transfer", "suspend", "decommission", "dont_know"] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABELS: Record<Decision, string> = {
  certify: "Certify (keep)",
  keep_until: "Keep until a date",
  rotate_by: "Require rotation by a date",
  transfer: "Transfer ownership",
  suspend: "Suspend",
  decommission: "Decommission",
  dont_know: "Don't know (pass on)",
};

/** What a reviewer decides about one scope: keep it, revoke it, or reduce it (write to read, production to non-production). */
export const SCOPE_DECISIONS = ["keep", "revoke", "reduce"] as const;
export type ScopeDecision = (typeof SCOPE_DECISIONS)[number];

/** What an item nobody answered gets when the stage ends. Never delete. */
export const NON_RESPONSE_ACTIONS = ["keep_flag", "take_recommendations", "revoke_unused_risky", "suspend"] as const;
export type NonResponseAction = (typeof NON_RESPONSE_ACTIONS)[number];
export const NON_RESPONSE_LABELS: Record<NonResponseAction, string> = {
  keep_flag: "Keep and flag for follow-up (default)",
  take_recommendations: "Take the recommendations",
  revoke_unused_risky: "Revoke unused risky scopes",
  suspend: "Suspend the identity",
};

/** Which items a second stage (a security reviewer group) reviews after the first. */
export const SECOND_STAGE_ITEMS = ["none", "revoked", "kept_risky", "undecided", "all"] as const;
export type SecondStageItems = (typeof SECOND_STAGE_ITEMS)[number];
export const SECOND_STAGE_LABELS: Record<SecondStageItems, string> = {
  none: "No second stage",
  revoked: "Items with a revocation",
  kept_risky: "Risky items that were kept",
  undecided: "Items left undecided",
  all: "Every item",
};

export const APPLY_MODES = ["on_close", "as_decided"] as const;
export type ApplyMode = (typeof APPLY_MODES)[number];
export const APPLY_MODE_LABELS: Record<ApplyMode, string> = {
  on_close: "When the campaign closes",
  as_decided: "As each decision is made",
};

export const RECURRENCES = ["one_off", "monthly", "quarterly", "half_yearly", "yearly", "cron"] as const;
export type Recurrence = (typeof RECURRENCES)[number];
export const RECURRENCE_LABELS: Record<Recurrence, string> = {
  one_off: "Once",
  monthly: "Monthly",
  quarterly: "Quarterly",
  half_yearly: "Every six months",
  yearly: "Yearly",
  cron: "Cron expression",
};
/** The shortest interval of each recurrence, in days: each run must end before the next begins. */
export const RECURRENCE_MIN_DAYS: Record<Exclude<Recurrence, "one_off" | "cron">, number> = {
  monthly: 28,
  quarterly: 89,
  half_yearly: 181,
  yearly: 365,
};

/** What makes an item risky at launch; keeping risky access needs a reason. */
export const RISKS = [
  "privileged_production",
  "wildcard",
  "unused",
  "expired",
  "never_expires",
  "not_rotated",
  "third_party",
  "human_use",
  "findings",
] as const;
export type Risk = (typeof RISKS)[number];
export const RISK_LABELS: Record<Risk, string> = {
  privileged_production: "Admin or write in production",
  wildcard: "Wildcard scope",
  unused: "Unused",
  expired: "Expired credential still active",
  never_expires: "Credential never expires",
  not_rotated: "Not rotated",
  third_party: "Third party",
  human_use: "Used by a person",
  findings: "Open findings",
};

export const RECOMMENDATIONS = ["keep", "revoke", "reduce", "shorten", "rotate", "decommission"] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** The rungs of the reviewer rule, in order; an inactive or missing person skips to the next. */
export const REVIEWER_RUNGS = ["owner", "backup_owner", "fallback", "campaign_owner", "none"] as const;
export type ReviewerRung = (typeof REVIEWER_RUNGS)[number] | "reassigned" | "escalated" | "second_stage";

export const REMEDIATION_STATUSES = ["open", "done", "failed", "not_needed"] as const;
export type RemediationStatus = (typeof REMEDIATION_STATUSES)[number];

/** What happens on the events that start a one-identity review. */
export const TRIGGERS = ["owner_deactivated", "privileged_scope_added", "agent_registered"] as const;
export type Trigger = (typeof TRIGGERS)[number];
export const TRIGGER_LABELS: Record<Trigger, string> = {
  owner_deactivated: "An owner is deactivated",
  privileged_scope_added: "An admin or write scope is added in production",
  agent_registered: "An AI agent is registered",
};

export const RUN_STATUSES = ["open", "closing", "closed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The thresholds the launch judges risk and recommendations by (the registry's own warnings use the same). */
export const UNUSED_DAYS = 90;
export const ROTATION_DAYS = 90;
