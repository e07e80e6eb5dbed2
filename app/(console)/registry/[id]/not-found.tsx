import { PageProblem } from "@/components/ui/page-problem";

export const metadata = { title: "Identity not found · Registry" };

// For an identity id that is not in the registry (removed, mistyped, or from another installation).
export default function IdentityNotFound() {
  return (
    <PageProblem
      kind="not-found"
      message="No identity in the registry has this id. It may have been removed, or the link may be mistyped."
      back={{ href: "/registry", label: "Back to the registry" }}
    />
  );
}
