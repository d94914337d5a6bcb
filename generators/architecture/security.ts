import type { RequirementSignal, SecurityControl } from '../../src/contracts/architecture.js';
import type { Facts } from './extract-requirements.js';

type Control = Omit<SecurityControl, 'requirement' | 'requirement_id'>;

/**
 * Controls per compliance regime, keyed by the regime id of `compliance:<id>` signals. Each cites the clause it
 * implements: HIPAA Security/Privacy Rules (45 CFR Part 164), PCI DSS v4.0.1, GDPR articles, AICPA Trust Services
 * Criteria (2017), ISO/IEC 27001:2022 Annex A, NIST SP 800-53 Rev. 5 for FedRAMP.
 */
export const COMPLIANCE_CONTROLS: Readonly<Record<string, readonly Control[]>> = {
  hipaa: [
    {
      control:
        'Encrypt PHI at rest (AES-256, KMS-managed keys) and in transit (TLS 1.2+ everywhere, including internal hops)',
      rationale:
        'Encryption is the addressable safeguard that turns a lost disk or sniffed link into a non-reportable event.',
      reference: 'HIPAA 45 CFR 164.312(a)(2)(iv) and 164.312(e)(1)',
    },
    {
      control:
        'Audit logging of every PHI access and change (who, what, when, from where), tamper-evident and retained',
      rationale: 'Covered entities must record and examine activity in systems holding PHI.',
      reference: 'HIPAA 45 CFR 164.312(b) audit controls',
    },
    {
      control:
        'Sign a Business Associate Agreement with every provider that stores, processes or transmits PHI (cloud, video, email/SMS, support tools)',
      rationale: 'Only BAA-covered services may touch PHI; this also limits which managed services the design can use.',
      reference: 'HIPAA 45 CFR 164.308(b) and 164.502(e)',
    },
    {
      control: 'Role-based access with unique user ids, MFA, automatic logoff and emergency (break-glass) access',
      rationale: 'Access to PHI is limited to the people and roles that need it.',
      reference: 'HIPAA 45 CFR 164.312(a)(1) access control, 164.312(d) authentication',
    },
    {
      control:
        'PHI minimisation: keep PHI out of logs, URLs, analytics, caches and non-production environments; synthetic data in staging',
      rationale: 'Uses and disclosures are limited to the minimum necessary.',
      reference: 'HIPAA 45 CFR 164.502(b) minimum necessary',
    },
  ],
  'pci-dss': [
    {
      control:
        'Tokenisation: card data goes straight from the browser to the payment provider (hosted fields/checkout); the system stores tokens only',
      rationale: 'Never storing PAN removes most requirements from scope.',
      reference: 'PCI DSS v4.0.1 Req. 3 (protect stored account data); PCI SSC Tokenization Guidelines',
    },
    {
      control:
        'Network segmentation: isolate any component that touches the cardholder data environment in its own network segment with deny-by-default rules',
      rationale: 'Segmentation keeps the rest of the platform out of PCI scope.',
      reference: 'PCI DSS v4.0.1 Req. 1 (network security controls)',
    },
    {
      control:
        'Scope reduction: keep payment handling in one small component and document the data flows that remain in scope',
      rationale:
        'A smaller cardholder data environment means a smaller, cheaper assessment (SAQ A instead of SAQ D where possible).',
      reference: 'PCI SSC, Guidance for PCI DSS Scoping and Network Segmentation',
    },
    {
      control: 'MFA for all access into the cardholder data environment and logging of all access to it',
      rationale: 'Required for administrative and CDE access.',
      reference: 'PCI DSS v4.0.1 Req. 8.4 and Req. 10',
    },
  ],
  gdpr: [
    {
      control:
        'Data residency: store and process EU personal data in EU regions; transfers outside the EEA only under SCCs or an adequacy decision',
      rationale: 'Transfers to third countries need a legal basis.',
      reference: 'GDPR Art. 44–49',
    },
    {
      control:
        'Data subject requests (DSAR): export a person’s data and erase it on request across every store, backups by expiry',
      rationale: 'Rights of access, portability and erasure must be served within one month.',
      reference: 'GDPR Art. 15, 17, 20; Art. 12(3)',
    },
    {
      control: 'Consent and lawful-basis records per processing purpose, with withdrawal as easy as giving consent',
      rationale: 'Processing needs a recorded lawful basis; consent must be demonstrable.',
      reference: 'GDPR Art. 6, 7',
    },
    {
      control: 'Data Processing Agreements with every processor; record of processing activities',
      rationale: 'Processors may act only under a written contract.',
      reference: 'GDPR Art. 28, 30',
    },
    {
      control: 'Privacy by design: pseudonymise analytics, minimise fields, breach detection to notify within 72 hours',
      rationale: 'Appropriate technical measures and breach notification duties.',
      reference: 'GDPR Art. 25, 32, 33',
    },
  ],
  soc2: [
    {
      control: 'Logical access: SSO with MFA, least privilege, quarterly access reviews',
      rationale: 'Access to systems and data is restricted and reviewed.',
      reference: 'AICPA Trust Services Criteria CC6.1–CC6.3',
    },
    {
      control: 'Monitoring and incident response: centralised logs, alerting, documented incident runbooks',
      rationale: 'Anomalies are detected and acted on.',
      reference: 'AICPA Trust Services Criteria CC7.2–CC7.4',
    },
    {
      control:
        'Change management: every change through reviewed pull requests and the CI/CD pipeline, with an audit trail',
      rationale: 'Changes are authorised, tested and traceable.',
      reference: 'AICPA Trust Services Criteria CC8.1',
    },
  ],
  'iso-27001': [
    {
      control:
        'Information security management system: risk assessment and Statement of Applicability covering this system',
      rationale: 'Controls are chosen from a documented risk treatment.',
      reference: 'ISO/IEC 27001:2022 clauses 6.1.2–6.1.3',
    },
    {
      control: 'Access control and cryptography policies applied to every component and data store',
      rationale: 'Annex A organisational and technological controls.',
      reference: 'ISO/IEC 27001:2022 Annex A 5.15, 8.24',
    },
    {
      control: 'Logging and monitoring with protected, retained logs',
      rationale: 'Events are recorded and reviewed.',
      reference: 'ISO/IEC 27001:2022 Annex A 8.15, 8.16',
    },
  ],
  fedramp: [
    {
      control: 'Host only on FedRAMP-authorised cloud services inside a defined authorisation boundary',
      rationale: 'Every service in the boundary needs an authorisation at the target impact level.',
      reference: 'FedRAMP authorisation boundary guidance',
    },
    {
      control: 'FIPS 140-validated cryptography for data at rest and in transit',
      rationale: 'Federal systems must use validated cryptographic modules.',
      reference: 'NIST SP 800-53 Rev. 5 SC-13, SC-28',
    },
    {
      control: 'Continuous monitoring: monthly vulnerability scans, POA&M tracking, annual assessment',
      rationale: 'Authorisation is maintained by continuous monitoring.',
      reference: 'NIST SP 800-53 Rev. 5 CA-7, RA-5',
    },
  ],
};

/** Controls every design gets, whatever the requirements. */
const BASELINE: readonly Control[] = [
  {
    control: 'TLS 1.2+ for all traffic; HSTS on public endpoints',
    rationale: 'Protects credentials and data in transit.',
    reference: 'OWASP ASVS 4.0 V9',
  },
  {
    control:
      'Central authentication (OIDC) with short-lived tokens; authorisation checked server-side on every request',
    rationale: 'Broken access control is the top web application risk.',
    reference: 'OWASP Top 10 2021 A01; OWASP ASVS 4.0 V2–V4',
  },
  {
    control: 'Secrets in a managed secret store, never in code or images; rotation',
    rationale: 'Leaked credentials are a leading breach cause.',
    reference: 'OWASP ASVS 4.0 V6.4',
  },
  {
    control: 'Dependency and container image scanning in CI; patch within defined SLAs',
    rationale: 'Vulnerable components are a common attack path.',
    reference: 'OWASP Top 10 2021 A06',
  },
];

/** Controls called for by non-regulatory signals. */
const BY_SIGNAL: ReadonlyArray<[kind: 'multi_tenancy' | 'audit' | 'payments' | 'iot', Control]> = [
  [
    'multi_tenancy',
    {
      control:
        'Tenant isolation: tenant id in every token and query, enforced by row-level security; per-tenant encryption keys for large tenants',
      rationale: 'One tenant must never read another tenant’s data.',
      reference: 'OWASP Multi-Tenant Security Cheat Sheet',
    },
  ],
  [
    'audit',
    {
      control: 'Append-only, tamper-evident audit trail of business changes',
      rationale: 'The requirements ask for an auditable history.',
      reference: 'OWASP ASVS 4.0 V7 (logging)',
    },
  ],
  [
    'payments',
    {
      control: 'Verify payment-provider webhook signatures; idempotent payment handlers',
      rationale: 'Forged or replayed webhooks could mark unpaid orders as paid.',
      reference: 'OWASP ASVS 4.0 V13',
    },
  ],
  [
    'iot',
    {
      control: 'Per-device identity (X.509 or rotating tokens) and least-privilege topics',
      rationale: 'A stolen device must not be able to impersonate others.',
      reference: 'NIST IR 8259A IoT device cybersecurity capability core baseline',
    },
  ],
];

function tie(requirement: string, signal: RequirementSignal | null, control: Control): SecurityControl {
  return { requirement, requirement_id: signal?.id ?? null, ...control };
}

/**
 * Security controls: for each compliance regime named, its control catalogue (absent when the regime is not
 * named); controls for multi-tenancy, audit, payments and IoT when present; and a labelled baseline.
 */
export function designSecurity(facts: Facts): SecurityControl[] {
  const controls: SecurityControl[] = [];
  for (const signal of facts.all('compliance')) {
    for (const control of COMPLIANCE_CONTROLS[signal.qualifier ?? ''] ?? [])
      controls.push(tie(signal.label, signal, control));
  }
  for (const [kind, control] of BY_SIGNAL) {
    const signal = facts.first(kind);
    if (signal) controls.push(tie(signal.label, signal, control));
  }
  controls.push(...BASELINE.map((control) => tie('Baseline', null, control)));
  return controls;
}
