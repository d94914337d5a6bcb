import type { SignalKind } from '../../src/contracts/architecture.js';

/**
 * A keyword rule: when `pattern` matches a sentence (and is not negated, see {@link isNegated}), the signal
 * `kind` (with `qualifier`, when set) is recorded with that sentence as evidence. Patterns are case-insensitive
 * unless written otherwise, non-global, and linear (no nested quantifiers), so 20,000 characters scan in well under 1 ms.
 */
export interface KeywordRule {
  kind: SignalKind;
  label: string;
  qualifier?: string;
  pattern: RegExp;
}

/**
 * Compliance regimes by their usual spellings. Labels are the regimes' official short names; the ids are what
 * `security.ts` keys its control catalogue on.
 */
export const COMPLIANCE_RULES: readonly KeywordRule[] = [
  { kind: 'compliance', qualifier: 'hipaa', label: 'HIPAA', pattern: /\bHIPAA\b/i },
  { kind: 'compliance', qualifier: 'pci-dss', label: 'PCI DSS', pattern: /\bPCI(?:[\s-]?DSS)?\b(?!\s*express)/i },
  { kind: 'compliance', qualifier: 'gdpr', label: 'GDPR', pattern: /\bGDPR\b/i },
  { kind: 'compliance', qualifier: 'soc2', label: 'SOC 2', pattern: /\bSOC[\s-]?(?:2|II)\b/i },
  { kind: 'compliance', qualifier: 'iso-27001', label: 'ISO/IEC 27001', pattern: /\bISO(?:\/IEC)?[\s-]?27001\b/i },
  { kind: 'compliance', qualifier: 'fedramp', label: 'FedRAMP', pattern: /\bFedRAMP\b/i },
];

/** Qualitative signals, in the order they are reported. */
export const KEYWORD_RULES: readonly KeywordRule[] = [
  ...COMPLIANCE_RULES,
  {
    kind: 'budget',
    label: 'Budget / cost sensitivity',
    pattern:
      /\bbudget\b|\bcost[- ](?:sensitive|conscious|constrained|effective|efficient|control)|\blow[- ]cost\b|\bcheap(?:ly)?\b|\bminimi[sz]e (?:the )?(?:cost|spend|bill)|\bpay[- ](?:per|as you)[- ](?:use|go)\b|\bnon-?profit\b|\bfrugal\b|\blimited funds\b/i,
  },
  {
    kind: 'mvp',
    label: 'MVP / time to market',
    pattern:
      /\bMVP\b|\bminimum viable\b|\bprototype\b|\bproof[- ]of[- ]concept\b|\bPoC\b|\btime[- ]to[- ]market\b|\bship (?:fast|quickly)\b|\bearly[- ]stage\b|\bvalidate (?:the |our |an )?(?:idea|market|product)\b/i,
  },
  {
    kind: 'independent_deploys',
    label: 'Independent deployments',
    pattern:
      /\bindependent(?:ly)?[- ](?:deploy|release|ship)|\b(?:deploy|release|ship)(?:ed|able)? (?:\w+ )?independently\b|\bautonomous teams\b|\bown release (?:cycles?|cadence)\b|\bseparate release (?:cycles?|cadences?)\b/i,
  },
  {
    kind: 'spiky',
    label: 'Spiky / intermittent traffic',
    pattern:
      /\bspik(?:y|es?)\b|\bburst(?:y|s)?\b|\bsporadic\b|\bunpredictable (?:traffic|load|usage)\b|\bidle (?:most|much) of the time\b|\bintermittent (?:traffic|load|usage)\b|\bscale to zero\b|\bseasonal (?:traffic|load|peaks?)\b|\boccasional(?:ly)?\b/i,
  },
  {
    kind: 'low_volume',
    label: 'Low volume',
    pattern:
      /\blow[- ](?:volume|traffic|usage)\b|\b(?:a )?few (?:dozen|hundred|thousand) (?:requests|events|calls|invocations|jobs|webhooks)\b/i,
  },
  {
    kind: 'event_handlers',
    label: 'Event handlers / webhooks',
    pattern:
      /\bwebhooks?\b|\bevent handlers?\b|\btrigger(?:ed|s)? (?:by|on|when)\b|\bon (?:file )?upload\b|\bscheduled functions?\b|\bglue code\b/i,
  },
  {
    kind: 'real_time',
    label: 'Real-time communication',
    pattern:
      /\breal[- ]?time\b|\bweb ?sockets?\b|\bsocket\.io\b|\bserver-sent events\b|\blive (?:updates?|chat|video|stream(?:ing)?|dashboards?|data|feeds?|tracking|collaboration|scores?)\b|\bchat\b|\bpresence\b|\bcollaborative editing\b|\binstant messag/i,
  },
  { kind: 'video', label: 'Video calls / streaming', pattern: /\bvideo\b|\bwebrtc\b|\bvideo ?conferenc/i },
  {
    kind: 'notifications',
    label: 'Notifications',
    pattern: /\bnotifications?\b|\bnotify\b|\balerts?\b|\breminders?\b|\bpush messages?\b|\bSMS\b/i,
  },
  {
    kind: 'iot',
    label: 'IoT / device telemetry',
    pattern:
      /\bIoT\b|\bsensors?\b|\btelemetry\b|\bMQTT\b|\bedge devices?\b|\bconnected (?:devices|vehicles|cars|machines)\b|\bdevice fleet\b|\bsmart meters?\b/i,
  },
  {
    kind: 'event_streams',
    label: 'Event streams',
    pattern:
      /\b(?:event|data|telemetry|sensor|message|click) ?streams?\b|\bstreams? of (?:events|data|readings|messages)\b|\bstream processing\b|\bstreaming (?:data|events|pipeline)\b|\bevent[- ]driven\b|\bpub\/?sub\b|\bclickstream\b|\bcomplex event processing\b|\bfan[- ]?out\b|\bmultiple (?:consumers|subscribers|subsystems|services) (?:react|consume|process|need)/i,
  },
  {
    kind: 'batch',
    label: 'Batch / ETL',
    pattern:
      /\bbatch(?:es| jobs?| processing)?\b|\bETL\b|\bELT\b|\bnightly\b|\bcron\b|\bdata pipelines?\b|\bscheduled jobs?\b/i,
  },
  {
    kind: 'long_running',
    label: 'Long-running jobs',
    pattern:
      /\blong[- ]running\b|\btakes? (?:several|many|up to \d+|\d+) (?:minutes|hours)\b|\bbackground (?:jobs?|processing|tasks?|workers?)\b|\bheavy (?:computation|processing)\b|\btranscod(?:e|ing)\b|\bPDF generation\b|\bgenerat(?:e|ing) (?:large )?(?:PDF )?reports\b/i,
  },
  {
    kind: 'event_sourcing',
    label: 'Event sourcing / CQRS',
    pattern: /\bevent[- ]sourc(?:ed|ing)\b|\bevent store\b|\breplay (?:of )?(?:events|history)\b|\bCQRS\b/i,
  },
  {
    kind: 'audit',
    label: 'Audit trail',
    pattern:
      /\baudit(?:able|ability| trails?| logs?| logging| history)\b|\bimmutable (?:log|history|records?)\b|\bfull (?:change )?history\b/i,
  },
  {
    kind: 'read_heavy',
    label: 'Read-heavy workload',
    pattern: /\bread[- ]heavy\b|\bread\/write ratio\b|\bmany more reads\b|\breads? (?:far )?outnumber\b/i,
  },
  {
    kind: 'ml',
    label: 'Machine learning',
    pattern:
      /\b(?:ML|AI|LLMs?)\b|\b(?:[Mm]achine learning|[Mm]odel (?:training|inference|serving)|[Rr]ecommendation(?:s| engine)|[Pp]redictive)\b/,
  },
  {
    kind: 'multi_region',
    label: 'Multi-region / geo-distribution',
    pattern:
      /\bmulti-?region\b|\bgeo-?(?:distributed|replicated|redundan\w*)\b|\bmultiple regions\b|\bworldwide\b|\bglobal(?:ly)? (?:users|audience|customers|deployment|distributed)\b|\bacross (?:continents|regions)\b|\bactive-active\b/i,
  },
  {
    kind: 'multi_tenancy',
    label: 'Multi-tenancy',
    pattern:
      /\bmulti-?tenan(?:t|cy|ted)\b|\b(?:per|each|every)[- ]tenant\b|\btenant (?:isolation|data|id|separation)\b|\bwhite-label(?:ed)?\b/i,
  },
  {
    kind: 'offline',
    label: 'Offline use',
    pattern:
      /\boffline\b|\bintermittent (?:connectivity|connection|network)\b|\bno (?:internet|connectivity|network)\b|\blocal-first\b|\bpoor (?:connectivity|network)\b/i,
  },
  { kind: 'mobile', label: 'Mobile clients', pattern: /\bmobile\b|\biOS\b|\bAndroid\b|\breact native\b|\bflutter\b/i },
  {
    kind: 'search',
    label: 'Search',
    pattern: /\bfull[- ]text search\b|\bsearch(?:able|ing)?\b|\bfaceted\b|\bautocomplete\b/i,
  },
  {
    kind: 'file_storage',
    label: 'Files / media',
    pattern:
      /\buploads?\b|\bfiles?\b|\battachments?\b|\bimages?\b|\bphotos?\b|\bdocuments?\b|\bmedia\b|\brecordings?\b|\bscans?\b/i,
  },
  {
    kind: 'reporting',
    label: 'Reporting / analytics',
    pattern: /\breports?\b|\breporting\b|\banalytics\b|\bdashboards?\b|\bBI\b|\bKPIs?\b/i,
  },
  {
    kind: 'payments',
    label: 'Payments',
    pattern:
      /\bpayments?\b|\bbilling\b|\bcheckout\b|\bcredit cards?\b|\bcardholder\b|\bsubscriptions? billing\b|\bstripe\b/i,
  },
  {
    kind: 'simple_domain',
    label: 'Simple domain / CRUD',
    pattern:
      /\bCRUD\b|\bsimple (?:web ?site|web app|app|domain|form)\b|\binternal tool\b|\bback-?office\b|\badmin panel\b|\bbrochure site\b/i,
  },
  {
    kind: 'complex_domain',
    label: 'Complex domain',
    pattern:
      /\bbounded contexts?\b|\bsub-?domains?\b|\bcomplex (?:business )?domain\b|\bmany (?:business )?(?:domains|capabilities)\b|\bdomain-driven\b/i,
  },
  {
    kind: 'legacy_migration',
    label: 'Legacy migration',
    pattern:
      /\blift[- ]and[- ]shift\b|\bmigrat(?:e|ing|ion) (?:an? |the |our )?(?:existing |legacy |on-?prem\w*)|\blegacy (?:system|application|app|monolith)\b/i,
  },
];

/** A negation within three words before the match ("no HIPAA data", "not subject to GDPR"). */
const NEGATION_BEFORE = /\b(?:no|not|without|never|don't|doesn't|isn't|aren't|non)\s+(?:[\w-]+\s+){0,3}$/i;
/** A dismissal right after the match ("budget is not a concern"). */
const NEGATION_AFTER =
  /^[\w\s-]{0,20}?\b(?:is|are)\s+(?:not|no)\s+(?:a |an )?(?:concern|issue|constraint|priority|requirement|needed|required|in scope)\b/i;

/**
 * True when the match at `index` (length `length`) in `text` is negated by nearby words.
 * Rule: a negation word within three words before, or "is not a concern/requirement/..." right after.
 */
export function isNegated(text: string, index: number, length: number): boolean {
  const before = text.slice(Math.max(0, index - 60), index);
  const after = text.slice(index + length, index + length + 60);
  return NEGATION_BEFORE.test(before) || NEGATION_AFTER.test(after);
}
