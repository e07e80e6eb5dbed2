"use client";

import { createUserAction } from "@/app/(console)/admin/users/actions";
import { isRole, ROLE_LABELS, ROLES } from "@/lib/domain/authz/roles";
import { Button } from "../ui/button";
import { Checkbox, Input } from "../ui/controls";
import { Field, Fieldset } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { useActionForm } from "../ui/use-action-form";

/** Adds a local account; each field shows the server's own validation message. */
export function AddUserForm() {
  const form = useActionForm(createUserAction, {
    success: (user) => `Added ${user.email}. Give them the password through a separate channel.`,
    resetOnSuccess: true,
  });
  return (
    <details className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer text-sm font-medium">Add a local user</summary>
      <form
        onSubmit={form.onSubmit((text, data) => ({
          email: text("email"),
          name: text("name"),
          password: text("password"),
          team: text("team"),
          roles: data.getAll("roles").map(String).filter(isRole),
        }))}
        className="mt-4 flex flex-wrap items-start gap-4"
        noValidate
      >
        <Field label="Email" error={form.errors.email}>
          <Input name="email" type="email" autoComplete="off" />
        </Field>
        <Field label="Name" error={form.errors.name}>
          <Input name="name" autoComplete="off" />
        </Field>
        <Field label="Initial password (12+ characters)" error={form.errors.password}>
          <Input name="password" type="password" autoComplete="new-password" />
        </Field>
        <Field label="Team (optional)" hint="Limits the break-glass requests an approver decides" error={form.errors.team}>
          <Input name="team" autoComplete="off" maxLength={100} />
        </Field>
        <Fieldset legend="Roles" error={form.errors.roles}>
          {ROLES.map((role) => (
            <Checkbox key={role} name="roles" value={role} defaultChecked={role === "member"} label={ROLE_LABELS[role]} />
          ))}
        </Fieldset>
        <Button type="submit" variant="primary" pending={form.pending} className="mt-6">
          Add user
        </Button>
      </form>
      <FormStatus message={form.message} className="mt-3" />
    </details>
  );
}
