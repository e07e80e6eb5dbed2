"use client";

import { useState } from "react";
import { type CreateTokenInput, createTokenAction } from "@/app/(console)/settings/tokens/actions";
import type { TokenKind } from "@/lib/domain/authz/actor";
import type { PersonDto } from "@/lib/domain/registry/identity-dto";
import type { TokenDto } from "@/lib/domain/tokens/token-dto";
import type { ScopeGroup } from "@/lib/domain/tokens/token-scopes";
import { PeopleOptions } from "../registry/people-options";
import { Button } from "../ui/button";
import { Checkbox, Input, Select } from "../ui/controls";
import { Field, Fieldset } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";
import { TokenSecret } from "./token-secret";

const KIND_CHOICES: { value: TokenKind; label: string }[] = [
  { value: "personal", label: "Personal: acts as you" },
  { value: "service", label: "Service: automation, sponsored by a person" },
  { value: "agent", label: "AI agent: sponsored by a person" },
];

const DAY_MS = 86_400_000;

/**
 * Makes a token: a name, a purpose, what it may do (scopes, grouped by area; only what the person may do
 * themselves is offered) and how long it lives. Admins may also make service and AI-agent tokens for a
 * sponsor. On success the token is shown, once.
 */
export function TokenCreateForm({
  scopeGroups,
  maxDays,
  defaultDays,
  people,
  mayIssueSponsored,
  currentUserId,
}: {
  scopeGroups: ScopeGroup[];
  maxDays: number;
  defaultDays: number;
  people: PersonDto[];
  mayIssueSponsored: boolean;
  currentUserId: string;
}) {
  const [kind, setKind] = useState<TokenKind>("personal");
  const [days, setDays] = useState(String(defaultDays));
  const [created, setCreated] = useState<{ secret: string; token: TokenDto } | null>(null);
  const create = useActionForm(createTokenAction, {
    resetOnSuccess: true,
    success: (data) => `Made ${data.token.prefix} (${data.token.name}).`,
    onSuccess: (data) => {
      setCreated({ secret: data.secret, token: data.token });
      setKind("personal");
      setDays(String(defaultDays));
    },
  });
  const sponsored = kind !== "personal";
  const wholeDays = /^\d+$/.test(days) ? Number(days) : null;
  const until =
    wholeDays && wholeDays >= 1 && wholeDays <= maxDays ? new Date(Date.now() + wholeDays * DAY_MS).toISOString().slice(0, 10) : null;

  return (
    <section aria-labelledby="new-token" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="new-token" className="text-base font-semibold">
        Make a token
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        A token lets a script call the console&apos;s API. Give it only what the script needs: it can never do more than{" "}
        {sponsored ? "its sponsor (and you)" : "you"} may do at the time of each call, and nothing that needs a person (approving, changing
        roles, making tokens).
      </p>
      <form
        className="mt-3"
        noValidate
        onSubmit={(event) => {
          setCreated(null);
          create.onSubmit((text, data): CreateTokenInput => ({
            kind,
            name: text("name"),
            purpose: text("purpose"),
            scopes: data.getAll("scopes").map(String),
            expiresInDays: text("expiresInDays"),
            ...(sponsored ? { ownerId: text("ownerId") } : {}),
          }))(event);
        }}
      >
        <div className="flex flex-wrap items-start gap-4">
          {mayIssueSponsored && (
            <Field label="Kind of token" error={create.errors.kind}>
              <Select name="kind" value={kind} onChange={(e) => setKind(e.target.value as TokenKind)}>
                {KIND_CHOICES.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <Field label="Name" hint="e.g. laptop scripts, deploy-bot" error={create.errors.name}>
            <Input name="name" autoComplete="off" maxLength={100} className="w-64" />
          </Field>
          {sponsored && (
            <Field
              label="Sponsor"
              hint="The person who answers for it: it appears in the registry as theirs and never does more than they may."
              error={create.errors.ownerId}
              className="max-w-sm"
            >
              <Select name="ownerId" defaultValue={currentUserId}>
                <option value="">Choose the sponsor…</option>
                <PeopleOptions people={people} withEmail />
              </Select>
            </Field>
          )}
        </div>
        <Field
          label="Purpose"
          hint="What it is for, in a sentence: reviewers read this."
          error={create.errors.purpose}
          className="mt-4 max-w-3xl"
        >
          <Input name="purpose" autoComplete="off" maxLength={500} />
        </Field>
        <Fieldset legend="What it may do" error={create.errors.scopes} className="mt-4">
          <div className="flex w-full flex-col gap-3">
            {scopeGroups.map((group) => (
              <fieldset key={group.area} className="rounded-md border border-slate-200 p-2">
                <legend className="px-1 text-xs font-semibold uppercase text-slate-600">{group.area}</legend>
                <div className="flex flex-wrap gap-x-4 gap-y-1">
                  {group.scopes.map((scope) => (
                    <Checkbox
                      key={scope.value}
                      name="scopes"
                      value={scope.value}
                      label={
                        <span>
                          {scope.label}{" "}
                          <span className="text-xs text-slate-600">
                            ({scope.level === "read" ? "read" : "change"}, <code>{scope.value}</code>)
                          </span>
                        </span>
                      }
                      className="basis-full md:basis-[calc(50%-1rem)]"
                    />
                  ))}
                </div>
              </fieldset>
            ))}
          </div>
        </Fieldset>
        <Field
          label="Expires after (days)"
          hint={`Between 1 and ${maxDays} days${until ? `: until ${until}` : ""}. Shorter is safer; make a new one when it runs out.`}
          error={create.errors.expiresInDays}
          className="mt-4"
        >
          <Input
            name="expiresInDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={maxDays}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            className="w-28"
          />
        </Field>
        <Button type="submit" variant="primary" pending={create.pending} pendingLabel="Making…" className="mt-4">
          Make token
        </Button>
      </form>
      <FormStatus message={create.message} className="mt-3" />
      {created && (
        <TokenSecret
          secret={created.secret}
          name={`${created.token.prefix} (${created.token.name})`}
          expiresAt={created.token.expiresAt}
          identityId={created.token.identityId}
        />
      )}
    </section>
  );
}
