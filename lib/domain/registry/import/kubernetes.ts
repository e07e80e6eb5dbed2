import { type FormatReader, objectItem } from "./import-row";
import { readJsonItems } from "./read-json";

// `kubectl get serviceaccounts -A -o json`: a List of ServiceAccount objects. Owners come from an
// `owner` (or `nhi.owner`) annotation holding an email; the rest stay ownerless, visibly so.

type ServiceAccount = {
  metadata?: {
    name?: string;
    namespace?: string;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
};

export const readKubernetes: FormatReader = async function* (text, options) {
  const cluster = options.cluster?.trim();
  const items = readJsonItems(text, {
    rootArray: false,
    key: "items",
    expected: "Expected the output of `kubectl get serviceaccounts -A -o json` (a List with items).",
  });
  for await (const { item, value } of items) {
    const sa = objectItem(item, value, "a ServiceAccount") as ServiceAccount;
    const meta = sa.metadata ?? {};
    const annotations = meta.annotations ?? {};
    const purpose = annotations["nhi.purpose"] ?? annotations.description;
    const owner = annotations["nhi.owner"] ?? annotations.owner;
    yield {
      row: item,
      ownerEmail: owner === undefined ? undefined : String(owner),
      createOnly: ["environment", ...(purpose ? [] : ["purpose"])],
      fields: {
        name: `${meta.namespace}/${meta.name}`,
        kind: "service_account",
        platform: "kubernetes",
        externalId: `${cluster ? `${cluster}/` : ""}system:serviceaccount:${meta.namespace}:${meta.name}`,
        environment: options.environment,
        purpose: purpose ?? "Imported from Kubernetes; purpose not stated yet",
        team: meta.labels?.team ?? null,
        tags: [`namespace:${meta.namespace}`, ...(cluster ? [`cluster:${cluster}`] : [])],
        credentialType: "short_lived_token",
        credentialIssuedAt: meta.creationTimestamp ?? null,
      },
    };
  }
};
