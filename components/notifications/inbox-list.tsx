"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { markReadAction } from "@/app/(console)/inbox/actions";
import type { InboxEntryDto } from "@/lib/domain/notifications/list-inbox";
import { Button } from "../ui/button";
import { FormStatus } from "../ui/form-status";
import { relativeTime } from "../ui/relative-time";
import { EmptyState } from "../ui/table";
import { useActionForm } from "../ui/use-action-form";

const MAIL: Record<string, string | null> = {
  pending: "mail on its way",
  sent: "mailed to you",
  digest: "in your next daily digest",
  skipped: null,
  failed: "the mail could not be delivered",
};

function Entry({ entry, now }: { entry: InboxEntryDto; now: string }) {
  const router = useRouter();
  const [opening, setOpening] = useState(false);
  const mark = useActionForm(markReadAction);
  const mail = MAIL[entry.emailStatus] ?? null;
  return (
    <li data-testid="inbox-entry" className={`flex gap-3 px-4 py-3 ${entry.read ? "" : "bg-sky-50/60"}`}>
      <span aria-hidden className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${entry.read ? "bg-transparent" : "bg-sky-600"}`} />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-baseline gap-x-2">
          <Link
            href={entry.link}
            // Opening an entry reads it, then goes there (so the unread count on the next page is right); the
            // link works the same without JavaScript or with a modifier key (it then stays unread).
            onClick={(event) => {
              if (entry.read || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
              event.preventDefault();
              setOpening(true);
              markReadAction({ id: entry.id })
                .catch(() => undefined)
                .finally(() => router.push(entry.link));
            }}
            aria-busy={opening || undefined}
            className={`underline-offset-2 hover:underline ${entry.read ? "font-normal text-slate-800" : "font-semibold text-slate-950"}`}
          >
            {entry.title}
          </Link>
          {!entry.read && <span className="sr-only">(unread)</span>}
        </p>
        {/* The first paragraph says what happened; the rest (why you got it) is in the mail and on the item. */}
        {entry.body && <p className="mt-1 line-clamp-2 text-sm text-slate-700">{entry.body.split(/\n\s*\n/)[0]}</p>}
        <p className="mt-1 text-xs text-slate-600">
          {entry.eventLabel} ·{" "}
          <time dateTime={entry.createdAt} title={entry.createdAt.replace("T", " ").slice(0, 19) + " UTC"}>
            {relativeTime(entry.createdAt, new Date(now))}
          </time>
          {mail && <> · {mail}</>}
        </p>
        <FormStatus message={mark.message} className="mt-2 max-w-md" />
      </div>
      {!entry.read && (
        <Button
          size="sm"
          className="self-start"
          pending={mark.pending}
          onClick={() => mark.run({ id: entry.id })}
          aria-label={`Mark read: ${entry.title}`}
        >
          Mark read
        </Button>
      )}
    </li>
  );
}

/** The inbox's entries, newest first; unread ones stand out and can be marked read one by one. */
export function InboxList({ entries, now, unreadOnly }: { entries: InboxEntryDto[]; now: string; unreadOnly: boolean }) {
  if (entries.length === 0)
    return (
      <EmptyState>
        {unreadOnly
          ? "Nothing unread. You are up to date."
          : "Your inbox is empty. The console writes here when something needs you: a credential of an identity you own expires (checked every hour), a review or a request waits for your decision."}
      </EmptyState>
    );
  return (
    <ul aria-label="Inbox entries" className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white">
      {entries.map((entry) => (
        <Entry key={entry.id} entry={entry} now={now} />
      ))}
    </ul>
  );
}

export function MarkAllReadButton({ unread }: { unread: number }) {
  const mark = useActionForm(markReadAction, {
    success: (data) => `${data.marked.toLocaleString("en-US")} ${data.marked === 1 ? "entry" : "entries"} marked read.`,
  });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button pending={mark.pending} pendingLabel="Marking…" onClick={() => mark.run({ all: true })}>
        Mark all read ({unread >= 1000 ? "1,000+" : unread.toLocaleString("en-US")})
      </Button>
      <FormStatus message={mark.message} />
    </div>
  );
}
