import { Logo } from "@/components/shell/logo";
import { PageProblem } from "@/components/ui/page-problem";

export const metadata = { title: "Not found" };

// An address that matches no page: outside the console's shell, which needs a signed-in person.
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-2xl flex-col justify-center gap-8 p-6">
      <Logo />
      <PageProblem kind="not-found" />
    </main>
  );
}
