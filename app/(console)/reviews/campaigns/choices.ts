import type { CampaignChoices } from "@/components/reviews/campaign-form";
import { FLAG_NAMES, FLAGS } from "@/lib/domain/registry/identity-flags";
import { CREDENTIAL_TYPE_LABELS, CREDENTIAL_TYPES, ENVIRONMENTS, KIND_LABELS, KINDS, STATUSES } from "@/lib/domain/registry/vocabulary";
import {
  APPLY_MODE_LABELS,
  APPLY_MODES,
  NON_RESPONSE_ACTIONS,
  NON_RESPONSE_LABELS,
  type NonResponseAction,
  RECURRENCE_LABELS,
  RECURRENCES,
  SECOND_STAGE_ITEMS,
  SECOND_STAGE_LABELS,
} from "@/lib/domain/reviews/vocabulary";

/** What each non-response action does, said before the admin picks it (the preview then counts it). */
export const NON_RESPONSE_EXPLANATIONS: Record<NonResponseAction, string> = {
  keep_flag: "Nothing is removed. Unanswered identities keep their access and are flagged as not reviewed, for a follow-up.",
  take_recommendations:
    "Each unanswered identity gets what the review recommended (revoke unused scopes, shorten a never-expiring credential…); identities recommended to keep are kept.",
  revoke_unused_risky:
    "Admin or write scopes in production and wildcard scopes of identities unused for 90 days are revoked: staged in the console, with a remediation task for the system that holds them.",
  suspend: "Every unanswered identity is suspended in the console (never deleted), with a remediation task; an admin can roll it back.",
};

const pairs = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((v) => [v, labels[v]] as [string, string]);

/** What the campaign form offers, from the domain's vocabularies (client components receive them as props). */
export const CAMPAIGN_CHOICES: CampaignChoices = {
  environments: ENVIRONMENTS.map((e) => [e, e] as [string, string]),
  kinds: pairs(KINDS, KIND_LABELS),
  statuses: STATUSES.map((s) => [s, s] as [string, string]),
  credentialTypes: pairs(CREDENTIAL_TYPES, CREDENTIAL_TYPE_LABELS),
  flags: FLAG_NAMES.map((f) => [f, FLAGS[f].label] as [string, string]),
  nonResponse: NON_RESPONSE_ACTIONS.map((v) => ({ value: v, label: NON_RESPONSE_LABELS[v], explanation: NON_RESPONSE_EXPLANATIONS[v] })),
  applyModes: pairs(APPLY_MODES, APPLY_MODE_LABELS),
  recurrences: pairs(RECURRENCES, RECURRENCE_LABELS),
  secondStageItems: pairs(SECOND_STAGE_ITEMS, SECOND_STAGE_LABELS),
};
