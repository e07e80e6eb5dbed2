import { CHECKS } from "./checks";
import { FRAMEWORK_IDS, FRAMEWORKS, type FrameworkId } from "./frameworks";

/** A control and the checks that evidence it, as a bitmask over CHECKS (IdentityPosture.openChecks' bits). */
export type ControlMask = { framework: FrameworkId; controlId: string; mask: bigint; checkIds: string[] };

/** Every control of every framework that at least one check evidences, in the framework's own order. */
export const CONTROL_MASKS: readonly ControlMask[] = FRAMEWORK_IDS.flatMap((framework) =>
  FRAMEWORKS[framework].controls.flatMap((control) => {
    const checks = CHECKS.map((c, bit) => ({ c, bit })).filter(({ c }) => c.controls[framework]?.includes(control.id));
    if (checks.length === 0) return [];
    const mask = checks.reduce((m, { bit }) => m | (1n << BigInt(bit)), 0n);
    return [{ framework, controlId: control.id, mask, checkIds: checks.map(({ c }) => c.id) }];
  }),
);
