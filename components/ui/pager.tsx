import Link from "next/link";
import { lastPage } from "@/lib/domain/shared/pages";

/** A large estimate said the way people say it: two significant figures ("about 480,000"). */
export function roughly(n: number): string {
  if (n < 100) return n.toLocaleString("en-US");
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return (Math.round(n / step) * step).toLocaleString("en-US");
}

/**
 * Page links that keep every other parameter (filters) of the current URL.
 *
 * With an estimated total (a broad view of a large registry) the number of pages is an estimate too: Next
 * is offered because the page proved there is one (the total is never below what was seen), and Last links
 * to `page=last`, which the list answers with the real last page (counted exactly, read from the end)
 * rather than a page number guessed from the estimate.
 */
export function Pager({
  page,
  pageSize,
  total,
  estimated = false,
  params,
}: {
  page: number;
  pageSize: number;
  total: number;
  estimated?: boolean;
  params: Record<string, string | undefined>;
}) {
  const pages = lastPage(total, pageSize);
  const href = (p: number | "last") =>
    `?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(params).filter(([, v]) => v)) as Record<string, string>), page: String(p) })}`;
  const about = estimated ? "about " : "";
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center gap-4 text-sm text-slate-600">
      <span>
        {about}
        {estimated ? roughly(total) : total.toLocaleString("en-US")} result{total === 1 ? "" : "s"} · page {page.toLocaleString("en-US")} of{" "}
        {about}
        {estimated ? roughly(pages) : pages.toLocaleString("en-US")}
      </span>
      {page > 2 && (
        <Link className="underline" href={href(1)}>
          « First
        </Link>
      )}
      {page > 1 && (
        <Link className="underline" href={href(page - 1)}>
          ‹ Previous
        </Link>
      )}
      {page < pages && (
        <Link className="underline" href={href(page + 1)}>
          Next ›
        </Link>
      )}
      {page < pages && (estimated || page < pages - 1) && (
        <Link className="underline" href={href(estimated ? "last" : pages)}>
          Last »
        </Link>
      )}
    </nav>
  );
}
