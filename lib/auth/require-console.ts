import "server-only";
import { viewConsole, type ConsoleUserDto } from "@/lib/domain/console/view-console";
import { redirectToSignIn } from "./actor";
import { runAsActor } from "./run-as-actor";

/** For pages of the console that have no data of their own yet: the policy's console.view check. */
export async function requireConsole(): Promise<ConsoleUserDto> {
  const result = await runAsActor(viewConsole, {});
  if (!result.ok) return redirectToSignIn();
  return result.data;
}
