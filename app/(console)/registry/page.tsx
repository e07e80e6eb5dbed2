import { NotBuilt } from "@/components/shell/not-built";
import { requireActor } from "@/lib/auth/actor";

export const metadata = { title: "Registry" };

export default async function RegistryPage() {
  await requireActor();
  return <NotBuilt title="Registry" what="The registry of non-human identities (owners, purposes, scopes, credential lifecycle, imports) comes next. Nothing is listed here until it is built." />;
}
