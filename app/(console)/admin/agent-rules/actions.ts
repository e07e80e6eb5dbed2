"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { addAgentRule } from "@/lib/domain/registry/agent-rules/add-agent-rule";
import { removeAgentRule } from "@/lib/domain/registry/agent-rules/remove-agent-rule";
import { tryAgentRule } from "@/lib/domain/registry/agent-rules/try-agent-rule";
import type { InputOf } from "@/lib/domain/shared/use-case";

// Thin: each action resolves the actor and runs one use-case, which checks the role, validates and records.

export async function addAgentRuleAction(input: InputOf<typeof addAgentRule>) {
  const result = await runAsActor(addAgentRule, input);
  if (result.ok) revalidatePath("/admin/agent-rules");
  return result;
}

export async function removeAgentRuleAction(input: InputOf<typeof removeAgentRule>) {
  const result = await runAsActor(removeAgentRule, input);
  if (result.ok) revalidatePath("/admin/agent-rules");
  return result;
}

export async function tryAgentRuleAction(input: { field: string; pattern: string; sample: string }) {
  return runAsActor(tryAgentRule, input);
}
