import { PageProblem } from "@/components/ui/page-problem";

export const metadata = { title: "Not found" };

export default function ConsoleNotFound() {
  return <PageProblem kind="not-found" />;
}
