import type { ReactNode } from "react";
import type { PersonRef, ReviewItemDto } from "@/lib/domain/reviews/items/get-review-item";
import { relativeTime, shortDate } from "../ui/relative-time";
import { EmptyState, Table, Td } from "../ui/table";
import { RecommendationBadge, RiskBadge, reasonWithoutVerb } from "./item-badges";

export function ItemSection({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={id} className="mb-3 text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function PersonName({ person, missing = "nobody" }: { person: PersonRef | null; missing?: string }) {
  if (!person) return <span className="font-medium text-red-700">{missing}</span>;
  return (
    <>
      {person.name} <span className="text-slate-600">({person.email})</span>
      {!person.active && <span className="ml-1 font-medium text-red-700">deactivated</span>}
    </>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[11rem_1fr] gap-2 py-1.5">
      <dt className="text-sm text-slate-600">{term}</dt>
      <dd className="text-sm text-slate-900">{children}</dd>
    </div>
  );
}

const when = (iso: string | null, now: Date, none = "—") => (iso ? `${shortDate(iso)} (${relativeTime(iso, now)})` : none);
const USAGE: Record<string, string> = {
  known: "recorded by its source",
  never: "never used (its source says so)",
  unknown: "not reported by its source",
};

/** What the reviewer is asked, and what the console would do: the recommendation with its reason, first. */
export function ItemRecommendation({ item }: { item: ReviewItemDto }) {
  return (
    <div className="rounded-lg border border-slate-300 bg-slate-50 p-4" data-testid="recommendation">
      <p className="text-sm text-slate-700">Recommendation</p>
      <p className="mt-1 flex flex-wrap items-center gap-2 text-base font-medium text-slate-900">
        <RecommendationBadge recommendation={item.recommendation} />
        {reasonWithoutVerb(item.recommendation, item.recommendationReason)}
      </p>
    </div>
  );
}

/** The snapshot taken at launch: what the identity was when the review began (later edits do not change it). */
export function ItemEvidence({
  item,
  kindLabel,
  credentialLabel,
  now,
}: {
  item: ReviewItemDto;
  kindLabel: string;
  credentialLabel: string | null;
  now: Date;
}) {
  const id = item.identity;
  const neverUsed = id.usage === "never";
  return (
    <ItemSection id="evidence" title="Evidence (as it was at launch)">
      <dl className="divide-y divide-slate-100">
        <Row term="Purpose">{id.purpose || <span className="text-red-700">no purpose recorded</span>}</Row>
        <Row term="Owner">
          <PersonName person={id.owner} missing="no owner" />
        </Row>
        <Row term="Backup owner">
          <PersonName person={id.backupOwner} missing="no backup owner" />
        </Row>
        <Row term="Kind and platform">
          {kindLabel} on {id.platform} <span className="font-mono text-xs text-slate-600">{id.externalId}</span>
        </Row>
        <Row term="Environment">{id.environment}</Row>
        {(id.team || id.vendor) && (
          <Row term="Team / vendor">
            {id.team ?? "—"} / {id.vendor ?? "first party"}
          </Row>
        )}
        <Row term="Status at launch">{id.status}</Row>
        <Row term="Credential">
          {credentialLabel ?? "none recorded"}
          {id.activeCredentials > 1 && ` (${id.activeCredentials} active)`}
        </Row>
        <Row term="Credential age">
          {id.credentialAgeDays === null ? "—" : `${id.credentialAgeDays} days (issued ${shortDate(id.oldestCredentialAt)})`}
        </Row>
        <Row term="Last rotation">{when(id.credentialRotatedAt, now, "never rotated")}</Row>
        <Row term="Expiry">
          {id.neverExpires ? <span className="font-medium text-amber-900">never expires</span> : when(id.credentialExpiresAt, now)}
        </Row>
        <Row term="Last use">
          {id.lastUsedAt ? when(id.lastUsedAt, now) : neverUsed ? "never" : "unknown"}{" "}
          <span className="text-xs text-slate-600">· use {USAGE[id.usage] ?? id.usage}</span>
        </Row>
        {id.humanUse && <Row term="Human use">a person signs in with it</Row>}
      </dl>
    </ItemSection>
  );
}

export function ItemRisks({ item }: { item: ReviewItemDto }) {
  return (
    <ItemSection id="risks" title="Risks and open findings">
      {item.risks.length === 0 && item.findings.length === 0 ? (
        <p className="text-sm text-slate-700">No risk found at launch.</p>
      ) : (
        <>
          <div className="flex flex-wrap gap-1.5">
            {item.risks.map((r) => (
              <RiskBadge key={r.risk} label={r.label} />
            ))}
          </div>
          {item.findings.length > 0 && (
            <ul className="mt-3 space-y-1 text-sm">
              {item.findings.map((f) => (
                <li key={f.flag}>
                  <span className="font-medium">{f.label}</span>
                  {f.why && <span className="text-slate-700">: {f.why}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {item.keepNeedsReason && (
        <p className="mt-3 text-sm text-slate-700">
          Certifying it as it is needs a reason: you would keep {item.keepNeedsReason.replace(/^to keep /, "")}.
        </p>
      )}
    </ItemSection>
  );
}

/** This identity's earlier reviews: how others decided, and what became of it. */
export function ItemPreviousReviews({ item, decisionLabels }: { item: ReviewItemDto; decisionLabels: Record<string, string> }) {
  return (
    <ItemSection id="previous" title="Previous reviews of this identity">
      {item.previous.length === 0 ? (
        <EmptyState>This is the first review of this identity.</EmptyState>
      ) : (
        <Table caption="Previous reviews" framed={false} columns={["Campaign", "Decision", "Reason", "By", "When", "Outcome"]}>
          {item.previous.map((p) => (
            <tr key={p.itemId}>
              <Td>
                {p.campaignName} #{p.runNumber}
                <div className="text-xs text-slate-600">{p.runStatus}</div>
              </Td>
              <Td>{p.decision ? (decisionLabels[p.decision] ?? p.decision) : "no decision"}</Td>
              <Td className="max-w-80">{p.decisionReason ?? "—"}</Td>
              <Td>{p.decidedBy ? p.decidedBy.name : "—"}</Td>
              <Td className="whitespace-nowrap">{shortDate(p.decidedAt)}</Td>
              <Td>{p.outcome?.replaceAll("_", " ") ?? "—"}</Td>
            </tr>
          ))}
        </Table>
      )}
    </ItemSection>
  );
}
