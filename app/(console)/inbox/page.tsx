import Link from "next/link";
import { InboxList, MarkAllReadButton } from "@/components/notifications/inbox-list";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { Pager } from "@/components/ui/pager";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { can } from "@/lib/domain/authz/policy";
import { listInbox } from "@/lib/domain/notifications/list-inbox";

export const metadata = { title: "Inbox" };

type Search = { unread?: string; page?: string };

export default async function InboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { unread, page } = await searchParams;
  const actor = await requireActor();
  const result = await runAsActor(listInbox, { unread, page });
  if (!result.ok && result.code === "FORBIDDEN") return <PageProblem kind="forbidden" message={result.message} />;
  const tab = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-slate-900 text-white" : "text-slate-700 underline-offset-2 hover:underline"}`;
  return (
    <>
      <PageHeader
        title="Inbox"
        description="What the console told you: credentials of identities you own that expire, reviews and requests that wait for you. Each entry links to the thing it is about."
        actions={
          <>
            {result.ok && result.data.unread > 0 && <MarkAllReadButton unread={result.data.unread} />}
            {can(actor, "notification.settings") && (
              <Link href="/settings/notifications" className={buttonClass()}>
                Notification settings
              </Link>
            )}
          </>
        }
      />
      {result.ok ? (
        <>
          <nav aria-label="Which entries" className="mb-4 flex gap-2">
            <Link href="/inbox" className={tab(!result.data.unreadOnly)} aria-current={!result.data.unreadOnly ? "page" : undefined}>
              All
            </Link>
            <Link href="/inbox?unread=1" className={tab(result.data.unreadOnly)} aria-current={result.data.unreadOnly ? "page" : undefined}>
              Unread ({result.data.unread >= 1000 ? "1,000+" : result.data.unread.toLocaleString("en-US")})
            </Link>
          </nav>
          <InboxList entries={result.data.entries} now={new Date().toISOString()} unreadOnly={result.data.unreadOnly} />
          {result.data.total > result.data.pageSize && (
            <Pager
              page={result.data.page}
              pageSize={result.data.pageSize}
              total={result.data.total}
              params={{ unread: result.data.unreadOnly ? "1" : undefined }}
            />
          )}
        </>
      ) : (
        <Alert tone="error">{result.message}</Alert>
      )}
    </>
  );
}
