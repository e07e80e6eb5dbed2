"use client";

import { useEffect, useState, useTransition } from "react";
import { setRolesAction, setStatusAction } from "@/app/(console)/admin/users/actions";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/domain/authz/roles";
import type { UserDto } from "@/lib/domain/users/user-dto";

type Message = { tone: "error" | "success"; text: string } | null;

/** One user; `editable` is a convenience for admins only, the server authorizes every change anyway. */
export function UserRow({ user, isSelf, editable }: { user: UserDto; isSelf: boolean; editable: boolean }) {
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [message, setMessage] = useState<Message>(null);
  const [pending, startTransition] = useTransition();
  const savedRoles = user.roles.join();
  // After a save the server sends the stored roles; show those, not the checkboxes as they were clicked.
  useEffect(() => setRoles(savedRoles ? (savedRoles.split(",") as Role[]) : []), [savedRoles]);
  const changed = roles.slice().sort().join() !== user.roles.join();

  function run(action: () => Promise<{ ok: boolean; message?: string }>, success: string) {
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? { tone: "success", text: success } : { tone: "error", text: result.message ?? "Failed." });
    });
  }

  const toggle = (role: Role) => setRoles((current) => (current.includes(role) ? current.filter((r) => r !== role) : [...current, role]));

  return (
    <tr className="align-top" data-testid={`user-row-${user.email}`}>
      <td className="px-3 py-3">
        <p className="font-medium">
          {user.name}
          {isSelf && <span className="ml-2 text-xs text-slate-500">(you)</span>}
        </p>
        <p className="text-slate-600">{user.email}</p>
        <p className="text-xs text-slate-500">
          {user.authSource === "oidc" ? "Single sign-on (roles follow IdP groups at each sign-in)" : "Local account"}
        </p>
      </td>
      <td className="px-3 py-3">
        {!editable ? (
          <span>{user.roles.map((r) => ROLE_LABELS[r]).join(", ")}</span>
        ) : (
          <>
            <fieldset className="flex flex-wrap gap-3" disabled={pending}>
              <legend className="sr-only">Roles of {user.email}</legend>
              {ROLES.map((role) => (
                <label key={role} className="flex items-center gap-1">
                  <input
                    type="checkbox"
                    checked={roles.includes(role)}
                    onChange={() => toggle(role)}
                    aria-label={`${ROLE_LABELS[role]} role for ${user.email}`}
                  />
                  {ROLE_LABELS[role]}
                </label>
              ))}
            </fieldset>
            <button
              type="button"
              disabled={!changed || pending}
              onClick={() => run(() => setRolesAction({ userId: user.id, roles, expectedRoles: user.roles }), "Roles saved.")}
              className="mt-2 rounded-md bg-slate-900 px-3 py-1 text-xs font-medium text-white disabled:opacity-40"
            >
              Save roles
            </button>
          </>
        )}
      </td>
      <td className="px-3 py-3">
        <span
          className={`rounded px-2 py-0.5 text-xs font-medium ${user.status === "active" ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-700"}`}
        >
          {user.status}
        </span>
        <p className="mt-1 text-xs text-slate-500">
          Last sign-in: {user.lastSignInAt ? user.lastSignInAt.replace("T", " ").slice(0, 16) : "never"}
        </p>
      </td>
      <td className="px-3 py-3">
        {editable && (
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              run(
                () => setStatusAction({ userId: user.id, status: user.status === "active" ? "deactivated" : "active" }),
                user.status === "active" ? "Deactivated: access ends at their next request." : "Reactivated.",
              )
            }
            className="rounded-md border border-slate-300 px-3 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-40"
          >
            {user.status === "active" ? "Deactivate" : "Reactivate"}
          </button>
        )}
        {message && (
          <p
            role={message.tone === "error" ? "alert" : "status"}
            className={`mt-2 max-w-xs text-xs ${message.tone === "error" ? "text-red-700" : "text-emerald-700"}`}
          >
            {message.text}
          </p>
        )}
      </td>
    </tr>
  );
}
