import "server-only";
import { getConfig } from "@/lib/config/env";
import type { TokenDeps } from "@/lib/domain/tokens/token-input";

/** What the token use-cases need from the server: the longest life a token may be given (API_TOKEN_MAX_DAYS). */
export function tokenDeps(): TokenDeps {
  return { maxDays: getConfig().apiTokenMaxDays };
}
