import Link from "next/link";
import { ImportForm } from "@/components/registry/import-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { getConfig } from "@/lib/config/env";
import { can } from "@/lib/domain/authz/policy";
import { IMPORT_FORMATS } from "@/lib/domain/registry/import/formats";

export const metadata = { title: "Import identities" };

export default async function ImportPage() {
  const actor = await requireActor();
  const formats = Object.entries(IMPORT_FORMATS).map(([value, { label }]) => [value, label] as [string, string]);
  return (
    <>
      <PageHeader
        title="Import identities"
        description="A dry run shows what will be created, updated or rejected, row by row, before anything is written. Importing the same file again changes nothing. Identities without an owner in the file stay ownerless."
        actions={
          <>
            <Link href="/admin/agent-rules" className={buttonClass()}>
              AI-agent rules
            </Link>
            <Link href="/registry/imports" className={buttonClass()}>
              Import history
            </Link>
          </>
        }
      />
      {can(actor, "registry.import") ? (
        <ImportForm formats={formats} maxBytes={getConfig().importMaxBytes} />
      ) : (
        <Alert tone="info">Only admins import into the registry. Ask an admin, or register identities one by one.</Alert>
      )}
    </>
  );
}
