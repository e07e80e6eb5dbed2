import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db/types";
import { appendAuditEvent } from "@/lib/domain/audit/append-audit-event";
import { systemActor } from "@/lib/domain/authz/actor";
import type { Clock } from "@/lib/domain/shared/clock";

// A realistic estate for the embedded demo: a few hundred identities across kinds, platforms and
// environments, including the problems the console exists to find (no owner, a departed owner, expired
// or never-rotated credentials, admin scope in production, AI agents). Deterministic, so screenshots and
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
      tags: [service, ...(template.kind === "ai_agent" ? ["ai"] : [])],
      status: rand() < 0.06 ? "suspended" : rand() < 0.05 ? "decommissioned" : "active",
      credentialType: template.credential,
      credentialIssuedAt: new Date(issued),
      credentialRotatedAt: neverRotated ? null : new Date(issued + Math.floor(rand() * (now - issued))),
      credentialExpiresAt: expires === null ? null : new Date(expires),
      lastUsedAt: rand() < 0.1 ? null : new Date(now - Math.floor(rand() * 200) * DAY),
    });
    scopes.push({ identityId: id, resource: `${service}-db`, action: "read", level: "read", environment });
    if (rand() < 0.35) scopes.push({ identityId: id, resource: `${service}-bucket`, action: "write", level: "write", environment });
    if (environment === "production" && rand() < 0.12)
      scopes.push({ identityId: id, resource: "*", action: "*", level: "admin", environment });
  }
  return db.$transaction(async (tx) => {
    await tx.identity.createMany({ data: identities });
    await tx.entitlement.createMany({ data: scopes });
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
