import { NotBuilt } from "@/components/shell/not-built";
import { requireConsole } from "@/lib/auth/require-console";

export const metadata = { title: "Access reviews" };

export default async function AccessreviewsPage() {
  await requireConsole();
  return (
    <NotBuilt
      title="Access reviews"
      what="Access-review campaigns, in which owners certify or revoke each identity's access, are not built yet."
    />
  );
}
