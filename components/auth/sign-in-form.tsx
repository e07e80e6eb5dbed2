"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Button } from "../ui/button";
import { Input } from "../ui/controls";
import { Field } from "../ui/field";
import { FormStatus } from "../ui/form-status";
import type { ActionResult } from "../ui/form-result";
import { useActionForm } from "../ui/use-action-form";

/** next-auth's answer in the shape every form shows; its message is the server's, the same for any wrong email or password. */
async function signInLocal(credentials: { email: string; password: string }): Promise<ActionResult<null>> {
  const result = await signIn("local", { ...credentials, redirect: false });
  if (result?.ok && !result.error) return { ok: true, data: null };
  return { ok: false, code: "UNAUTHENTICATED", message: result?.error ?? "Sign-in failed. Try again." };
}

/** `callbackUrl` is a path on this site, already checked by the page (lib/auth/callback-url.ts). */
export function SignInForm({
  ssoName,
  initialError,
  callbackUrl,
}: {
  ssoName: string | null;
  initialError: string | null;
  callbackUrl: string;
}) {
  const router = useRouter();
  const form = useActionForm(signInLocal, { initialError, onSuccess: () => router.replace(callbackUrl) });

  return (
    <div className="flex flex-col gap-6">
      <FormStatus message={form.message} />
      {ssoName && (
        <>
          <Button variant="primary" size="lg" onClick={() => signIn("oidc", { callbackUrl })}>
            Continue with {ssoName}
          </Button>
          <p className="text-center text-xs uppercase tracking-wide text-slate-600">or with a local account</p>
        </>
      )}
      <form
        onSubmit={form.onSubmit((text) => ({ email: text("email"), password: text("password") }))}
        className="flex flex-col gap-4"
        noValidate
      >
        <Field label="Email">
          <Input name="email" type="email" autoComplete="username" required />
        </Field>
        <Field label="Password">
          <Input name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button type="submit" variant={ssoName ? "secondary" : "primary"} size="lg" pending={form.pending} pendingLabel="Signing in…">
          Sign in
        </Button>
      </form>
    </div>
  );
}
