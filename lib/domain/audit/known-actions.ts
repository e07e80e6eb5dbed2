import { ACTIONS } from "../authz/policy";

/** Actions that appear in the log: the policy's actions plus events that are not policy actions. */
export const AUDITED_ACTIONS = [
  ...new Set([
    ...ACTIONS.filter((a) => a !== "console.view"),
    "auth.signIn",
    "request.crossOrigin",
    "user.seedDemo",
    "registry.seedDemo",
    "agentRule.add",
    "agentRule.remove",
  ]),
].sort();
