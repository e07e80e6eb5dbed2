import { FormatError, type ImportOptions, type ParsedFile } from "./import-row";

// `kubectl get serviceaccounts -A -o json`: a List of ServiceAccount objects. Owners come from an
// `owner` (or `nhi.owner`) annotation holding an email; the rest stay ownerless, visibly so.

type ServiceAccount = {
  kind?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; creationTimestamp?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
};

export function parseKubernetes(text: string, options: ImportOptions & { cluster?: string }): ParsedFile {
  let data: { kind?: string; items?: ServiceAccount[] };
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FormatError(`The file is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data.items)) throw new FormatError("Expected the output of `kubectl get serviceaccounts -A -o json` (a List with items).");
  const cluster = options.cluster?.trim();
  return {
    skipped: [],
    rows: data.items.map((sa, i) => {
      const meta = sa.metadata ?? {};
      const annotations = meta.annotations ?? {};
      const purpose = annotations["nhi.purpose"] ?? annotations.description;
      return {
        row: i + 1,
        ownerEmail: annotations["nhi.owner"] ?? annotations.owner,
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
    }),
  };
}
