"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { setRolesAction, setStatusAction, setTeamAction } from "@/app/(console)/admin/users/actions";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/domain/authz/roles";
import type { PersonDto } from "@/lib/domain/registry/identity-dto";
import type { Holdings } from "@/lib/domain/users/list-holdings";
import type { UserStatusResult } from "@/lib/domain/users/set-user-status";
import type { UserDto } from "@/lib/domain/users/user-dto";
import { ConfirmDialog } from "../registry/confirm-dialog";
import { PeopleOptions } from "../registry/people-options";
import { Button } from "../ui/button";
import { Checkbox, Input, Select } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import { Td } from "../ui/table";
import { useActionForm } from "../ui/use-action-form";

type Change = { roles: Role[] } | { team: string } | { status: "active" | "deactivated"; transferToUserId?: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * One user; `editable` is a convenience for admins only, the server authorizes every change anyway.
 * Deactivating someone who owns or backs up identities asks, in the same step, who takes them on.
 */
export function UserRow({
  user,
  isSelf,
  editable,
  holdings,
  people = [],
}: {
  user: UserDto;
  isSelf: boolean;
  editable: boolean;
  holdings?: Holdings;
  /** Who may take the person's identities on (active, with a role that may own). */
  people?: PersonDto[];
}) {
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [team, setTeam] = useState(user.team ?? "");
  const [asking, setAsking] = useState(false);
  const [heir, setHeir] = useState("");
  const held = (holdings?.owner ?? 0) + (holdings?.backupOwner ?? 0);
  const heirs = people.filter((p) => p.id !== user.id);
  // Roles, team and status share one outcome line: the row says what happened last.
  const change = useActionForm(
    (c: Change) =>
      "roles" in c
        ? setRolesAction({ userId: user.id, roles: c.roles, expectedRoles: user.roles })
        : "team" in c
          ? setTeamAction({ userId: user.id, team: c.team })
          : setStatusAction({ userId: user.id, status: c.status, transferToUserId: c.transferToUserId }),
    {
      success: (data, c) => {
        if ("roles" in c) return "Roles saved.";
        if ("team" in c) return (data as UserDto).team ? `Team saved: ${(data as UserDto).team}.` : "Team removed.";
        if (c.status === "active") return "Reactivated.";
        const { moved } = data as UserStatusResult;
        const to = people.find((p) => p.id === c.transferToUserId)?.name ?? "the new owner";
        const handedOn = moved
          ? ` ${plural(moved.owner, "owned identity", "owned identities")} and ${plural(moved.backupOwner, "backed-up identity", "backed-up identities")} went to ${to}.`
          : "";
        return `Deactivated: access ends at their next request.${handedOn}`;
      },
    },
  );
  const savedRoles = user.roles.join();
  // After a save the server sends the stored roles; show those, not the checkboxes as they were clicked.
  useEffect(() => setRoles(savedRoles ? (savedRoles.split(",") as Role[]) : []), [savedRoles]);
  const changed = roles.slice().sort().join() !== user.roles.join();
  // After a save the server sends the stored team (trimmed); show that.
  useEffect(() => setTeam(user.team ?? ""), [user.team]);
  const teamChanged = team.trim() !== (user.team ?? "");
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
        {!editable ? (
          <span>{user.team ?? <span className="text-slate-600">none</span>}</span>
        ) : (
          <>
            <Input
              value={team}
              onChange={(e) => setTeam(e.target.value)}
              maxLength={100}
              placeholder="no team"
              aria-label={`Team of ${user.email}`}
              aria-invalid={change.errors.team ? true : undefined}
              disabled={change.pending}
              className="w-36"
            />
            <Button
              variant="secondary"
              size="sm"
              className="mt-2 block"
              disabled={!teamChanged}
              pending={change.pending}
              onClick={() => change.run({ team })}
            >
              Save team
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
        {holdings && held > 0 && (
          <p className="mt-1 text-xs text-slate-700">
            <Link href={`/registry?owner=${user.id}`} className="underline underline-offset-2">
              Owns {holdings.owner}
            </Link>
            , backs up {holdings.backupOwner}
          </p>
        )}
      </Td>
      <Td>
        {editable && (
          <Button
            variant={user.status === "active" ? "danger" : "secondary"}
            size="sm"
            pending={change.pending}
            onClick={() => {
              // Whoever may be deactivated and holds identities is asked who takes them on (oneself never may be).
              if (user.status === "active" && held > 0 && !isSelf) setAsking(true);
              else change.run({ status: user.status === "active" ? "deactivated" : "active" });
            }}
          >
            {user.status === "active" ? "Deactivate" : "Reactivate"}
          </Button>
        )}
        {asking && holdings && (
          <ConfirmDialog
            title={`Deactivate ${user.name}?`}
            confirmLabel={heir ? "Deactivate and transfer" : "Deactivate"}
            onCancel={() => setAsking(false)}
            onConfirm={() => {
              setAsking(false);
              change.run({ status: "deactivated", transferToUserId: heir || undefined });
            }}
          >
            <p>
              {user.name} owns {plural(holdings.owner, "identity", "identities")} and backs up{" "}
              {plural(holdings.backupOwner, "identity", "identities")}. Hand them on now, in the same step, so none is left with a
              deactivated owner: each identity&apos;s history records it.
            </p>
            <Field label="Transfer them to">
              <Select value={heir} onChange={(e) => setHeir(e.target.value)}>
                <option value="">Nobody for now (they keep a deactivated owner)</option>
                <PeopleOptions people={heirs} withEmail />
              </Select>
            </Field>
          </ConfirmDialog>
        )}
        <FormStatus message={change.message} className="mt-2 max-w-xs" />
      </Td>
    </tr>
  );
}
