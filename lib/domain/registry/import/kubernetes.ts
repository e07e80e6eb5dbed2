import { type FormatReader, type ImportCredential, type SourceEntry, objectItem } from "./import-row";
import { readJsonItems } from "./read-json";

// `kubectl get serviceaccounts -A -o json`: a List of ServiceAccount objects, read as a Kubernetes expert
// would:
// - Only ServiceAccount items are identities; anything else a List may hold (a ConfigMap, a Secret) is
//   skipped with that reason.
// - Workload identity annotations bind the service account to a cloud identity: EKS (IAM roles for service
//   accounts) `eks.amazonaws.com/role-arn`, GKE `iam.gke.io/gcp-service-account`, Azure
//   `azure.workload.identity/client-id`. Each becomes a federated credential naming that cloud identity,
//   which the import links to the cloud identity's own registry entry when there is one.
// - Pods get short-lived projected tokens (issued per pod, expiring within hours): one "projected token"
//   credential. Legacy token Secrets (`<name>-token-xxxxx`, created before Kubernetes 1.24) never expire:
//   each is a static secret of its own.
// - Kubernetes does not report when a service account was used: usage is "unknown", never "never used".
// - Findings: the namespace's `default` service account in use (CIS Kubernetes 5.1.5), and a token mounted
//   automatically into every pod (`automountServiceAccountToken` absent means true; CIS 5.1.6).
// Owners come from an `owner` (or `nhi.owner`) annotation holding an email; the rest stay ownerless,
// visibly so. Labels and annotations go to the AI-agent rules.

type ServiceAccount = {
  kind?: unknown;
  metadata?: {
    name?: unknown;
    namespace?: unknown;
    creationTimestamp?: unknown;
    labels?: unknown;
    annotations?: unknown;
  };
  automountServiceAccountToken?: unknown;
  secrets?: unknown;
};

/** Workload identity annotations, per cloud: the annotation and what its value names. */
export const WORKLOAD_IDENTITY_ANNOTATIONS = [
  { annotation: "eks.amazonaws.com/role-arn", cloud: "AWS" },
  { annotation: "iam.gke.io/gcp-service-account", cloud: "GCP" },
  { annotation: "azure.workload.identity/client-id", cloud: "Azure" },
] as const;

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** A map of strings (labels, annotations); anything else in it is left out. */
function stringMap(v: unknown): Record<string, string> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"));
}

const article = (kind: string) => (/^[AEIOU]/.test(kind) ? "an" : "a");

function credentialsOf(sa: ServiceAccount, name: string, created: string | null, annotations: Record<string, string>): ImportCredential[] {
  const bindings = WORKLOAD_IDENTITY_ANNOTATIONS.flatMap(({ annotation, cloud }) => {
    const target = text(annotations[annotation]);
    return target ? [{ cloud, target }] : [];
  });
  const federated: ImportCredential[] = bindings.map(({ cloud, target }) => ({
    // One binding is "workload identity"; the rare account bound in several clouds names each.
    handle: bindings.length === 1 ? "workload identity" : `workload identity (${cloud})`,
    type: "federated",
    federatedWith: target,
    issuedAt: created,
    usage: "unknown",
  }));
  const projected: ImportCredential = { handle: "projected token", type: "short_lived_token", issuedAt: created, usage: "unknown" };
  // Token Secrets Kubernetes created for the account before 1.24 are listed under `secrets` by name.
  const legacy: ImportCredential[] = (Array.isArray(sa.secrets) ? sa.secrets : [])
    .map((s) => text((s as { name?: unknown } | null)?.name))
    .filter((s): s is string => !!s && s.startsWith(`${name}-token-`))
    .map((secret) => ({ handle: `token secret ${secret}`, type: "static_secret", expiresAt: null, usage: "unknown" }));
  return [...federated, projected, ...legacy];
}

export const readKubernetes: FormatReader = async function* (text_, options): AsyncGenerator<SourceEntry> {
  const cluster = options.cluster?.trim();
  const items = readJsonItems(text_, {
    rootArray: false,
    key: "items",
    expected: "Expected the output of `kubectl get serviceaccounts -A -o json` (a List with items).",
  });
  for await (const { item, value } of items) {
    const sa = objectItem(item, value, "a ServiceAccount") as ServiceAccount;
    const meta = typeof sa.metadata === "object" && sa.metadata !== null ? sa.metadata : {};
    const name = text(meta.name);
    const namespace = text(meta.namespace);
    const label = name ? (namespace ? `${namespace}/${name}` : name) : `item ${item}`;
    // kubectl writes each item's kind; an item without one is taken for what the command lists.
    const kind = sa.kind === undefined ? "ServiceAccount" : String(sa.kind);
    if (kind !== "ServiceAccount") {
      yield { row: item, name: label, reason: `${article(kind)} ${kind}, not a ServiceAccount` };
      continue;
    }
    if (!name || !namespace) {
      yield { row: item, name: label, reason: "a ServiceAccount without metadata.name and metadata.namespace cannot be identified" };
      continue;
    }
    const labels = stringMap(meta.labels);
    const annotations = stringMap(meta.annotations);
    const purpose = text(annotations["nhi.purpose"]) ?? text(annotations.description);
    const owner = text(annotations["nhi.owner"]) ?? text(annotations.owner);
    const created = text(meta.creationTimestamp) ?? null;
    const flags = [
      ...(name === "default" ? ["default-service-account"] : []),
      ...(sa.automountServiceAccountToken === false ? [] : ["automount-token"]),
    ];
    yield {
      row: item,
      ownerEmail: owner,
      createOnly: ["environment", ...(purpose ? [] : ["purpose"])],
      credentials: credentialsOf(sa, name, created, annotations),
      flags,
      humanUse: false,
      // Without the cluster the source is still one (this file's cluster), just unnamed.
      source: cluster ? `kubernetes:${cluster}` : "kubernetes",
      signals: { labels, annotations },
      fields: {
        name: `${namespace}/${name}`,
        kind: "service_account",
        platform: "kubernetes",
        externalId: `${cluster ? `${cluster}/` : ""}system:serviceaccount:${namespace}:${name}`,
        environment: options.environment,
        purpose: purpose ?? "Imported from Kubernetes; purpose not stated yet",
        team: text(labels.team) ?? null,
        tags: [`namespace:${namespace}`, ...(cluster ? [`cluster:${cluster}`] : [])],
      },
    };
  }
};
