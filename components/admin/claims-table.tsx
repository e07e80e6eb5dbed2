"use client";

import Link from "next/link";
import { undoClaimAction } from "@/app/(console)/admin/claims/actions";
import type { ClaimDto } from "@/lib/domain/registry/list-claims";
import { Button } from "../ui/button";
import { FormStatus } from "../ui/form-status";
import { EmptyState, Table, Td } from "../ui/table";
import { useActionForm } from "../ui/use-action-form";

const STATE_TEXT: Record<ClaimDto["state"], string> = {
  open: "The claimer owns it",
  undone: "Undone: ownerless again",
  moved: "Changed hands since",
};

function ClaimRow({ claim, mayUndo }: { claim: ClaimDto; mayUndo: boolean }) {
  const undo = useActionForm(undoClaimAction, { success: `Undone: "${claim.identity.name}" has no owner again.` });
  return (
    <tr data-testid={`claim-${claim.seq}`}>
      <Td>
        <time dateTime={claim.at}>
          {claim.at.slice(0, 10)}
          <span className="block text-xs text-slate-600">{claim.at.slice(11, 19)} UTC</span>
        </time>
      </Td>
      <Td>
        {claim.identity.exists ? (
          <Link href={`/registry/${claim.identity.id}`} className="font-medium underline underline-offset-2">
            {claim.identity.name}
          </Link>
        ) : (
          <span>{claim.identity.name} (removed)</span>
        )}
      </Td>
      <Td>{claim.claimer.label}</Td>
      <Td>
        {STATE_TEXT[claim.state]}
        {claim.state === "moved" && claim.owner && <span className="block text-xs text-slate-600">now {claim.owner.name}</span>}
      </Td>
      <Td>
        {mayUndo && claim.state === "open" && (
          <Button
            size="sm"
            variant="danger"
            pending={undo.pending}
            aria-label={`Undo the claim of ${claim.identity.name} by ${claim.claimer.label}`}
            onClick={() => undo.run({ id: claim.identity.id, claimSeq: claim.seq })}
          >
            Undo
          </Button>
        )}
        <FormStatus message={undo.message} className="mt-2 max-w-xs" />
      </Td>
    </tr>
  );
}

/** Claims, newest first, each with what became of it and, while the claimer still owns it, an Undo. */
export function ClaimsTable({ claims, mayUndo }: { claims: ClaimDto[]; mayUndo: boolean }) {
  if (claims.length === 0) return <EmptyState>Nobody has claimed an identity yet.</EmptyState>;
  return (
    <Table caption="Recent claims, newest first" columns={["When", "Identity", "Claimed by", "Now", { label: "Actions", hidden: true }]}>
      {claims.map((c) => (
        <ClaimRow key={c.seq} claim={c} mayUndo={mayUndo} />
      ))}
    </Table>
  );
}
