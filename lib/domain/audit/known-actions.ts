import { ACTIONS } from "../authz/policy";

/** Actions that appear in the log: the policy's actions plus events that are not policy actions. */
export const AUDITED_ACTIONS = [
  ...new Set([
    ...ACTIONS.filter((a) => a !== "console.view"),
    "auth.signIn",
    "request.crossOrigin",
    "token.use",
    "user.seedDemo",
    "registry.seedDemo",
    "agentRule.add",
    "agentRule.remove",
    "webhook.create",
    "webhook.update",
    "webhook.enable",
    "webhook.disable",
    "webhook.rotateSecret",
    "webhook.delete",
    "webhook.test",
  ]),
].sort();
