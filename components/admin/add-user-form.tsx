"use client";

import { useRef, useState, useTransition, type FormEvent } from "react";
import { createUserAction } from "@/app/(console)/admin/users/actions";
import { ROLE_LABELS, ROLES } from "@/lib/domain/authz/roles";
import type { FieldErrors } from "@/lib/domain/shared/errors";

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm font-normal";

function FieldError({ errors }: { errors?: string[] }) {
  return errors ? <span className="text-xs font-normal text-red-700">{errors.join(", ")}</span> : null;
}

/** Adds a local account; each field shows the server's own validation message. */
export function AddUserForm() {
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await createUserAction({
        email: String(data.get("email") ?? ""),
        name: String(data.get("name") ?? ""),
        roles: data.getAll("roles").map(String),
        password: String(data.get("password") ?? ""),
      });
      if (result.ok) {
        setErrors({});
        setMessage({ tone: "success", text: `Added ${result.data.email}. Give them the password through a separate channel.` });
        form.current?.reset();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage({ tone: "error", text: result.message });
      }
    });
  }

  return (
    <details className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer text-sm font-medium">Add a local user</summary>
      <form ref={form} onSubmit={submit} className="mt-4 flex flex-wrap items-start gap-4" noValidate>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Email
          <input name="email" type="email" className={input} />
          <FieldError errors={errors.email} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Name
          <input name="name" className={input} />
          <FieldError errors={errors.name} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Initial password (12+ characters)
          <input name="password" type="password" autoComplete="new-password" className={input} />
          <FieldError errors={errors.password} />
        </label>
        <fieldset className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          <legend>Roles</legend>
          <div className="flex gap-3 pt-1">
            {ROLES.map((role) => (
              <label key={role} className="flex items-center gap-1 font-normal text-slate-800">
                <input type="checkbox" name="roles" value={role} defaultChecked={role === "member"} />
                {ROLE_LABELS[role]}
              </label>
            ))}
          </div>
          <FieldError errors={errors.roles} />
        </fieldset>
        <button type="submit" disabled={pending} className="self-center rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
          Add user
        </button>
      </form>
      {message && (
        <p role={message.tone === "error" ? "alert" : "status"} className={`mt-3 text-sm ${message.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
          {message.text}
        </p>
      )}
    </details>
  );
}
