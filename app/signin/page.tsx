import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Logo } from "@/components/shell/logo";
import { Alert } from "@/components/ui/alert";
import { currentActor } from "@/lib/auth/actor";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getConfig } from "@/lib/config/env";
import { SSO_REFUSED } from "@/lib/domain/users/provision-oidc-user";

export const metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// next-auth reports failures as codes in ?error=; each gets a sentence that says what to do.
const ERRORS: Record<string, string> = {
  "sso-refused": SSO_REFUSED,
  AccessDenied: SSO_REFUSED,
  OAuthSignin: "Single sign-on could not start. Try again, or ask an admin to check the identity provider settings.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  SessionRequired: "Please sign in.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  // Where the person was going before sign-in was asked for; anything but a path on this site is ignored.
  const callbackUrl = safeCallbackPath(params.callbackUrl) ?? "/";
  if (await currentActor()) redirect(callbackUrl);
  const oidc = getConfig().oidc;
  const error = params.error ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : null;
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <Logo />
        <h1 className="mt-6 text-xl font-semibold">Sign in</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">
          to govern your non-human identities: who owns them, what they may do, and when that was last checked.
        </p>
        {params.signedOut && (
          <div className="mb-4">
            <Alert tone="success">You are signed out.</Alert>
          </div>
        )}
        <SignInForm ssoName={oidc?.displayName ?? null} initialError={error} callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
