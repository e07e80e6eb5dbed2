import Link from "next/link";
import { lastPage } from "@/lib/domain/shared/pages";

/** Page links that keep every other parameter (filters) of the current URL. */
export function Pager({
  page,
  pageSize,
  total,
  params,
}: {
  page: number;
  pageSize: number;
  total: number;
  params: Record<string, string | undefined>;
}) {
  const pages = lastPage(total, pageSize);
  const href = (p: number) =>
    `?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(params).filter(([, v]) => v)) as Record<string, string>), page: String(p) })}`;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center gap-4 text-sm text-slate-600">
      <span>
        {total} result{total === 1 ? "" : "s"} · page {page} of {pages}
      </span>
      {page > 1 && (
        <Link className="underline" href={href(page - 1)}>
          « Previous
        </Link>
      )}
      {page < pages && (
        <Link className="underline" href={href(page + 1)}>
          Next »
        </Link>
      )}
    </nav>
  );
}
