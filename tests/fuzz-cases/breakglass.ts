import type { Db } from "@/lib/db/types";
import type { UserActor } from "@/lib/domain/authz/actor";
import { approveRequest } from "@/lib/domain/breakglass/approve-request";
import { cancelRequest } from "@/lib/domain/breakglass/cancel-request";
import { denyRequest } from "@/lib/domain/breakglass/deny-request";
import { editPolicy } from "@/lib/domain/breakglass/edit-policy";
import { killSwitch } from "@/lib/domain/breakglass/kill-switch";
import { listPolicy } from "@/lib/domain/breakglass/list-policy";
import { listRequests } from "@/lib/domain/breakglass/list-requests";
import { requestElevation } from "@/lib/domain/breakglass/request-elevation";
import { revokeRequest } from "@/lib/domain/breakglass/revoke-request";
import { createIdentity } from "@/lib/domain/registry/create-identity";
import type { Clock } from "@/lib/domain/shared/clock";
import type { UseCase } from "@/lib/domain/shared/use-case";
import { BREAKGLASS_EXAMPLE_IDS as X } from "@/lib/http/openapi/routes-breakglass";

/** The break-glass use-cases that tests/fuzz.test.ts throws hostile input at. */
export const BREAKGLASS_USE_CASES: Record<string, UseCase<unknown, unknown>> = {
  requestElevation,
  approveRequest,
  denyRequest,
  cancelRequest,
  revokeRequest,
  killSwitch,
  editPolicy,
  listRequests,
  listPolicy,
};

/**
 * Rows for the OpenAPI examples of the break-glass routes (tests/openapi.test.ts runs each as `admin`): an
 * identity owned by someone else with pending requests for the approve, deny and cancel examples and an active
 * grant for the revoke example, a second identity for the kill switch, and the production-admin policy row.
 * Returns the examples' ids mapped to the real ones.
 */
export async function seedBreakGlassExamples(db: Db, clock: Clock, admin: UserActor): Promise<Record<string, string>> {
  const stamp = Date.now();
  const owner = await db.user.create({ data: { email: `bg-owner-${stamp}@example.com`, name: "Break-glass owner", roles: ["member"] } });
  const approver = await db.user.create({
    data: { email: `bg-approver-${stamp}@example.com`, name: "Break-glass approver", roles: ["approver"] },
  });
  const ownerActor: UserActor = {
    type: "user",
    userId: owner.id,
    email: owner.email,
    name: owner.name,
    roles: ["member"],
    request: admin.request,
  };
  const approverActor: UserActor = { ...ownerActor, userId: approver.id, email: approver.email, name: approver.name, roles: ["approver"] };
  const identity = (name: string) =>
    createIdentity({
      actor: admin,
      db,
      clock,
      input: {
        name,
        kind: "service_account",
        platform: "aws",
        externalId: `bg-example-${name}-${stamp}`,
        environment: "staging",
        purpose: "Stands for the break-glass examples",
        ownerId: owner.id,
        tags: [],
      },
    });
  const main = await identity("bg-example-bot");
  const kill = await identity("bg-kill-bot");
  const ask = (identityId: string, resource: string) =>
    requestElevation({
      actor: ownerActor,
      db,
      clock,
      input: {
        identityId,
        scopes: [{ resource, action: "write", level: "write", environment: "staging" }],
        reason: "Incident 42",
        ticket: "INC-42",
        durationMinutes: 60,
      },
    });
  const pending = await ask(main.id, "orders-db");
  const toDeny = await ask(main.id, "billing-db");
  const toCancel = await ask(main.id, "queue");
  const active = await ask(main.id, "ledger");
  await approveRequest({ actor: approverActor, db, clock, input: { id: active.id } });
  const killed = await ask(kill.id, "ledger");
  await approveRequest({ actor: approverActor, db, clock, input: { id: killed.id } });
  const row = (await listPolicy({ actor: admin, db, clock, input: {} })).find(
    (p) => p.environment === "production" && p.level === "admin",
  )!;
  return {
    [X.identity]: main.id,
    [X.killIdentity]: kill.id,
    [X.pending]: pending.id,
    [X.pendingToDeny]: toDeny.id,
    [X.pendingToCancel]: toCancel.id,
    [X.active]: active.id,
    [X.policyRow]: row.id,
    [X.requester]: owner.id,
    [X.approver]: approver.id,
  };
}
