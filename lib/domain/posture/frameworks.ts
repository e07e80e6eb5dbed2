// The frameworks the posture dashboard maps its checks to: identifiers, short paraphrased titles (never the
// publishers' wording) and links to the publishers' pages. This file is the project's own versioned copy of
// that reference data (issue 11; built from the team's frameworks.md). Plain data with no imports, so pages,
// client components and tests can all read it.
//
// Bump FRAMEWORKS_VERSION whenever anything below changes: posture reports record the version they were
// computed against, so an auditor can tell which mapping a past report used.
export const FRAMEWORKS_VERSION = "2026-11-24.1";

export const FRAMEWORK_IDS = ["owasp-nhi", "nist-csf-2", "nist-800-207", "nist-ai-rmf", "nist-800-53"] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

/** Most severe first: the order lists and charts show them in. */
export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];

// OWASP's own rating words for the NHI Top 10 2025, with the scores its "Ranking Criteria" page gives them
// (https://owasp.org/www-project-non-human-identities-top-10/2025/ranking-criteria/). On every scale 3 is
// the worst: easy to exploit, widespread, hard for the organization to detect, severe technical impact.
export const EXPLOITABILITY_SCORES = { Easy: 3, Average: 2, Hard: 1 } as const;
export const PREVALENCE_SCORES = { Widespread: 3, Common: 2, Uncommon: 1 } as const;
export const DETECTABILITY_SCORES = { Hard: 3, Average: 2, Easy: 1 } as const;
export const IMPACT_SCORES = { Severe: 3, Moderate: 2, Low: 1 } as const;

export type Exploitability = keyof typeof EXPLOITABILITY_SCORES;
export type Prevalence = keyof typeof PREVALENCE_SCORES;
export type Detectability = keyof typeof DETECTABILITY_SCORES;
export type TechnicalImpact = keyof typeof IMPACT_SCORES;

/** An OWASP NHI risk's rating as published on its page (the four factors), and the default severity we derive. */
export type OwaspRating = {
  exploitability: Exploitability;
  prevalence: Prevalence;
  detectability: Detectability;
  /** OWASP's "Technical" impact; every 2025 page rates the "Business" impact "Specific" (left out). */
  impact: TechnicalImpact;
  severity: Severity;
};

export type Control = {
  id: string;
  /** A short paraphrase of the control, in our words. */
  title: string;
  /** The publisher's page for this control, where a stable one exists. */
  url?: string;
  /** Set where the title or id has not been checked against the publisher's own text. */
  unconfirmed?: boolean;
  /** OWASP NHI only: the published rating, or null where none could be found (never guessed). */
  rating?: OwaspRating | null;
};

export type Framework = {
  id: FrameworkId;
  name: string;
  short: string;
  publisher: string;
  /** The publisher's page for the framework (or its publication). */
  url: string;
  version: string;
  controls: readonly Control[];
};

/** The OWASP Risk Rating Methodology's overall severity: impact level -> likelihood level -> severity (1 LOW, 3 HIGH). */
const SEVERITY_MATRIX: Record<1 | 2 | 3, Record<1 | 2 | 3, Severity>> = {
  3: { 1: "medium", 2: "high", 3: "critical" },
  2: { 1: "low", 2: "medium", 3: "high" },
  1: { 1: "low", 2: "low", 3: "medium" },
};

/**
 * The default severity of an OWASP NHI risk, derived from its published rating by the OWASP Risk Rating
 * Methodology (https://owasp.org/www-community/OWASP_Risk_Rating_Methodology), which the NHI Top 10 says it
 * used. OWASP's own final weighting is in a spreadsheet outside its pages, so we do not reproduce its
 * weights; instead:
 *  - likelihood = the mean of exploitability, prevalence and detectability (1..3). Spread over the
 *    methodology's 0..9 scale, its LOW (< 3), MEDIUM (3 to < 6) and HIGH (6..9) bands fall at a sum of the
 *    three scores of 3-4, 5-6 and 7-9;
 *  - impact = the technical impact: Low, Moderate, Severe are LOW, MEDIUM, HIGH;
 *  - severity = the methodology's matrix of the two levels, with its "Note" (both LOW) counted as low.
 */
export function owaspSeverity(
  exploitability: Exploitability,
  prevalence: Prevalence,
  detectability: Detectability,
  impact: TechnicalImpact,
): Severity {
  const sum = EXPLOITABILITY_SCORES[exploitability] + PREVALENCE_SCORES[prevalence] + DETECTABILITY_SCORES[detectability];
  const likelihood = sum >= 7 ? 3 : sum >= 5 ? 2 : 1;
  return SEVERITY_MATRIX[IMPACT_SCORES[impact]][likelihood];
}

function rated(exploitability: Exploitability, prevalence: Prevalence, detectability: Detectability, impact: TechnicalImpact): OwaspRating {
  return { exploitability, prevalence, detectability, impact, severity: owaspSeverity(exploitability, prevalence, detectability, impact) };
}

const OWASP_2025 = "https://owasp.org/www-project-non-human-identities-top-10/2025";

// Each rating is the one in the table at the top of the risk's own page (its url), read from the project's
// repository (OWASP/www-project-non-human-identities-top-10: 2025/docs/*.md and the published site's
// search index, which agree).
const OWASP_NHI: readonly Control[] = [
  {
    id: "NHI1",
    title: "Improper offboarding: identities and keys of retired services or departed owners stay usable",
    url: `${OWASP_2025}/1-improper-offboarding/`,
    rating: rated("Easy", "Widespread", "Hard", "Severe"),
  },
  {
    id: "NHI2",
    title: "Secret leakage: secrets end up in code, configuration files, chat or tickets",
    url: `${OWASP_2025}/2-secret-leakage/`,
    rating: rated("Easy", "Common", "Hard", "Severe"),
  },
  {
    id: "NHI3",
    title: "Vulnerable third-party NHI: access given to vendors and extensions is misused when they are breached",
    url: `${OWASP_2025}/3-vulnerable-third-party-nhi/`,
    rating: rated("Average", "Common", "Hard", "Severe"),
  },
  {
    id: "NHI4",
    title: "Insecure authentication: deprecated or weak authentication methods",
    url: `${OWASP_2025}/4-insecure-authentication/`,
    rating: rated("Easy", "Widespread", "Easy", "Moderate"),
  },
  {
    id: "NHI5",
    title: "Overprivileged NHI: far more privilege than the job needs",
    url: `${OWASP_2025}/5-overprivileged-nhi/`,
    rating: rated("Hard", "Widespread", "Average", "Severe"),
  },
  {
    id: "NHI6",
    title: "Insecure cloud deployment configurations: pipelines reach clouds with static credentials or loosely checked OIDC claims",
    url: `${OWASP_2025}/6-insecure-cloud-deployment-configurations/`,
    rating: rated("Average", "Common", "Easy", "Severe"),
  },
  {
    id: "NHI7",
    title: "Long-lived secrets: credentials that expire far in the future or never",
    url: `${OWASP_2025}/7-long-lived-secrets/`,
    rating: rated("Hard", "Widespread", "Easy", "Severe"),
  },
  {
    id: "NHI8",
    title: "Environment isolation: one NHI used across development, test, staging and production",
    url: `${OWASP_2025}/8-environment-isolation/`,
    rating: rated("Average", "Uncommon", "Hard", "Moderate"),
  },
  {
    id: "NHI9",
    title: "NHI reuse: one NHI shared by several applications or workloads",
    url: `${OWASP_2025}/9-nhi-reuse/`,
    rating: rated("Hard", "Widespread", "Hard", "Low"),
  },
  {
    id: "NHI10",
    title: "Human use of NHI: people use an NHI by hand, so actions cannot be attributed",
    url: `${OWASP_2025}/10-human-use-of-nhi/`,
    rating: rated("Hard", "Common", "Hard", "Low"),
  },
];

// CSF 2.0 ids only (CSF 1.1's PR.AC ids are withdrawn: PR.AC-1 lives on in PR.AA-01 and PR.AA-05, PR.AC-4
// in PR.AA-05). No per-control url: the publication is one PDF.
const NIST_CSF_2: readonly Control[] = [
  { id: "PR.AA-01", title: "Identities and credentials of users, services and hardware are managed" },
  { id: "PR.AA-02", title: "Identities are proofed and bound to credentials as the context requires" },
  { id: "PR.AA-03", title: "Users, services and hardware are authenticated" },
  { id: "PR.AA-04", title: "Identity assertions are protected, conveyed and verified" },
  { id: "PR.AA-05", title: "Access permissions are set in policy, managed, enforced and reviewed (least privilege, separation of duties)" },
  { id: "GV.RR-02", title: "Cybersecurity roles, responsibilities and authorities are established and enforced" },
  { id: "GV.RR-04", title: "Cybersecurity is part of human-resources practice" },
  { id: "GV.SC-07", title: "Supplier risks are assessed, recorded and monitored over the relationship" },
  { id: "ID.AM-02", title: "Inventories of software, services and systems are maintained" },
  { id: "ID.AM-04", title: "Inventories of services provided by suppliers are maintained" },
  { id: "ID.AM-08", title: "Assets are managed through their whole life cycle" },
  { id: "ID.RA-07", title: "Changes and exceptions are managed, assessed for risk and tracked" },
  { id: "PR.PS-04", title: "Log records are generated for continuous monitoring" },
  { id: "PR.IR-01", title: "Networks and environments are protected from unauthorized logical access and use" },
  { id: "DE.CM-03", title: "Personnel activity and technology usage are monitored" },
  { id: "DE.CM-06", title: "Activity of external service providers is monitored" },
  { id: "DE.CM-09", title: "Computing hardware, software and runtime environments are monitored" },
];

// The seven tenets of SP 800-207 section 2.1, numbered as there. Our paraphrases have not been checked
// against the publisher's PDF (third-party summaries agree in substance), hence unconfirmed.
const NIST_800_207: readonly Control[] = [
  { id: "ZT-1", title: "Every data source and computing service counts as a resource", unconfirmed: true },
  { id: "ZT-2", title: "Communication is secured wherever on the network it happens", unconfirmed: true },
  { id: "ZT-3", title: "Access to each resource is granted one session at a time", unconfirmed: true },
  {
    id: "ZT-4",
    title: "Dynamic policy decides access, using the observable state of the identity, application and asset",
    unconfirmed: true,
  },
  {
    id: "ZT-5",
    title: "The integrity and security posture of all owned and associated assets is monitored and measured",
    unconfirmed: true,
  },
  { id: "ZT-6", title: "Authentication and authorization are dynamic and strictly enforced before any access", unconfirmed: true },
  {
    id: "ZT-7",
    title: "As much information as possible on assets, network and communications is collected and used to improve security",
    unconfirmed: true,
  },
];

// The RMF has no identity-specific subcategories: these are the ones an AI-agent identity programme maps to
// (our interpretation). No per-control url: the publication is one PDF.
const NIST_AI_RMF: readonly Control[] = [
  { id: "GOVERN 1.6", title: "An inventory of AI systems is kept" },
  { id: "GOVERN 1.7", title: "AI systems are decommissioned and phased out safely" },
  { id: "GOVERN 2.1", title: "Roles, responsibilities and lines of communication for AI risk are documented" },
  { id: "GOVERN 3.2", title: "Roles for human-AI configurations and oversight are defined" },
  { id: "GOVERN 6.1", title: "Policies address the risks of third-party AI" },
  { id: "MAP 3.5", title: "Processes for human oversight are defined and documented" },
  { id: "MEASURE 2.4", title: "The behaviour of the system in production is monitored" },
  { id: "MEASURE 2.7", title: "Security and resilience of the system are evaluated and documented" },
  { id: "MANAGE 2.4", title: "Owners can disengage or deactivate a system that behaves outside its intended use" },
  { id: "MANAGE 3.1", title: "Risks from third-party AI resources are monitored" },
  { id: "MANAGE 4.1", title: "Post-deployment monitoring is planned, including decommissioning" },
  { id: "MANAGE 4.3", title: "Incidents and errors are tracked, communicated and resolved" },
];

// CPRT (NIST's reference tool) has a stable page per base control; enhancements ("AC-2(3)") and lettered
// items ("AC-2 j.") link to their base control's page, which lists them.
const SP_800_53_CATALOG = "https://csrc.nist.gov/projects/cprt/catalog#/cprt/framework/version/SP_800_53_5_1_1/home?element=";
const sp80053 = (id: string, title: string): Control => ({ id, title, url: SP_800_53_CATALOG + id.replace(/[ (].*$/, "") });

const NIST_800_53: readonly Control[] = [
  sp80053("AC-2", "Account management"),
  sp80053("AC-2 j.", "Accounts are reviewed on a set schedule against the account-management requirements"),
  sp80053("AC-2(2)", "Temporary and emergency accounts are removed or disabled automatically after a set time"),
  sp80053("AC-2(3)", "Accounts are disabled when expired, no longer tied to a user or function, in violation of policy, or inactive"),
  sp80053("AC-2(4)", "Creating, changing, enabling, disabling and removing accounts is audited automatically"),
  sp80053("AC-2(9)", "Shared and group accounts are allowed only under stated conditions"),
  sp80053("AC-2(12)", "Accounts are monitored for atypical use"),
  sp80053("AC-6", "Least privilege"),
  sp80053("AC-6(5)", "Privileged accounts are restricted to designated people or roles"),
  sp80053("AC-6(7)", "Privileges are reviewed periodically and removed or reassigned where not needed"),
  sp80053("AC-6(9)", "The use of privileged functions is logged"),
  sp80053("IA-4", "Identifier management"),
  sp80053("IA-5", "Authenticator management, including refreshing authenticators on a schedule or after an event"),
  sp80053("IA-5(7)", "No unencrypted static authenticators embedded in applications or scripts"),
  sp80053("IA-9", "Services are identified and authenticated"),
  sp80053("AU-2", "Event logging"),
  sp80053("AU-6", "Audit records are reviewed, analysed and reported"),
  sp80053("AU-9", "Audit information is protected"),
  sp80053("CA-7", "Continuous monitoring"),
  sp80053("PS-4", "Access is withdrawn when personnel leave"),
  sp80053("SA-9", "External system services"),
];

export const FRAMEWORKS: Readonly<Record<FrameworkId, Framework>> = {
  "owasp-nhi": {
    id: "owasp-nhi",
    name: "OWASP Non-Human Identities Top 10",
    short: "OWASP NHI",
    publisher: "OWASP Foundation",
    url: `${OWASP_2025}/top-10-2025/`,
    version: "2025",
    controls: OWASP_NHI,
  },
  "nist-csf-2": {
    id: "nist-csf-2",
    name: "NIST Cybersecurity Framework 2.0",
    short: "CSF 2.0",
    publisher: "NIST",
    url: "https://nvlpubs.nist.gov/nistpubs/CSWP/NIST.CSWP.29.pdf",
    version: "2.0 (CSWP 29)",
    controls: NIST_CSF_2,
  },
  "nist-800-207": {
    id: "nist-800-207",
    name: "NIST SP 800-207 Zero Trust Architecture",
    short: "SP 800-207",
    publisher: "NIST",
    url: "https://csrc.nist.gov/pubs/sp/800/207/final",
    version: "August 2020",
    controls: NIST_800_207,
  },
  "nist-ai-rmf": {
    id: "nist-ai-rmf",
    name: "NIST AI Risk Management Framework",
    short: "AI RMF",
    publisher: "NIST",
    url: "https://nvlpubs.nist.gov/nistpubs/ai/NIST.AI.100-1.pdf",
    version: "1.0 (AI 100-1)",
    controls: NIST_AI_RMF,
  },
  "nist-800-53": {
    id: "nist-800-53",
    name: "NIST SP 800-53 Security and Privacy Controls",
    short: "SP 800-53",
    publisher: "NIST",
    url: "https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final",
    version: "Rev. 5",
    controls: NIST_800_53,
  },
};

const CONTROL_INDEX = new Map(FRAMEWORK_IDS.map((framework) => [framework, new Map(FRAMEWORKS[framework].controls.map((c) => [c.id, c]))]));

export function isKnownControl(framework: FrameworkId, id: string): boolean {
  return CONTROL_INDEX.get(framework)?.has(id) ?? false;
}

/** The control with this id; throws on an unknown one, since a mapping that names it is a bug in our data. */
export function controlOf(framework: FrameworkId, id: string): Control {
  const control = CONTROL_INDEX.get(framework)?.get(id);
  if (!control) throw new Error(`Unknown control "${id}" in framework "${framework}" (frameworks data ${FRAMEWORKS_VERSION})`);
  return control;
}

// References auditors also ask for, outside the five frameworks. Their texts are behind paywalls, so the
// titles are unconfirmed paraphrases of the clause names.
export type OtherReference = { scheme: "ISO/IEC 27001:2022" | "SOC 2 (2017 TSC)"; id: string; title: string; unconfirmed: true };

export const OTHER_REFERENCES: readonly OtherReference[] = [
  { scheme: "ISO/IEC 27001:2022", id: "A.5.15", title: "Access control", unconfirmed: true },
  { scheme: "ISO/IEC 27001:2022", id: "A.5.16", title: "Identity management", unconfirmed: true },
  { scheme: "ISO/IEC 27001:2022", id: "A.5.17", title: "Authentication information", unconfirmed: true },
  { scheme: "ISO/IEC 27001:2022", id: "A.5.18", title: "Access rights", unconfirmed: true },
  { scheme: "ISO/IEC 27001:2022", id: "A.5.19", title: "Information security in supplier relationships", unconfirmed: true },
  { scheme: "ISO/IEC 27001:2022", id: "A.8.2", title: "Privileged access rights", unconfirmed: true },
  { scheme: "ISO/IEC 27001:2022", id: "A.8.5", title: "Secure authentication", unconfirmed: true },
  { scheme: "SOC 2 (2017 TSC)", id: "CC6.1", title: "Logical access security over information assets", unconfirmed: true },
  {
    scheme: "SOC 2 (2017 TSC)",
    id: "CC6.2",
    title: "Users are registered and authorized before access, and removed when no longer authorized",
    unconfirmed: true,
  },
  {
    scheme: "SOC 2 (2017 TSC)",
    id: "CC6.3",
    title: "Access is granted, changed and removed by role, least privilege and separation of duties",
    unconfirmed: true,
  },
];

export function isKnownOtherReference(id: string): boolean {
  return OTHER_REFERENCES.some((reference) => reference.id === id);
}
