import { NotBuilt } from "@/components/shell/not-built";
import { requireConsole } from "@/lib/auth/require-console";

export const metadata = { title: "Registry" };

export default async function RegistryPage() {
  await requireConsole();
  return <NotBuilt title="Registry" what="The registry of non-human identities (owners, purposes, scopes, credential lifecycle, imports) comes next. Nothing is listed here until it is built." />;
}
