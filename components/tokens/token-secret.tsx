"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { CopyText } from "../registry/copy-text";

/**
 * A new API token, shown the one time it exists in the clear, with a copy button, what to do with it and a
 * first call to try. The console keeps only its SHA-256: once this is gone, the token cannot be shown again.
 */
export function TokenSecret({
  secret,
  name,
  expiresAt,
  identityId,
}: {
  secret: string;
  name: string;
  expiresAt: string;
  /** The registry entry of a service or AI-agent token (personal tokens have none). */
  identityId?: string | null;
}) {
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  return (
    <div
      role="status"
      className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
      data-testid="token-secret"
    >
      <p className="font-semibold">Your new token {name}</p>
      <p className="mt-1">
        Copy it now: it is shown only this once. The console keeps only a fingerprint of it and cannot show it again (if you lose it, revoke
        it and make another). Keep it in a password manager or your CI&apos;s secret store, never in code. It works until{" "}
        {expiresAt.slice(0, 10)}.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-amber-300" data-testid="token-secret-value">
          {secret}
        </code>
        <CopyText text={secret} label="Copy the token" />
      </div>
      <p className="mt-3">
        Try it: put the token in <code>NHIC_TOKEN</code> (it goes in the Authorization header of every call); this call needs{" "}
        <code>registry.read</code>.
      </p>
      <pre className="mt-1 overflow-x-auto rounded bg-white p-2 font-mono text-xs ring-1 ring-amber-300">
        {`export NHIC_TOKEN='paste the token here'\ncurl -H "Authorization: Bearer $NHIC_TOKEN" ${origin || "https://console.example"}/api/registry/identities`}
      </pre>
      {identityId && (
        <p className="mt-3">
          It is a non-human identity in the registry like any other:{" "}
          <Link href={`/registry/${identityId}`} className="underline">
            open its registry entry
          </Link>{" "}
          to see its owner, scopes and history.
        </p>
      )}
    </div>
  );
}
