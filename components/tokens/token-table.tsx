import Link from "next/link";
import type { TokenDto, TokenStatus } from "@/lib/domain/tokens/token-dto";
import { relativeTime, shortDate } from "../ui/relative-time";
import { EmptyState, Table, Td } from "../ui/table";
import { TokenRevokeButton } from "./token-revoke-button";

const STATUS_TONES: Record<TokenStatus, string> = {
  active: "bg-emerald-100 text-emerald-800",
  expired: "bg-amber-100 text-amber-900",
  revoked: "bg-red-100 text-red-900",
};

const KIND_LABELS: Record<TokenDto["kind"], string> = { personal: "Personal", service: "Service", agent: "AI agent" };

/** A token's status as a word on a tint (the word carries it; the colour only helps). */
export function TokenStatusBadge({ status }: { status: TokenStatus }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_TONES[status]}`}>{status}</span>;
}

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** Tokens with what people need to judge them: what they may do, until when, when and where last used. */
export function TokenTable({
  tokens,
  showOwner,
  mayRevoke,
  now,
  empty,
}: {
  tokens: TokenDto[];
  showOwner: boolean;
  mayRevoke: (token: TokenDto) => boolean;
  now: Date;
  empty: string;
}) {
  if (tokens.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <Table
      caption="API tokens"
      columns={[
        "Token",
        "Kind",
        ...(showOwner ? ["Owner"] : []),
        "May do",
        "Status",
        "Expires",
        "Last used",
        { label: "Actions", hidden: true },
      ]}
      data-testid="token-table"
    >
      {tokens.map((t) => (
        <tr key={t.id} data-testid={`token-${t.prefix}`}>
          <Td>
            <span className="font-medium">{t.name}</span>
            <code className="block text-xs text-slate-600">{t.prefix}…</code>
            <span className="block max-w-xs text-xs text-slate-600">{t.purpose}</span>
            {t.identityId && (
              <Link href={`/registry/${t.identityId}`} className="text-xs underline">
                Registry entry
              </Link>
            )}
          </Td>
          <Td>{KIND_LABELS[t.kind]}</Td>
          {showOwner && (
            <Td>
              {t.owner.name}
              <span className="block text-xs text-slate-600">{t.owner.email}</span>
              {!t.owner.active && <span className="block text-xs text-red-800">deactivated</span>}
            </Td>
          )}
          <Td className="max-w-xs text-xs">
            <ul>
              {t.scopes.map((s) => (
                <li key={s}>
                  <code>{s}</code>
                </li>
              ))}
            </ul>
          </Td>
          <Td>
            <TokenStatusBadge status={t.status} />
            {t.revokedAt && <span className="block text-xs text-slate-600">{shortDate(t.revokedAt)}</span>}
          </Td>
          <Td title={utc(t.expiresAt)}>
            {shortDate(t.expiresAt)}
            <span className="block text-xs text-slate-600">{relativeTime(t.expiresAt, now)}</span>
          </Td>
          <Td>
            {t.lastUsedAt ? (
              <span title={utc(t.lastUsedAt)}>
                {relativeTime(t.lastUsedAt, now)}
                {t.lastUsedIp && <span className="block text-xs text-slate-600">from {t.lastUsedIp}</span>}
              </span>
            ) : (
              <span className="text-slate-600">never</span>
            )}
          </Td>
          <Td>
            {t.status !== "revoked" && mayRevoke(t) && (
              <TokenRevokeButton id={t.id} label={`${t.prefix} (${t.name})`} registered={!!t.identityId} />
            )}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
