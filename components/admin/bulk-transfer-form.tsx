"use client";

import { useState, useTransition, type FormEvent } from "react";
import { transferOwnedIdentitiesAction } from "@/app/(console)/registry/actions";
import type { UserDto } from "@/lib/domain/users/user-dto";
import { Alert } from "../ui/alert";

const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** Counts first (a dry run), then moves everything the departed person owned or backed up. */
export function BulkTransferForm({ users }: { users: UserDto[] }) {
  const [pending, startTransition] = useTransition();
  const [preview, setPreview] = useState<{ fromUserId: string; toUserId: string; owner: number; backupOwner: number } | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  function count(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget)) as { fromUserId: string; toUserId: string };
    startTransition(async () => {
      const result = await transferOwnedIdentitiesAction({ ...data, dryRun: true });
      if (result.ok) {
        setPreview({ ...data, ...result.data });
        setMessage(null);
      } else setMessage({ tone: "error", text: result.message });
    });
  }

  function transfer() {
    if (!preview) return;
    startTransition(async () => {
      const result = await transferOwnedIdentitiesAction({ fromUserId: preview.fromUserId, toUserId: preview.toUserId, dryRun: false });
      setPreview(null);
      setMessage(result.ok ? { tone: "success", text: `Transferred ${result.data.owner} owned and ${result.data.backupOwner} backed-up identities.` } : { tone: "error", text: result.message });
    });
  }

  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <form onSubmit={count} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Bulk transfer">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          From (departed owner)
          <select name="fromUserId" className={input}>
            {users.map((u) => <option key={u.id} value={u.id}>{u.name} ({u.email}){u.status === "deactivated" ? " — deactivated" : ""}</option>)}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          To
          <select name="toUserId" className={input}>
            {users.filter((u) => u.status === "active").map((u) => <option key={u.id} value={u.id}>{u.name} ({u.email})</option>)}
          </select>
        </label>
        <button type="submit" disabled={pending} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium">Count identities</button>
      </form>
      {preview && (
        <Alert tone="info">
          {preview.owner} identities owned and {preview.backupOwner} backed up will move.{" "}
          <button type="button" onClick={transfer} disabled={pending || preview.owner + preview.backupOwner === 0} className="ml-2 rounded-md bg-slate-900 px-3 py-1 text-sm font-medium text-white disabled:opacity-40">
            Transfer them
          </button>
        </Alert>
      )}
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
    </div>
  );
}
