"use client";

import { useEffect, useState } from "react";
import { setRolesAction, setStatusAction } from "@/app/(console)/admin/users/actions";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/domain/authz/roles";
import type { UserDto } from "@/lib/domain/users/user-dto";
import { Button } from "../ui/button";
import { Checkbox } from "../ui/controls";
import { FormStatus } from "../ui/form-status";
import { Td } from "../ui/table";
import { useActionForm } from "../ui/use-action-form";

type Change = { roles: Role[] } | { status: "active" | "deactivated" };

/** One user; `editable` is a convenience for admins only, the server authorizes every change anyway. */
export function UserRow({ user, isSelf, editable }: { user: UserDto; isSelf: boolean; editable: boolean }) {
  const [roles, setRoles] = useState<Role[]>(user.roles);
  // Roles and status share one outcome line: the row says what happened last.
  const change = useActionForm(
    (c: Change) =>
      "roles" in c
        ? setRolesAction({ userId: user.id, roles: c.roles, expectedRoles: user.roles })
        : setStatusAction({ userId: user.id, status: c.status }),
    {
      success: (_, c) =>
        "roles" in c ? "Roles saved." : c.status === "deactivated" ? "Deactivated: access ends at their next request." : "Reactivated.",
    },
  );
  const savedRoles = user.roles.join();
  // After a save the server sends the stored roles; show those, not the checkboxes as they were clicked.
  useEffect(() => setRoles(savedRoles ? (savedRoles.split(",") as Role[]) : []), [savedRoles]);
  const changed = roles.slice().sort().join() !== user.roles.join();
  const toggle = (role: Role) => setRoles((current) => (current.includes(role) ? current.filter((r) => r !== role) : [...current, role]));

  return (
    <tr data-testid={`user-row-${user.email}`}>
      <Td>
        <p className="font-medium">
          {user.name}
          {isSelf && <span className="ml-2 text-xs text-slate-600">(you)</span>}
        </p>
        <p className="text-slate-600">{user.email}</p>
        <p className="text-xs text-slate-600">
          {user.authSource === "oidc" ? "Single sign-on (roles follow IdP groups at each sign-in)" : "Local account"}
        </p>
      </Td>
      <Td>
        {!editable ? (
          <span>{user.roles.map((r) => ROLE_LABELS[r]).join(", ")}</span>
        ) : (
          <>
            <fieldset className="flex flex-wrap gap-3" disabled={change.pending}>
              <legend className="sr-only">Roles of {user.email}</legend>
              {ROLES.map((role) => (
                <Checkbox
                  key={role}
                  checked={roles.includes(role)}
                  onChange={() => toggle(role)}
                  aria-label={`${ROLE_LABELS[role]} role for ${user.email}`}
                  label={ROLE_LABELS[role]}
                />
              ))}
            </fieldset>
            <Button
              variant="primary"
              size="sm"
              className="mt-2"
              disabled={!changed}
              pending={change.pending}
              onClick={() => change.run({ roles })}
            >
              Save roles
            </Button>
          </>
        )}
      </Td>
      <Td>
        <span
          className={`rounded px-2 py-0.5 text-xs font-medium ${user.status === "active" ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-800"}`}
        >
          {user.status}
        </span>
        <p className="mt-1 text-xs text-slate-600">
          Last sign-in: {user.lastSignInAt ? user.lastSignInAt.replace("T", " ").slice(0, 16) : "never"}
        </p>
      </Td>
      <Td>
        {editable && (
          <Button
            variant={user.status === "active" ? "danger" : "secondary"}
            size="sm"
            pending={change.pending}
            onClick={() => change.run({ status: user.status === "active" ? "deactivated" : "active" })}
          >
            {user.status === "active" ? "Deactivate" : "Reactivate"}
          </Button>
        )}
        <FormStatus message={change.message} className="mt-2 max-w-xs" />
      </Td>
    </tr>
  );
}
