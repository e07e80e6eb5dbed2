import type { CampaignPreview } from "@/lib/domain/reviews/launch/preview-campaign";

const n = (x: number) => x.toLocaleString("en-US");
const RUNG_LABELS: Record<string, string> = {
  owner: "owner",
  backup_owner: "backup owner",
  fallback: "fallback reviewer",
  campaign_owner: "campaign owner",
  none: "nobody",
};

/** The launch preview's answer, in words and numbers: what launching would create. */
export function CampaignPreviewView({ preview, stale }: { preview: CampaignPreview; stale: boolean }) {
  const skipped = preview.ownerSkipped;
  const skippedTotal = skipped.missing + skipped.deactivated + skipped.not_eligible;
  return (
    <section aria-labelledby="preview-heading" className="rounded-lg border border-slate-300 bg-white p-5" data-testid="campaign-preview">
      <h2 id="preview-heading" className="text-base font-semibold">
        Launch preview
      </h2>
      {stale && (
        <p className="mt-1 text-sm font-medium text-amber-900">
          The form has changed since this preview: preview again to see the new figures.
        </p>
      )}
      <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        {[
          ["Identities to review", preview.items],
          ["Scopes", preview.scopes],
          ["Risky identities", preview.riskyItems],
          ["With no reviewer", preview.noReviewer],
        ].map(([label, value]) => (
          <div key={label as string} className="rounded-md bg-slate-50 p-3">
            <dt className="text-xs uppercase text-slate-600">{label}</dt>
            <dd className={`text-xl font-semibold ${label === "With no reviewer" && (value as number) > 0 ? "text-red-700" : ""}`}>
              {n(value as number)}
            </dd>
          </div>
        ))}
      </dl>
      {preview.items === 0 && (
        <p className="mt-3 text-sm font-medium text-amber-900">Nothing is in scope: launching now would create an empty run.</p>
      )}

      <h3 className="mt-4 text-sm font-semibold">Owners passed over</h3>
      {skippedTotal === 0 ? (
        <p className="text-sm text-slate-700">None: every identity in scope has an active owner who may review.</p>
      ) : (
        <ul className="list-inside list-disc text-sm text-slate-800">
          {skipped.missing > 0 && <li>{n(skipped.missing)} without an owner</li>}
          {skipped.deactivated > 0 && <li>{n(skipped.deactivated)} whose owner is deactivated</li>}
          {skipped.not_eligible > 0 && <li>{n(skipped.not_eligible)} whose owner has a role that may not review (an auditor, say)</li>}
          <li className="list-none text-xs text-slate-600">
            These go to the next rung of the rule: backup owner, then fallback reviewers, then the campaign owner.
          </li>
        </ul>
      )}

      <h3 className="mt-4 text-sm font-semibold">Items per reviewer</h3>
      {preview.reviewers.length === 0 ? (
        <p className="text-sm text-slate-700">No reviewer would be assigned.</p>
      ) : (
        <div className="max-h-72 overflow-y-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Items each reviewer would get, and why</caption>
            <thead className="text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Reviewer
                </th>
                <th scope="col" className="py-1 pr-3 text-right font-medium">
                  Items
                </th>
                <th scope="col" className="py-1 font-medium">
                  As
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {preview.reviewers.map((r) => (
                <tr key={r.reviewerId}>
                  <td className="py-1 pr-3">
                    {r.name} <span className="text-xs text-slate-600">{r.email}</span>
                  </td>
                  <td className="py-1 pr-3 text-right tabular-nums">{n(r.items)}</td>
                  <td className="py-1 text-xs text-slate-700">
                    {Object.entries(r.rungs)
                      .map(([rung, count]) => `${RUNG_LABELS[rung] ?? rung} ${n(count ?? 0)}`)
                      .join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 className="mt-4 text-sm font-semibold">Recommendations</h3>
      <p className="text-sm text-slate-800">
        {Object.entries(preview.recommendations)
          .sort((a, b) => b[1] - a[1])
          .map(([rec, count]) => `${rec} ${n(count)}`)
          .join(" · ") || "none"}
      </p>

      <h3 className="mt-4 text-sm font-semibold">If nobody answers: {preview.nonResponse.label}</h3>
      <p className="text-sm text-slate-800">{preview.nonResponse.text}</p>
    </section>
  );
}
