import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { type ImportOptions, type ImportRow, type SkippedRow, isSkipped } from "@/lib/domain/registry/import/import-row";
import { importIdentities } from "@/lib/domain/registry/import/import-identities";
import { readKubernetes } from "@/lib/domain/registry/import/kubernetes";
import { textChunks } from "@/lib/domain/registry/import/read-text";
import { fixedClock } from "@/lib/domain/shared/clock";
import { type ServiceAccountSpec, serviceAccountList } from "./fixtures/kubernetes";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

const ROLE_ARN = "arn:aws:iam::123456789012:role/payments-ledger";
const GCP_SA = "ledger-reader@acme-prod.iam.gserviceaccount.com";
const AZURE_CLIENT = "6f1c3a52-0b9e-4d7e-9a41-2c8f5e7d1b30";

const ESTATE: Parameters<typeof serviceAccountList>[0] = [
  // EKS (IAM roles for service accounts), its token mounted only where a pod asks for it.
  {
    namespace: "payments",
    name: "ledger-writer",
    created: "2025-03-14T10:22:31Z",
    labels: { team: "payments" },
    annotations: { "eks.amazonaws.com/role-arn": ROLE_ARN, owner: "owner@demo.local", "nhi.purpose": "Writes settled transactions" },
    automount: false,
  },
  // GKE Workload Identity.
  { namespace: "ledger", name: "reader", annotations: { "iam.gke.io/gcp-service-account": GCP_SA }, automount: false },
  // Azure Workload Identity (the pod-side label azure.workload.identity/use is not on the account).
  {
    namespace: "billing",
    name: "exporter",
    labels: { "azure.workload.identity/use": "true" },
    annotations: {
      "azure.workload.identity/client-id": AZURE_CLIENT,
      "azure.workload.identity/tenant-id": "a1b2c3d4-0000-4000-8000-000000000001",
    },
  },
  // The namespace's default account, token mounted, and a legacy token Secret from before Kubernetes 1.24.
  { namespace: "monitoring", name: "default", secrets: ["default-token-x7k2p", "registry-pull"] },
  // Not a ServiceAccount: `kubectl get sa,cm -A -o json` lists both.
  { kind: "ConfigMap", namespace: "monitoring", name: "kube-root-ca.crt", data: { "ca.crt": "-----BEGIN CERTIFICATE-----" } },
  { kind: "Secret", namespace: "payments", name: "ledger-db" },
];

async function read(text: string, options: Partial<ImportOptions> = {}) {
  const rows: ImportRow[] = [];
  const skipped: SkippedRow[] = [];
  for await (const entry of readKubernetes(textChunks(text), { environment: "production", ...options }))
    if (isSkipped(entry)) skipped.push(entry);
    else rows.push(entry);
  return { rows, skipped, byName: (name: string) => rows.find((r) => r.fields.name === name)! };
}

describe("reading kubectl get serviceaccounts -A -o json", () => {
  it("turns workload identity annotations of the three clouds into federated credentials naming the cloud identity", async () => {
    const { byName } = await read(serviceAccountList(ESTATE), { cluster: "prod-eu" });
    expect(byName("payments/ledger-writer").credentials).toEqual([
      { handle: "workload identity", type: "federated", federatedWith: ROLE_ARN, issuedAt: "2025-03-14T10:22:31Z", usage: "unknown" },
      { handle: "projected token", type: "short_lived_token", issuedAt: "2025-03-14T10:22:31Z", usage: "unknown" },
    ]);
    expect(byName("ledger/reader").credentials?.[0]).toMatchObject({ type: "federated", federatedWith: GCP_SA });
    expect(byName("billing/exporter").credentials?.[0]).toMatchObject({ type: "federated", federatedWith: AZURE_CLIENT });
    // Kubernetes never reports use: nothing says "never used".
    for (const row of ["payments/ledger-writer", "ledger/reader", "billing/exporter", "monitoring/default"])
      expect(byName(row).credentials?.every((c) => c.usage === "unknown")).toBe(true);
  });

  it("flags the default service account and automatically mounted tokens (absent means mounted)", async () => {
    const { byName } = await read(serviceAccountList(ESTATE), { cluster: "prod-eu" });
    expect(byName("monitoring/default").flags).toEqual(["default-service-account", "automount-token"]);
    expect(byName("billing/exporter").flags).toEqual(["automount-token"]);
    expect(byName("payments/ledger-writer").flags).toEqual([]);
    // The legacy token Secret never expires: a static secret of its own; the pull secret is not a credential.
    expect(byName("monitoring/default").credentials?.map((c) => [c.handle, c.type, c.expiresAt ?? null])).toEqual([
      ["projected token", "short_lived_token", null],
      ["token secret default-token-x7k2p", "static_secret", null],
    ]);
  });

  it("skips what is not a ServiceAccount, saying what it is", async () => {
    const { rows, skipped } = await read(serviceAccountList(ESTATE), { cluster: "prod-eu" });
    expect(rows).toHaveLength(4);
    expect(skipped).toEqual([
      { row: 5, name: "monitoring/kube-root-ca.crt", reason: "a ConfigMap, not a ServiceAccount" },
      { row: 6, name: "payments/ledger-db", reason: "a Secret, not a ServiceAccount" },
    ]);
  });

  it("names the source by cluster, and gives labels and annotations to the AI-agent rules", async () => {
    const named = await read(serviceAccountList(ESTATE), { cluster: "prod-eu" });
    const writer = named.byName("payments/ledger-writer");
    expect(writer).toMatchObject({
      source: "kubernetes:prod-eu",
      humanUse: false,
      ownerEmail: "owner@demo.local",
      signals: { labels: { team: "payments" }, annotations: { "eks.amazonaws.com/role-arn": ROLE_ARN } },
      fields: {
        externalId: "prod-eu/system:serviceaccount:payments:ledger-writer",
        kind: "service_account",
        team: "payments",
        purpose: "Writes settled transactions",
        tags: ["namespace:payments", "cluster:prod-eu"],
      },
    });
    // Without a cluster the file is still one source, unnamed.
    const unnamed = await read(serviceAccountList(ESTATE));
    expect(unnamed.byName("payments/ledger-writer")).toMatchObject({
      source: "kubernetes",
      fields: { externalId: "system:serviceaccount:payments:ledger-writer" },
    });
  });
});

// ---- through the import, into the registry ------------------------------------------------------------

const clock = fixedClock("2026-11-23T12:00:00.000Z");
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  await makeUser(db, ["member"], { email: "owner@demo.local" });
});
afterAll(() => database.close());

const run = (content: string, extra: Record<string, unknown> = {}) =>
  importIdentities({ actor: admin, db, clock, input: { format: "kubernetes", content, dryRun: false, cluster: "prod-eu", ...extra } });
const stored = (name: string) =>
  db.identity.findFirstOrThrow({ where: { name }, include: { credentials: { orderBy: { handle: "asc" } } } });

describe("importing service accounts", () => {
  beforeEach(async () => {
    await db.identity.deleteMany();
  });

  it("stores federated credentials linked to the cloud identity's registry entry, flags and the source", async () => {
    // The AWS role is in the registry already (registered by hand or from another import).
    const role = await db.identity.create({
      data: {
        name: "payments-ledger",
        kind: "workload_identity",
        platform: "aws",
        externalId: ROLE_ARN,
        environment: "production",
        purpose: "IAM role assumed by the ledger writer",
      },
    });
    const result = await run(serviceAccountList(ESTATE));
    expect(result.counts).toMatchObject({ create: 4, reject: 0, skipped: 2 });

    const writer = await stored("payments/ledger-writer");
    expect(writer).toMatchObject({ source: "kubernetes:prod-eu", flags: [], humanUse: false, activeCredentials: 2, usage: "unknown" });
    expect(writer.credentials.find((c) => c.type === "federated")).toMatchObject({
      handle: "workload identity",
      federatedWith: ROLE_ARN,
      linkedIdentityId: role.id,
      usage: "unknown",
    });
    // GCP and Azure identities are not in the registry: named, not linked.
    const reader = await stored("ledger/reader");
    expect(reader.credentials.find((c) => c.type === "federated")).toMatchObject({ federatedWith: GCP_SA, linkedIdentityId: null });
    const exporter = await stored("billing/exporter");
    expect(exporter.credentials.find((c) => c.type === "federated")).toMatchObject({ federatedWith: AZURE_CLIENT });
    expect(exporter.flags).toEqual(["automount-token"]);

    const fallback = await stored("monitoring/default");
    expect(fallback.flags).toEqual(["automount-token", "default-service-account"]);
    // The legacy token Secret never expires: the summary says so.
    expect(fallback).toMatchObject({ neverExpires: true, activeCredentials: 2 });
  });

  it("links the other way round when the cloud identity is registered after the workload", async () => {
    await run(serviceAccountList(ESTATE));
    expect((await stored("payments/ledger-writer")).credentials.find((c) => c.type === "federated")?.linkedIdentityId).toBeNull();
    const csv = [
      "name,kind,platform,externalId,environment,purpose",
      `payments-ledger,workload_identity,aws,${ROLE_ARN},production,IAM role assumed by the ledger writer`,
    ].join("\n");
    await importIdentities({ actor: admin, db, clock, input: { format: "csv", content: csv, dryRun: false } });
    const role = await db.identity.findFirstOrThrow({ where: { externalId: ROLE_ARN } });
    expect((await stored("payments/ledger-writer")).credentials.find((c) => c.type === "federated")?.linkedIdentityId).toBe(role.id);
  });

  it("clears a finding once it is fixed, and keeps exactly the credentials the source states", async () => {
    await run(serviceAccountList(ESTATE));
    const fixed = ESTATE.map((sa) =>
      "kind" in sa ? sa : sa.name === "default" ? { ...sa, automount: false, secrets: [] } : (sa as ServiceAccountSpec),
    );
    const result = await run(serviceAccountList(fixed));
    expect(result.counts).toMatchObject({ update: 1, unchanged: 3 });
    const fallback = await stored("monitoring/default");
    expect(fallback.flags).toEqual(["default-service-account"]);
    expect(fallback.credentials.map((c) => c.handle)).toEqual(["projected token"]);
    expect(fallback.neverExpires).toBe(false);
  });
});
