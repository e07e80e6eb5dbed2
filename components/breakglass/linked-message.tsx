import Link from "next/link";

const REQUEST_PATH = /(\/break-glass\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/;

/** A server message that names a request by its path ("… (/break-glass/<id>) …"), with that path as a link. */
export function LinkedMessage({ text, linkText = "see the request" }: { text: string; linkText?: string }) {
  return (
    <>
      {text.split(REQUEST_PATH).map((part, i) =>
        REQUEST_PATH.test(part) ? (
          <Link key={i} href={part} className="underline underline-offset-2">
            {linkText}
          </Link>
        ) : (
          part
        ),
      )}
    </>
  );
}
