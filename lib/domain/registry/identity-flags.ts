// Findings an expert reading of a source records on an identity (Identity.flags). Imports set them; the
// list filters on them and the identity page explains them. Each says why it matters, with the benchmark
// that names it where there is one.

export const FLAGS = {
  "root-account": {
    label: "AWS root account",
    severity: "critical",
    why: "the root user holds an access key: anyone with it controls the whole account (CIS AWS 1.4: no root access keys)",
  },
  "default-service-account": {
    label: "Default service account",
    severity: "warning",
    why: "workloads run as the namespace's default service account instead of one of their own (CIS Kubernetes 5.1.5)",
  },
  "automount-token": {
    label: "Token mounted automatically",
    severity: "warning",
    why: "every pod using this service account gets an API token whether it needs one or not (CIS Kubernetes 5.1.6)",
  },
  "high-risk-permission": {
    label: "High-risk permission",
    severity: "high",
    why: "it may administer repositories, change workflows, read secrets or write organization-wide",
  },
  "offboarding-candidate": {
    label: "Offboarding candidate",
    severity: "warning",
    why: "the source lists it with no credential at all: nothing uses it, so it may be removed",
  },
} as const satisfies Record<string, { label: string; severity: "critical" | "high" | "warning"; why: string }>;

export type Flag = keyof typeof FLAGS;
export const FLAG_NAMES = Object.keys(FLAGS) as Flag[];
export const isFlag = (name: string): name is Flag => name in FLAGS;
