import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import { appendAuditEvent } from "@/lib/domain/audit/append-audit-event";
import { systemActor } from "@/lib/domain/authz/actor";
import { refreshCredentialSummary } from "@/lib/domain/registry/credentials/credential-summary";
import type { Clock } from "@/lib/domain/shared/clock";

// A realistic estate for the embedded demo: a few hundred identities across kinds, platforms and
// environments, including the problems the console exists to find (no owner, a departed owner, expired
// or never-rotated credentials, two active keys, human use, admin scope in production, AI agents, identities
// gone from their source, per-scope usage, an import in the history). Deterministic, so screenshots and
// demos are repeatable.

const DAY = 86_400_000;

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const TEMPLATES = [
  {
    kind: "service_account",
    platform: "aws",
    id: (n: string) => `arn:aws:iam::123456789012:role/${n}`,
    purpose: "Runs the %s service's batch jobs",
    credential: "federated",
  },
  {
    kind: "service_account",
    platform: "aws",
    id: (n: string) => `arn:aws:iam::123456789012:user/${n}`,
    purpose: "Uploads %s artifacts from CI",
    credential: "static_secret",
  },
  {
    kind: "workload_identity",
    platform: "gcp",
    id: (n: string) => `${n}@acme-prod.iam.gserviceaccount.com`,
    purpose: "Reads %s data for reporting",
    credential: "federated",
  },
  {
    kind: "service_account",
    platform: "kubernetes",
    id: (n: string) => `prod-eu/system:serviceaccount:${n}:${n}-worker`,
    purpose: "Processes %s queue messages",
    credential: "short_lived_token",
  },
  {
    kind: "cicd_token",
    platform: "github",
    id: (n: string) => `acme/actions/${n}-deploy`,
    purpose: "Deploys %s from GitHub Actions",
    credential: "static_secret",
  },
  {
    kind: "api_key",
    platform: "stripe",
    id: (n: string) => `stripe-key-${n}`,
    purpose: "Charges customers for %s",
    credential: "static_secret",
  },
  {
    kind: "oauth_app",
    platform: "okta",
    id: (n: string) => `0oa${n.replace(/-/g, "")}`,
    purpose: "Signs users in to %s",
    credential: "oauth_client",
  },
  {
    kind: "bot",
    platform: "slack",
    id: (n: string) => `B${n.toUpperCase().replace(/-/g, "")}`,
    purpose: "Posts %s alerts to on-call channels",
    credential: "oauth_client",
  },
  {
    kind: "ai_agent",
    platform: "openai",
    id: (n: string) => `asst_${n.replace(/-/g, "_")}`,
    purpose: "Answers support questions about %s",
    credential: "static_secret",
  },
  {
    kind: "certificate",
    platform: "internal-pki",
    id: (n: string) => `CN=${n}.svc.acme.internal`,
    purpose: "Terminates mTLS for %s",
    credential: "certificate",
  },
] as const;

const SERVICES = [
  "payments",
  "ledger",
  "billing",
  "search",
  "checkout",
  "identity",
  "catalog",
  "shipping",
  "analytics",
  "notifications",
  "fraud",
  "pricing",
  "inventory",
  "support",
  "reports",
];
const ENVIRONMENTS = ["production", "production", "staging", "test", "development"];
const TEAMS = ["payments", "platform", "data", "growth", "security"];

export async function seedDemoEstate(db: Db, clock: Clock): Promise<number> {
  if ((await db.identity.count()) > 0) return 0;
  const people = await db.user.findMany({
    where: { email: { in: ["owner@demo.local", "admin@demo.local", "approver@demo.local"] } },
    select: { id: true, email: true },
  });
  const departed = await db.user.upsert({
    where: { email: "dana.departed@demo.local" },
    update: {},
    create: {
      email: "dana.departed@demo.local",
      name: "Dana Departed",
      roles: ["member"],
      status: "deactivated",
      deactivatedAt: new Date(clock.now().getTime() - 40 * DAY),
    },
  });
  const owners = [...people.map((p) => p.id), departed.id];
  const rand = random(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const now = clock.now().getTime();
  const identities: Prisma.IdentityCreateManyInput[] = [];
  const scopes: Prisma.EntitlementCreateManyInput[] = [];
  const credentials: Prisma.CredentialCreateManyInput[] = [];
  const importRunId = randomUUID();
  for (let i = 0; i < 320; i += 1) {
    const template = TEMPLATES[i % TEMPLATES.length]!;
    const service = SERVICES[Math.floor(i / TEMPLATES.length) % SERVICES.length]!;
    const name = `${service}-${template.kind.replace(/_/g, "-")}-${i}`;
    const environment = pick(ENVIRONMENTS);
    const issued = now - (30 + Math.floor(rand() * 1_200)) * DAY;
    const neverRotated = rand() < 0.25;
    const expires =
      template.credential === "federated" || template.credential === "short_lived_token" ? null : now + Math.floor(rand() * 400 - 90) * DAY;
    const id = randomUUID();
    const ownerId = rand() < 0.1 ? null : pick(owners);
    const backup = rand() < 0.4 ? pick(owners) : null;
    const lastUsed = rand() < 0.1 ? null : new Date(now - Math.floor(rand() * 200) * DAY);
    const fromAws = template.platform === "aws";
    identities.push({
      id,
      name,
      kind: template.kind,
      platform: template.platform,
      externalId: template.id(`${service}-${i}`),
      environment,
      purpose: template.purpose.replace("%s", service),
      ownerId,
      backupOwnerId: backup === ownerId ? null : backup,
      team: pick(TEAMS),
      vendor: ["stripe", "openai", "slack", "okta"].includes(template.platform) ? template.platform : null,
      tags: [service, ...(template.kind === "ai_agent" ? ["ai"] : [])].sort(),
      status: rand() < 0.06 ? "suspended" : rand() < 0.05 ? "decommissioned" : "active",
      // A person signing in with a machine's key: the kind of finding only a reading of the source shows.
      humanUse: template.credential === "static_secret" && i % 11 === 0,
      flags: i % 37 === 0 ? ["high-risk-permission"] : i % 29 === 0 ? ["offboarding-candidate"] : [],
      source: fromAws ? "aws:123456789012" : null,
      goneFromSourceAt: fromAws && i % 6 === 0 ? new Date(now - 3 * DAY) : null,
      lastImportId: fromAws ? importRunId : null,
      // Registered when its credential was first issued: the estate has a history (unused and unreviewed are judged
      // only after an identity's first weeks).
      createdAt: new Date(issued),
    });
    credentials.push({
      identityId: id,
      handle: template.credential === "certificate" ? `SHA256:${id.slice(0, 8)}` : `…${id.slice(-4).toUpperCase()}`,
      type: template.credential,
      issuedAt: new Date(issued),
      rotatedAt: neverRotated ? null : new Date(issued + Math.floor(rand() * (now - issued))),
      expiresAt: expires === null ? null : new Date(expires),
      lastUsedAt: lastUsed,
      // Without a recorded use: some sources say "never", the others do not report use at all.
      usage: lastUsed ? "known" : i % 2 ? "never" : "unknown",
      lastUsedWhere: lastUsed && fromAws ? "eu-west-1 · s3" : null,
    });
    // A second key kept active beside the first: the older one is the one still in use.
    if (template.credential === "static_secret" && i % 5 === 0)
      credentials.push({
        identityId: id,
        handle: `…${id.slice(0, 4).toUpperCase()}`,
        type: "static_secret",
        issuedAt: new Date(issued - 400 * DAY),
        lastUsedAt: new Date(now - 2 * DAY),
        usage: "known",
      });
    scopes.push({
      identityId: id,
      resource: `${service}-db`,
      action: "read",
      level: "read",
      environment,
      ...(fromAws ? { usage: "known", lastUsedAt: new Date(now - Math.floor(rand() * 30) * DAY), lastUsedWhere: "eu-west-1" } : {}),
    });
    if (rand() < 0.35)
      scopes.push({
        identityId: id,
        resource: `${service}-bucket`,
        action: "write",
        level: "write",
        environment,
        // Granted and never used within the source's window: what a review cuts.
        ...(fromAws ? { usage: "never" } : {}),
      });
    if (environment === "production" && rand() < 0.12)
      scopes.push({ identityId: id, resource: "*", action: "*", level: "admin", environment });
  }
  return db.$transaction(async (tx) => {
    await tx.importRun.create({
      data: {
        id: importRunId,
        at: new Date(now - 3 * DAY),
        actorLabel: "admin@demo.local",
        format: "aws-credential-report",
        source: "aws:123456789012",
        fullExport: true,
        fileSha256: "9f2c4e1b7a6d3c5e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a",
        fileBytes: 48_213,
        counts: { create: identities.filter((i) => i.lastImportId).length, update: 0, unchanged: 0, reject: 0, skipped: 3, gone: 0 },
      },
    });
    await tx.identity.createMany({ data: identities });
    await tx.entitlement.createMany({ data: scopes });
    await tx.credential.createMany({ data: credentials });
    await refreshCredentialSummary(
      tx,
      identities.map((i) => i.id!),
    );
    await tx.agentRule.createMany({
      data: [
        { field: "name", pattern: "*-agent-*", note: "Names the platform teams give their agents", createdBy: "system:demo-seed" },
        {
          field: "label",
          pattern: "app.kubernetes.io/component=ai-agent",
          note: "Kubernetes workloads labelled as agents",
          createdBy: "system:demo-seed",
        },
        { field: "vendor", pattern: "openai", note: "Identities issued to OpenAI-powered tools", createdBy: "system:demo-seed" },
      ],
      skipDuplicates: true,
    });
    await appendAuditEvent(
      tx,
      {
        actor: systemActor("system:demo-seed"),
        action: "registry.seedDemo",
        target: { type: "registry", label: "demo estate" },
        outcome: "allowed",
        after: { identities: identities.length, scopes: scopes.length },
      },
      clock,
    );
    return identities.length;
  });
}
