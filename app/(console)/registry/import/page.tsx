import { ImportForm } from "@/components/registry/import-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireConsole } from "@/lib/auth/require-console";
import { IMPORT_FORMATS } from "@/lib/domain/registry/import/formats";

export const metadata = { title: "Import identities" };

export default async function ImportPage() {
  await requireConsole();
  const formats = Object.entries(IMPORT_FORMATS).map(([value, { label }]) => [value, label] as [string, string]);
  return (
    <>
      <PageHeader
        title="Import identities"
        description="A dry run shows what will be created, updated or rejected, row by row, before anything is written. Importing the same file again changes nothing. Identities without an owner in the file stay ownerless."
      />
      <ImportForm formats={formats} />
    </>
  );
}
