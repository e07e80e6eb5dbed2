import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/domain/authz/actor";
import { addAgentRule } from "@/lib/domain/registry/agent-rules/add-agent-rule";
import { patternProblem } from "@/lib/domain/registry/agent-rules/agent-rule-input";
import { listAgentRules } from "@/lib/domain/registry/agent-rules/list-agent-rules";
import { matchAgentRule } from "@/lib/domain/registry/agent-rules/match-agent-rule";
import { removeAgentRule } from "@/lib/domain/registry/agent-rules/remove-agent-rule";
import { tryAgentRule } from "@/lib/domain/registry/agent-rules/try-agent-rule";
import { importIdentities } from "@/lib/domain/registry/import/import-identities";
import { updateIdentity } from "@/lib/domain/registry/update-identity";
import { fixedClock } from "@/lib/domain/shared/clock";
import { ORG, installations } from "./fixtures/github";
import { serviceAccountList } from "./fixtures/kubernetes";
import { makeUser } from "./helpers/actors";
import { createTestDatabase, type TestDatabase } from "./helpers/test-database";

describe("matching rules", () => {
  const rule = (field: string, pattern: string) => [{ field, pattern }];
  const row = { name: "ml/claude-Agent", signals: { labels: { "app.kubernetes.io/component": "llm-agent", team: "ml" }, annotations: {} } };

  it("matches whole names with globs, ignoring case, across the namespace's slash", () => {
    expect(matchAgentRule(rule("name", "*-agent"), row)).toBeDefined();
    expect(matchAgentRule(rule("name", "ml/*"), row)).toBeDefined();
    expect(matchAgentRule(rule("name", "claude"), row)).toBeUndefined();
    expect(matchAgentRule(rule("name", "{copilot,claude}-*"), { name: "Copilot-reviewer" })).toBeDefined();
    expect(matchAgentRule(rule("name", "*agent"), { name: ".hidden-agent" })).toBeDefined();
  });

  it("matches a label or annotation by key, or by key and a glob on its value", () => {
    expect(matchAgentRule(rule("label", "app.kubernetes.io/component"), row)).toBeDefined();
    expect(matchAgentRule(rule("label", "app.kubernetes.io/component=*agent"), row)).toBeDefined();
    expect(matchAgentRule(rule("label", "app.kubernetes.io/component=web"), row)).toBeUndefined();
    expect(matchAgentRule(rule("label", "ai.acme.com/agent"), row)).toBeUndefined();
    expect(matchAgentRule(rule("annotation", "app.kubernetes.io/component"), row)).toBeUndefined();
    // An inherited property is not a label.
    expect(matchAgentRule(rule("label", "constructor"), row)).toBeUndefined();
  });

  it("matches the vendor, and never lets a broken stored pattern break an import", () => {
    expect(matchAgentRule(rule("vendor", "claude-*"), { name: "x", signals: { vendor: "claude-code" } })).toBeDefined();
    expect(matchAgentRule(rule("vendor", "*"), { name: "x" })).toBeUndefined();
    expect(matchAgentRule(rule("name", "[abc"), { name: "[abc" })).toBeUndefined();
    expect(matchAgentRule([...rule("name", "[abc"), ...rule("name", "x")], { name: "x" })).toEqual({ field: "name", pattern: "x" });
  });

  it("checks patterns before they are saved", () => {
    expect(patternProblem("name", "*-agent")).toBeNull();
    expect(patternProblem("name", "[abc")).toMatch(/not a valid glob: Missing closing: "\]"/);
    expect(patternProblem("name", "agent\\")).toMatch(/can never match/);
    expect(patternProblem("label", "ai.acme.com/agent")).toBeNull();
    expect(patternProblem("label", "ai.acme.com/agent=true")).toBeNull();
    expect(patternProblem("label", "has space")).toMatch(/not a valid key/);
    expect(patternProblem("annotation", "key=")).toMatch(/give the value after "="/);
    expect(patternProblem("annotation", "key={a,b")).toMatch(/value is not a valid glob/);
  });
});

// ---- the admin's rules ---------------------------------------------------------------------------------

const clock = fixedClock("2026-11-23T12:00:00.000Z");
let database: TestDatabase;
let db: TestDatabase["prisma"];
let admin: UserActor;
let member: UserActor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.prisma;
  admin = await makeUser(db, ["admin"]);
  member = await makeUser(db, ["member"]);
});
afterAll(() => database.close());
beforeEach(async () => {
  await db.agentRule.deleteMany();
  await db.identity.deleteMany();
});

const add = (input: Record<string, unknown>, actor: UserActor = admin) => addAgentRule({ actor, db, clock, input });

describe("editing rules", () => {
  it("lets an admin add and remove rules, each recorded in the audit log", async () => {
    const rule = await add({ field: "label", pattern: " ai.acme.com/agent = true ", note: "Our agents' label" });
    expect(rule).toMatchObject({ field: "label", pattern: "ai.acme.com/agent=true", note: "Our agents' label", createdBy: admin.email });
    expect(await listAgentRules({ actor: member, db, clock, input: {} })).toEqual([rule]);
    const added = await db.auditEvent.findFirstOrThrow({ where: { action: "agentRule.add" } });
    expect(added).toMatchObject({ outcome: "allowed", actorLabel: admin.email, targetType: "agent-rule", targetId: rule.id });
    expect(added.after).toEqual({ field: "label", pattern: "ai.acme.com/agent=true", note: "Our agents' label" });

    await removeAgentRule({ actor: admin, db, clock, input: { id: rule.id } });
    expect(await db.agentRule.count()).toBe(0);
    const removed = await db.auditEvent.findFirstOrThrow({ where: { action: "agentRule.remove" } });
    expect(removed).toMatchObject({ targetId: rule.id, targetLabel: "label ai.acme.com/agent=true" });
    await expect(removeAgentRule({ actor: admin, db, clock, input: { id: rule.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses others, recorded before the input is read", async () => {
    await expect(add({ field: "name", pattern: "*-agent" }, member)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(add({ field: "nonsense" }, member)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.agentRule.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "registry.import", outcome: "denied", actorId: member.userId } })).toBe(2);
  });

  it("names the field of bad input, and refuses the same rule twice", async () => {
    await expect(add({ field: "owner", pattern: "x" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { field: ["field must be one of label, annotation, name, vendor"] },
    });
    await expect(add({ field: "name", pattern: "   " })).rejects.toMatchObject({ fieldErrors: { pattern: ["pattern is required"] } });
    await expect(add({ field: "name", pattern: "x".repeat(201) })).rejects.toMatchObject({
      fieldErrors: { pattern: ["pattern must be at most 200 characters"] },
    });
    await expect(add({ field: "name", pattern: "(agent" })).rejects.toMatchObject({
      fieldErrors: { pattern: [expect.stringMatching(/not a valid glob/)] },
    });
    await expect(add({ field: "annotation", pattern: "=x" })).rejects.toMatchObject({
      fieldErrors: { pattern: [expect.stringMatching(/not a valid key/)] },
    });
    await expect(add({ field: "name", pattern: "*-agent", note: "key AKIAIOSFODNN7EXAMPLE" })).rejects.toMatchObject({
      fieldErrors: { note: [expect.stringMatching(/^note /)] },
    });
    await add({ field: "name", pattern: "*-agent" });
    await expect(add({ field: "name", pattern: "*-agent" })).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { pattern: ["this rule already exists"] },
    });
  });

  it("tries a rule on a sample before it is saved", async () => {
    const trial = (input: Record<string, unknown>) => tryAgentRule({ actor: admin, db, clock, input });
    expect(await trial({ field: "name", pattern: "*-agent", sample: "ml/claude-agent" })).toMatchObject({ matches: true });
    expect(await trial({ field: "name", pattern: "*-agent", sample: "ml/agent-runner" })).toMatchObject({ matches: false });
    expect(await trial({ field: "label", pattern: "ai.acme.com/agent=true", sample: "team=ml\nai.acme.com/agent=true" })).toMatchObject({
      matches: true,
    });
    expect(await trial({ field: "vendor", pattern: "claude-*", sample: "Claude-Code" })).toMatchObject({ matches: true });
    await expect(trial({ field: "name", pattern: "[x", sample: "x" })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await db.agentRule.count()).toBe(0);
  });
});

// ---- applied by imports ----------------------------------------------------------------------------------

const SERVICE_ACCOUNTS = [
  { namespace: "ml", name: "claude-runner", labels: { "ai.acme.com/agent": "true" }, automount: false },
  { namespace: "ml", name: "triage-agent", automount: false },
  { namespace: "ml", name: "trainer", automount: false },
];
const k8s = (content = serviceAccountList(SERVICE_ACCOUNTS)) =>
  importIdentities({ actor: admin, db, clock, input: { format: "kubernetes", content, dryRun: false, cluster: "prod-eu" } });
const kindOf = async (name: string) => (await db.identity.findFirstOrThrow({ where: { name } })).kind;

describe("recognising AI agents in imports", () => {
  it("imports identities a rule recognises (label, name, vendor) as AI agents, and only those", async () => {
    await add({ field: "label", pattern: "ai.acme.com/agent=true" });
    await add({ field: "name", pattern: "*-agent" });
    await add({ field: "vendor", pattern: "claude-*" });
    await k8s();
    expect(await kindOf("ml/claude-runner")).toBe("ai_agent");
    expect(await kindOf("ml/triage-agent")).toBe("ai_agent");
    expect(await kindOf("ml/trainer")).toBe("service_account");

    await importIdentities({
      actor: admin,
      db,
      clock,
      input: {
        format: "github-installations",
        dryRun: false,
        org: ORG,
        content: installations([
          { id: 1, slug: "claude-code", permissions: { contents: "write" } },
          { id: 2, slug: "dependabot", permissions: { contents: "write" } },
        ]),
      },
    });
    expect(await kindOf("claude-code")).toBe("ai_agent");
    expect(await kindOf("dependabot")).toBe("github_app_installation");
  });

  it("keeps the kind a person set by hand when the file is imported again", async () => {
    await add({ field: "name", pattern: "*-agent" });
    await k8s();
    // The triage "agent" is a plain service account (a person knows better); the trainer is an agent.
    for (const [name, kind] of [
      ["ml/triage-agent", "service_account"],
      ["ml/trainer", "ai_agent"],
    ] as const) {
      const identity = await db.identity.findFirstOrThrow({ where: { name } });
      await updateIdentity({ actor: admin, db, clock, input: { id: identity.id, expectedVersion: identity.version, kind } });
    }
    const again = await k8s();
    expect(again.counts).toMatchObject({ update: 0, reject: 0 });
    expect(await kindOf("ml/triage-agent")).toBe("service_account");
    expect(await kindOf("ml/trainer")).toBe("ai_agent");
    // A rule added later changes kinds nobody set by hand, and only those.
    await add({ field: "label", pattern: "ai.acme.com/agent" });
    const later = await k8s();
    expect(later.items.filter((i) => i.action === "update").map((i) => [i.name, i.changes])).toEqual([["ml/claude-runner", ["kind"]]]);
    expect(await kindOf("ml/claude-runner")).toBe("ai_agent");
  });
});
