"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

/** Ends every session of this user on the server (other devices, copied cookies), then this one's cookie. */
export function SignOutEverywhereButton() {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function signOutEverywhere() {
    setPending(true);
    setProblem(null);
    const response = await fetch("/api/auth/sign-out-everywhere", { method: "POST" }).catch(() => null);
    // 401: this session had already ended, so there is nothing left to end on the server.
    if (response && (response.ok || response.status === 401)) {
      await signOut({ callbackUrl: "/signin?signedOut=1" });
      return;
    }
    setPending(false);
    setProblem("Could not sign out everywhere. Try again.");
  }

  return (
    <>
      <button
        type="button"
        onClick={signOutEverywhere}
        disabled={pending}
        aria-busy={pending || undefined}
        className="w-full rounded-md px-3 py-1 text-xs text-slate-300 hover:bg-slate-800 hover:text-slate-100 disabled:opacity-50"
      >
        Sign out everywhere
      </button>
      {problem && (
        <p role="alert" className="px-1 text-xs text-red-300">
          {problem}
        </p>
      )}
    </>
  );
}
