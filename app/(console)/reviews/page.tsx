import { NotBuilt } from "@/components/shell/not-built";
import { requireActor } from "@/lib/auth/actor";

export const metadata = { title: "Access reviews" };

export default async function AccessreviewsPage() {
  await requireActor();
  return <NotBuilt title="Access reviews" what="Access-review campaigns, in which owners certify or revoke each identity's access, are not built yet." />;
}
