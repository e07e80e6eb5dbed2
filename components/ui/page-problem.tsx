import Link from "next/link";
import { Alert } from "./alert";
import { buttonClass } from "./button";

const KINDS = {
  forbidden: {
    title: "Not allowed",
    explain: "This attempt was recorded in the audit log. If you need access, ask an admin.",
  },
  "not-found": {
    title: "Not found",
    explain: "Nothing is at this address. It may have been removed, or the link may be mistyped.",
  },
} as const;

/**
 * The one page for "you may not do this" and "this does not exist": says which, why, and where to go.
 * `recorded` says whether the server refused (and audited) an attempt, or the page only knew ahead.
 */
export function PageProblem({
  kind,
  message,
  recorded = true,
  back = { href: "/", label: "Go to the start page" },
}: {
  kind: keyof typeof KINDS;
  message?: string;
  recorded?: boolean;
  /** Where the person most likely wants to go instead (the list the missing item belonged to). */
  back?: { href: string; label: string };
}) {
  const { title } = KINDS[kind];
  const explain = kind === "forbidden" && !recorded ? "If you need access, ask an admin." : KINDS[kind].explain;
  return (
    <section className="max-w-2xl" data-testid={`page-problem-${kind}`}>
      <h1 className="mb-4 text-2xl font-semibold">{title}</h1>
      {kind === "forbidden" ? (
        <Alert tone="error">
          {message} {explain}
        </Alert>
      ) : (
        <p className="text-sm text-slate-700">{message ?? explain}</p>
      )}
      <p className="mt-6">
        <Link href={back.href} className={buttonClass()}>
          {back.label}
        </Link>
      </p>
    </section>
  );
}
