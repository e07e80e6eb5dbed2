"use server";

import { revalidatePath } from "next/cache";
import { runAsActor } from "@/lib/auth/run-as-actor";
import type { TokenKind } from "@/lib/domain/authz/actor";
import type { InputOf } from "@/lib/domain/shared/use-case";
import { createPersonalToken, createServiceToken } from "@/lib/domain/tokens/create-token";
import { revokeToken } from "@/lib/domain/tokens/revoke-token";
import { tokenDeps } from "./token-deps";

// Thin: each action resolves the actor (the session: a token never reaches a server action) and runs one
// use-case, which checks the role, validates and records.

export type CreateTokenInput = {
  kind: TokenKind;
  name: string;
  purpose: string;
  scopes: string[];
  expiresInDays: string;
  ownerId?: string;
};

export async function createTokenAction(input: CreateTokenInput) {
  const sponsored = input.kind === "service" || input.kind === "agent";
  const result = sponsored
    ? await runAsActor(createServiceToken(tokenDeps()), input as InputOf<ReturnType<typeof createServiceToken>>)
    : await runAsActor(createPersonalToken(tokenDeps()), input as InputOf<ReturnType<typeof createPersonalToken>>);
  if (result.ok) revalidatePath("/settings/tokens");
  return result;
}

export async function revokeTokenAction(input: InputOf<typeof revokeToken>) {
  const result = await runAsActor(revokeToken, input);
  if (result.ok) revalidatePath("/settings/tokens");
  return result;
}
