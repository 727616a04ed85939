// Sensitive PI sent with no separate consent (单独同意, PIPL Art. 29) to a subject covering its type. Which types
// are sensitive is pi-types.yaml's `sensitive`; which consent covers a type is consent-subjects.yaml's `piTypes`.

import { necessarySlugsFor } from '../core/catalog-loader.ts';
import type { Catalogs } from '../core/catalog.ts';
import type { VariantFinding } from '../core/finding.ts';
import type { AppObservation } from '../core/observation.ts';
import type { Rule, RuleInput, RuleMeta, RuleResult } from '../core/rule.ts';
import { acceptedAt, bundledBecause, knownSubjects, subjectsCovering } from './consent-facts.ts';
import { isBiometric, isSensitive, piLabels } from './pi-classes.ts';
import { evaluationsByPhase, makeFinding } from './rule-output.ts';
import { citeObservations, collectedObservations, describeWhere, groupBy } from './sent-observations.ts';

const meta: RuleMeta = {
  id: 'sensitive-no-separate-consent',
  title: { zh: '敏感个人信息未取得单独同意', en: 'Sensitive PI without separate consent' },
  description: {
    zh: '敏感个人信息（生物识别、身份证件、宗教、医疗健康、金融账户、精确位置与行踪轨迹等，以类型目录为准）发送前，该变体中没有针对涵盖该类型事项的单独同意（不与隐私政策等必要事项或其他业务捆绑）。类别必要信息与凭据不在此列；App声明人脸单独同意时生物识别不在此列。测试身份不满十四周岁时，任何个人信息发送前都须取得监护人同意。',
    en: 'Sensitive PI (biometrics, identity documents, religion, health, financial accounts, precise location and whereabouts..., as the type catalog marks them) is sent with no separate consent, earlier in the variant, to a subject covering the type (not bundled with the privacy policy or another service). The category\'s necessary PI and credentials are left out; biometrics too when the app declares separate face consent. When the persona is under 14, every PI needs the guardian\'s consent first.',
  },
  severity: 'high',
  clauses: ['pipl-art29', 'pipl-art14', 'pipl-art28', 'pipl-art31', 'network-data-2024-art22', 'face-measures-2025-art6', 'network-data-2024-art62-7'],
  kind: 'consent',
};

/** The subject a finding is about: the first catalog subject covering the type, else the type itself. */
function coveringId(catalogs: Catalogs, piType: string): string {
  return subjectsCovering(catalogs, piType)[0]?.id ?? piType;
}

function separatelyConsented(input: RuleInput, o: AppObservation): boolean {
  const covering = new Set(subjectsCovering(input.catalogs, o.piType).map((s) => s.id));
  for (const [subject, act] of acceptedAt(input.timeline, o.variant!, o.time)) {
    if (covering.has(subject) && !bundledBecause(knownSubjects(input.catalogs, act))) return true;
  }
  return false;
}

function evaluate(input: RuleInput): RuleResult {
  const { catalogs } = input;
  const faceDeclared = input.run.target.declarations?.faceSeparateConsent;
  const necessary = necessarySlugsFor(catalogs, input.run.target.category);
  const unconsented = collectedObservations(input).filter(
    (o) =>
      o.variant !== null &&
      isSensitive(catalogs, o.piType) &&
      !necessary.has(o.piType) &&
      !(faceDeclared === true && isBiometric(catalogs, o.piType)) &&
      !separatelyConsented(input, o),
  );
  const findings: VariantFinding[] = [...groupBy(unconsented, (o) => `${o.variant}/${o.phase}/${coveringId(catalogs, o.piType)}`).values()].map((obs) => {
    const first = obs[0]!;
    const subject = coveringId(catalogs, first.piType);
    const piTypes = [...new Set(obs.map((o) => o.piType))];
    const hosts = [...new Set(obs.map((o) => o.party.host))];
    const biometric = piTypes.some((t) => isBiometric(catalogs, t));
    const declaration = biometric ? (faceDeclared === false ? ' The app declares no separate face consent.' : ' The app declares nothing about separate face consent.') : '';
    const consentNamed = subject === first.piType ? 'no consent subject of the catalog covers this type' : `no separate, accepted "${subject}" consent before it`;
    return makeFinding(meta, {
      subject,
      phase: first.phase,
      variant: first.variant,
      piTypes,
      reasoning:
        `${piLabels(catalogs, piTypes)} (sensitive) went to ${hosts.join(', ')} in ${first.phase ?? 'no phase'} (${first.variant}) with ${consentNamed} in that variant: ` +
        `${describeWhere(obs)}.${declaration}`,
      evidence: { ...citeObservations(obs), timeline: [] },
      ...(biometric && faceDeclared === undefined ? { restsOnMissingDeclaration: true } : {}),
    });
  });
  findings.push(...minorsFindings(input));
  return { findings, evaluations: evaluationsByPhase(meta, input.run, findings) };
}

/** Full years between a YYYY-MM-DD birth date and an ISO time; undefined when the date does not parse. */
function ageAt(birthDate: string | undefined, at: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate ?? '');
  if (!m) return undefined;
  const now = new Date(at);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const beforeBirthday = now.getUTCMonth() + 1 < mo || (now.getUTCMonth() + 1 === mo && now.getUTCDate() < d);
  return now.getUTCFullYear() - y - (beforeBirthday ? 1 : 0);
}

/**
 * A persona younger than a guardian subject's `underAge`: every PI the app collects is sensitive (PIPL
 * Art. 28) and needs that subject accepted first (Art. 31), necessary PI included.
 */
function minorsFindings(input: RuleInput): VariantFinding[] {
  const age = ageAt(input.run.persona?.birthDate, input.run.startedAt);
  const guardian = input.catalogs.consentSubjects.find((s) => s.underAge !== undefined && age !== undefined && age < s.underAge);
  if (!guardian) return [];
  const unconsented = collectedObservations(input).filter((o) => o.variant !== null && !acceptedAt(input.timeline, o.variant, o.time).has(guardian.id));
  return [...groupBy(unconsented, (o) => `${o.variant}/${o.phase}`).values()].map((obs) => {
    const first = obs[0]!;
    const piTypes = [...new Set(obs.map((o) => o.piType))];
    return makeFinding(meta, {
      subject: guardian.id,
      phase: first.phase,
      variant: first.variant,
      piTypes,
      reasoning:
        `The persona is ${age} (born ${input.run.persona!.birthDate}), under ${guardian.underAge}: ${piLabels(input.catalogs, piTypes)} went out in ${first.phase ?? 'no phase'} (${first.variant}) ` +
        `with no accepted "${guardian.id}" consent before it: ${describeWhere(obs)}.`,
      evidence: { ...citeObservations(obs), timeline: [] },
    });
  });
}

export const sensitiveNoSeparateConsent: Rule = { meta, evaluate };
