"use client";

import type { Environment, Level } from "@/lib/domain/registry/vocabulary";
import { ConfirmDialog } from "./confirm-dialog";

export type ScopeChange = { resource: string; action: string; level: Level; environment: Environment | null };

const where = (environment: Environment | null) => (environment ? `in ${environment}` : "in every environment");

/**
 * Why granting this scope deserves a second look, one sentence per reason; empty when it does not.
 * Admin is the level that can change the resource's own access; a `*` (`*`, `s3:*`, `arn:…:*`) grants
 * whatever it matches today and whatever is added later, which nobody has reviewed.
 */
export function scopeRisks(scope: ScopeChange): string[] {
  const risks: string[] = [];
  if (scope.level === "admin")
    risks.push(
      `Admin ${where(scope.environment)} lets this identity change or delete anything "${scope.action}" covers on "${scope.resource}", ` +
        "including who else may use it, and anyone who obtains its credential can do the same.",
    );
  for (const [field, value] of [
    ["resource", scope.resource],
    ["action", scope.action],
  ] as const)
    if (value.includes("*"))
      risks.push(
        `The ${field} "${value}" is a wildcard: it grants every ${field} it matches, including ones added later that nobody reviewed.`,
      );
  return risks;
}

/** Asks before a risky scope is granted, saying why it matters and what least privilege would grant instead. */
export function ConfirmScope({
  scope,
  onConfirm,
  onCancel,
  returnFocus,
}: {
  scope: ScopeChange & { risks: string[] };
  onConfirm: () => void;
  onCancel: () => void;
  /** The control the person changed, when it is not the one that has focus (a select changed by script). */
  returnFocus?: HTMLElement | null;
}) {
  return (
    <ConfirmDialog
      title="Grant this scope?"
      confirmLabel={`Grant ${scope.level} scope`}
      onConfirm={onConfirm}
      onCancel={onCancel}
      returnFocus={returnFocus}
    >
      <p>
        <span className="font-mono text-xs">{scope.action}</span> on <span className="font-mono text-xs">{scope.resource}</span>, level{" "}
        <strong>{scope.level}</strong>, {where(scope.environment)}.
      </p>
      <ul className="list-disc pl-5">
        {scope.risks.map((risk) => (
          <li key={risk}>{risk}</li>
        ))}
      </ul>
      <p>
        Least privilege: grant the narrowest level and the named actions and resources the work needs; a reviewer will ask why this identity
        holds more.
      </p>
    </ConfirmDialog>
  );
}
