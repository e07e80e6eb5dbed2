import { enforce } from "../authz/enforce";
import type { JobDefinition } from "../jobs/job-definition";
import { drainChanged, evaluateAll } from "./run-evaluation";

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The posture jobs, each asking the policy for posture.evaluate first (the system actor's grant). */
export function postureJobs(): JobDefinition[] {
  return [
    {
      handler: "posture.evaluateChanged",
      description: "Re-evaluates the posture checks for the identities whose facts changed (marked by the database), within seconds",
      schedule: "*/5 * * * * *",
      async run({ db, clock, actor }) {
        await enforce(db, clock, actor, "posture.evaluate");
        const outcome = await drainChanged(db, clock);
        if (outcome.identities === 0) return { summary: "nothing changed", idle: true };
        return {
          summary: `${plural(outcome.identities, "identity", "identities")} re-evaluated: ${outcome.opened} opened, ${outcome.reopened} re-opened, ${outcome.resolved} resolved`,
        };
      },
    },
    {
      handler: "posture.evaluateAll",
      description:
        "Evaluates every posture check over every identity (time-based conditions: rotation age, unused, expiry), re-opens accepted risks past their date, and records the day's posture",
      schedule: "0 7 * * * *",
      async run({ db, clock, actor }) {
        await enforce(db, clock, actor, "posture.evaluate");
        const outcome = await evaluateAll(db, clock, actor);
        return {
          summary: `${outcome.opened} opened, ${outcome.reopened} re-opened, ${outcome.resolved} resolved, ${outcome.acceptancesExpired} accepted risks re-opened`,
        };
      },
    },
  ];
}
