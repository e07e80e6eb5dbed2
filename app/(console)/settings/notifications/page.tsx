import Link from "next/link";
import { NotificationSettingsForm } from "@/components/notifications/settings-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { PageProblem } from "@/components/ui/page-problem";
import { requireActor } from "@/lib/auth/actor";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { getNotificationSettings } from "@/lib/domain/notifications/settings";
import { getConfig } from "@/lib/config/env";

export const metadata = { title: "Notification settings" };

export default async function NotificationSettingsPage() {
  const actor = await requireActor();
  const result = await runAsActor(getNotificationSettings, {});
  if (!result.ok && result.code === "FORBIDDEN")
    return <PageProblem kind="forbidden" message={result.message} back={{ href: "/inbox", label: "Back to your inbox" }} />;
  const mailConfigured = getConfig().mail.smtpUrl !== null;
  return (
    <>
      <PageHeader
        title="Notification settings"
        description={`What the console tells you, and how. Everything you keep arrives in your inbox; mail goes to ${actor.email}.`}
        actions={
          <Link href="/inbox" className="text-sm underline underline-offset-2">
            Back to your inbox
          </Link>
        }
      />
      {!mailConfigured && (
        <div className="mb-4 max-w-3xl">
          <Alert tone="info">
            This console has no mail server configured (SMTP_URL), so for now notifications reach you in the inbox only. Your mail choices
            below apply once an admin sets one up.
          </Alert>
        </div>
      )}
      {result.ok ? <NotificationSettingsForm settings={result.data} /> : <Alert tone="error">{result.message}</Alert>}
    </>
  );
}
