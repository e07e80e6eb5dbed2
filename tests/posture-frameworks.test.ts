import { describe, expect, it } from "vitest";
import {
  controlOf,
  FRAMEWORK_IDS,
  FRAMEWORKS,
  FRAMEWORKS_VERSION,
  isKnownControl,
  isKnownOtherReference,
  OTHER_REFERENCES,
  owaspSeverity,
} from "@/lib/domain/posture/frameworks";

// The framework data file is reference data that checks and reports cite; these tests pin its shape so a
// careless edit (a duplicate id, a dropped OWASP item, a guessed rating) fails here, not in an audit.

describe("framework data", () => {
  it("is versioned as a date and a serial number (YYYY-MM-DD.N)", () => {
    const match = /^(\d{4}-\d{2}-\d{2})\.([1-9]\d*)$/.exec(FRAMEWORKS_VERSION);
    expect(match).not.toBeNull();
    const date = new Date(`${match![1]}T00:00:00Z`);
    expect(date.toISOString().slice(0, 10)).toBe(match![1]);
  });

  it("has the five frameworks, each keyed by its own id, with controls and a publisher link", () => {
    expect(Object.keys(FRAMEWORKS).sort()).toEqual([...FRAMEWORK_IDS].sort());
    for (const id of FRAMEWORK_IDS) {
      const framework = FRAMEWORKS[id];
      expect(framework.id).toBe(id);
      expect(framework.controls.length).toBeGreaterThan(0);
      expect(framework.url).toMatch(/^https:\/\//);
      for (const control of framework.controls) {
        expect(control.title.trim()).not.toBe("");
        if (control.url !== undefined) expect(control.url).toMatch(/^https:\/\//);
      }
    }
  });

  it("has unique control ids within each framework", () => {
    for (const id of FRAMEWORK_IDS) {
      const ids = FRAMEWORKS[id].controls.map((control) => control.id);
      expect(new Set(ids).size, id).toBe(ids.length);
    }
  });

  it("holds every control id of the reference list", () => {
    const expected: Record<(typeof FRAMEWORK_IDS)[number], string[]> = {
      "owasp-nhi": ["NHI1", "NHI2", "NHI3", "NHI4", "NHI5", "NHI6", "NHI7", "NHI8", "NHI9", "NHI10"],
      "nist-csf-2": [
        ...["PR.AA-01", "PR.AA-02", "PR.AA-03", "PR.AA-04", "PR.AA-05", "GV.RR-02", "GV.RR-04", "GV.SC-07"],
        ...["ID.AM-02", "ID.AM-04", "ID.AM-08", "ID.RA-07", "PR.PS-04", "PR.IR-01", "DE.CM-03", "DE.CM-06", "DE.CM-09"],
      ],
      "nist-800-207": ["ZT-1", "ZT-2", "ZT-3", "ZT-4", "ZT-5", "ZT-6", "ZT-7"],
      "nist-ai-rmf": [
        ...["GOVERN 1.6", "GOVERN 1.7", "GOVERN 2.1", "GOVERN 3.2", "GOVERN 6.1", "MAP 3.5"],
        ...["MEASURE 2.4", "MEASURE 2.7", "MANAGE 2.4", "MANAGE 3.1", "MANAGE 4.1", "MANAGE 4.3"],
      ],
      "nist-800-53": [
        ...["AC-2", "AC-2 j.", "AC-2(2)", "AC-2(3)", "AC-2(4)", "AC-2(9)", "AC-2(12)", "AC-6", "AC-6(5)", "AC-6(7)", "AC-6(9)"],
        ...["IA-4", "IA-5", "IA-5(7)", "IA-9", "AU-2", "AU-6", "AU-9", "CA-7", "PS-4", "SA-9"],
      ],
    };
    for (const id of FRAMEWORK_IDS)
      expect(FRAMEWORKS[id].controls.map((control) => control.id).sort(), id).toEqual([...expected[id]].sort());
  });

  it("has OWASP NHI1..NHI10 in order, each with a published rating or an explicit null", () => {
    const controls = FRAMEWORKS["owasp-nhi"].controls;
    expect(controls.map((control) => control.id)).toEqual(Array.from({ length: 10 }, (_, i) => `NHI${i + 1}`));
    for (const control of controls) {
      expect(control.rating, control.id).not.toBeUndefined();
      if (control.rating) {
        const { exploitability, prevalence, detectability, impact, severity } = control.rating;
        expect(severity, control.id).toBe(owaspSeverity(exploitability, prevalence, detectability, impact));
      }
    }
  });

  it("gives only OWASP items a rating", () => {
    for (const id of FRAMEWORK_IDS.filter((framework) => framework !== "owasp-nhi"))
      for (const control of FRAMEWORKS[id].controls) expect(control.rating, `${id} ${control.id}`).toBeUndefined();
  });

  it("derives severity by the stated rule (likelihood band from the sum of three factors, matrix with impact)", () => {
    expect(owaspSeverity("Easy", "Widespread", "Hard", "Severe")).toBe("critical"); // NHI1: sum 9, impact high
    expect(owaspSeverity("Average", "Common", "Hard", "Severe")).toBe("critical"); // sum 7 is the lowest high band
    expect(owaspSeverity("Average", "Common", "Easy", "Severe")).toBe("high"); // sum 5, impact high
    expect(owaspSeverity("Easy", "Widespread", "Easy", "Moderate")).toBe("high"); // sum 7, impact medium
    expect(owaspSeverity("Average", "Uncommon", "Hard", "Moderate")).toBe("medium"); // sum 6, impact medium
    expect(owaspSeverity("Hard", "Widespread", "Hard", "Low")).toBe("medium"); // sum 7, impact low
    expect(owaspSeverity("Hard", "Common", "Hard", "Low")).toBe("low"); // sum 6, impact low
    expect(owaspSeverity("Hard", "Uncommon", "Easy", "Low")).toBe("low"); // the methodology's "Note", counted as low
  });

  it("marks the SP 800-207 tenets unconfirmed (not checked against the publisher's PDF)", () => {
    for (const control of FRAMEWORKS["nist-800-207"].controls) expect(control.unconfirmed, control.id).toBe(true);
  });

  it("links SP 800-53 enhancements and lettered items to their base control's page", () => {
    expect(controlOf("nist-800-53", "AC-2(3)").url).toBe(controlOf("nist-800-53", "AC-2").url);
    expect(controlOf("nist-800-53", "AC-2 j.").url).toMatch(/element=AC-2$/);
    expect(controlOf("nist-800-53", "IA-5(7)").url).toMatch(/element=IA-5$/);
  });
});

describe("controlOf and isKnownControl", () => {
  it("find a known control", () => {
    expect(controlOf("nist-csf-2", "PR.AA-05").id).toBe("PR.AA-05");
    expect(isKnownControl("owasp-nhi", "NHI10")).toBe(true);
  });

  it("refuse an unknown id, naming it, and do not look across frameworks", () => {
    expect(() => controlOf("nist-csf-2", "PR.AC-1")).toThrow(/PR\.AC-1/);
    expect(() => controlOf("owasp-nhi", "NHI11")).toThrow(/NHI11.*owasp-nhi/);
    expect(() => controlOf("nist-800-53", "NHI1")).toThrow(/NHI1/);
    expect(isKnownControl("nist-csf-2", "PR.AC-1")).toBe(false);
    expect(isKnownControl("nist-800-53", "NHI1")).toBe(false);
  });
});

describe("other references", () => {
  it("keeps the ISO 27001 and SOC 2 references of the mapping, all unconfirmed and unique", () => {
    const ids = OTHER_REFERENCES.map((reference) => reference.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ["A.5.15", "A.5.16", "A.5.17", "A.5.18", "A.5.19", "A.8.2", "A.8.5", "CC6.1", "CC6.2", "CC6.3"])
      expect(isKnownOtherReference(id), id).toBe(true);
    expect(OTHER_REFERENCES.every((reference) => reference.unconfirmed)).toBe(true);
    expect(isKnownOtherReference("A.9.9")).toBe(false);
  });
});
