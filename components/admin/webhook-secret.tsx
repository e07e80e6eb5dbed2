"use client";

import { CopyText } from "../registry/copy-text";

/**
 * A signing secret, shown the one time it exists in the clear (after creating an endpoint or rotating its
 * secret), with a copy button and what to do with it.
 */
export function WebhookSecret({ secret, title }: { secret: string; title: string }) {
  return (
    <div
      role="status"
      className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
      data-testid="webhook-secret"
    >
      <p className="font-semibold">{title}</p>
      <p className="mt-1">
        Copy it now: it is shown only this once. Your receiver uses it to check the <code>X-NHI-Signature</code> header of every delivery
        (HMAC-SHA256 over the timestamp and the body).
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-amber-300" data-testid="webhook-secret-value">
          {secret}
        </code>
        <CopyText text={secret} label="Copy the signing secret" />
      </div>
    </div>
  );
}
