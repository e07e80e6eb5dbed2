import { IdentityProblems, PostureFindings, UnreadEntries, WaitingForYou } from "@/components/home/my-work";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireConsole } from "@/lib/auth/require-console";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { getMyWork } from "@/lib/domain/notifications/my-work";

export const metadata = { title: "My work" };

/** The start page: what needs the signed-in person now. */
export default async function MyWorkPage() {
  const user = await requireConsole();
  const result = await runAsActor(getMyWork, {});
  return (
    <>
      <PageHeader
        title="My work"
        description={`Welcome, ${user.name}. What needs you now, across the identities you own and what waits for your decision.`}
      />
      {result.ok ? (
        <div className="grid max-w-5xl gap-4 lg:grid-cols-2">
          {result.data.identities && (
            <div className="lg:col-span-2">
              <IdentityProblems data={result.data.identities} />
            </div>
          )}
          {result.data.findings && (
            <div className="lg:col-span-2">
              <PostureFindings
                data={result.data.findings}
                ownsIdentities={
                  (result.data.identities?.owned ?? 0) + (result.data.identities?.backup ?? 0) > 0 ||
                  result.data.findings.owned + result.data.findings.backup > 0
                }
                now={new Date().toISOString()}
              />
            </div>
          )}
          <UnreadEntries inbox={result.data.inbox} now={new Date().toISOString()} />
          <WaitingForYou reviews={result.data.reviews} breakglass={result.data.breakglass} now={new Date().toISOString()} />
        </div>
      ) : (
        <Alert tone="error">{result.message}</Alert>
      )}
    </>
  );
}
