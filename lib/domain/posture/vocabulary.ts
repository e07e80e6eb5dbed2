import type { PostureThresholds } from "./checks";

// The posture policy's thresholds as people read and set them (the form and the read-only table share these).

export const THRESHOLD_FIELDS = [
  "rotationMaxDays",
  "unusedMaxDays",
  "lifetimeMaxDays",
  "expiringWithinDays",
  "reviewMaxDays",
  "newIdentityGraceDays",
] as const satisfies readonly (keyof PostureThresholds)[];

export const THRESHOLD_LABELS: Record<(typeof THRESHOLD_FIELDS)[number], string> = {
  rotationMaxDays: "Rotate credentials within (days)",
  unusedMaxDays: "Unused after (days)",
  lifetimeMaxDays: "Longest credential lifetime (days)",
  expiringWithinDays: "Expiring soon within (days)",
  reviewMaxDays: "Review every identity within (days)",
  newIdentityGraceDays: "Judge new identities after (days)",
};
