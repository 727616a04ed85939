// The bundled sample apps, each under every variant, through real Chromium, the embedded proxy and
// the fake camera: the exact set of rules each triggers, and the control app triggering none.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.ts';
import { VARIANTS, type VariantName } from '../../src/core/phase.ts';
import type { FindingsFile } from '../../src/core/rule.ts';
import { ensureAnalysed } from '../../src/cli/pipeline.ts';
import { runScenario } from '../../src/runner/run-scenario.ts';
import { serveReport } from '../../src/report/allure/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'bin/privlab.mjs');
const out = mkdtempSync(join(tmpdir(), 'privlab-demo-'));
const runs = new Map<string, { dir: string; findings: FindingsFile }>();

async function runApp(app: string): Promise<void> {
  const { runDir } = await runScenario({
    scenarioFile: join(ROOT, 'scenarios/demo', app, 'scenario.ts'),
    outRoot: out,
    outDir: join(out, app),
    variants: [...VARIANTS],
    engine: 'embedded',
    driver: 'playwright',
  });
  runs.set(app, { dir: runDir, findings: await ensureAnalysed(runDir) });
}

const ruleIds = (fs: Finding[]): string[] => [...new Set(fs.map((f) => f.ruleId))].sort();
const of = (app: string) => runs.get(app)!.findings;
const inVariant = (app: string, v: VariantName) => of(app).findings.filter((f) => f.variants.includes(v));
const outcome = (app: string, v: VariantName, phase: string) => of(app).outcomes.find((o) => o.variant === v && o.phase === phase);

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Four apps, up to five variants each, through real Chromium: longer than one hook's default allowance.
beforeAll(async () => {
  for (const app of ['lovelink', 'swiftlocker', 'xianqu', 'linyu']) await runApp(app);
}, 900_000);

describe('LoveLink (marriage_dating): profile demands work and tax records, face to a third-party cloud', () => {
  it('triggers exactly its rule set', () => {
    expect(ruleIds(of('lovelink').findings)).toEqual([
      'biometric-third-party',
      'biometric-upload',
      'bundled-consent',
      'cancellation-demands-more',
      'face-only',
      'forced-non-necessary',
      'over-collection',
      'sensitive-no-separate-consent',
      'undisclosed-third-party',
    ]);
  });

  it('bundles face recognition with personalised ads in one tap, and sends sensitive PI with no separate consent', () => {
    const bundled = inVariant('lovelink', 'accept-all').filter((f) => f.ruleId === 'bundled-consent');
    expect(bundled.map((f) => f.id)).toEqual(['bundled-consent:verify:face-recognition+personalised-ads']);
    const separate = inVariant('lovelink', 'accept-all').filter((f) => f.ruleId === 'sensitive-no-separate-consent');
    expect(separate.map((f) => f.id).sort()).toEqual([
      'sensitive-no-separate-consent:delete:face-recognition',
      'sensitive-no-separate-consent:delete:identity-document',
      'sensitive-no-separate-consent:register:employment-records',
      'sensitive-no-separate-consent:register:face-recognition',
      'sensitive-no-separate-consent:verify:face-recognition',
    ]);
    // Its scenario has no withdraw step: the variant is not driven at all.
    expect(of('lovelink').outcomes.some((o) => o.variant === 'withdraw-optional')).toBe(false);
  });

  it('over-collects education, social insurance and tax records at registration, each naming its flows and clause', () => {
    const over = inVariant('lovelink', 'accept-all').filter((f) => f.ruleId === 'over-collection' && f.phase === 'register');
    for (const pi of ['education', 'social_insurance', 'tax_record']) {
      const f = over.find((x) => x.piTypes.includes(pi));
      expect(f, pi).toBeDefined();
      expect(f!.evidence.flows.length).toBeGreaterThan(0);
      expect(f!.clauses.length).toBeGreaterThan(0);
      expect(f!.reasoning).toContain(pi);
    }
  });

  it('names the third-party face cloud that receives the face photo', () => {
    const up = inVariant('lovelink', 'accept-all').filter((f) => f.ruleId === 'biometric-upload' && f.party?.kind === 'third');
    expect(up.map((f) => f.party!.host)).toContain('api.facecloud-verify.test');
  });

  it('is blocked at profile completion when optional information is refused: forced non-necessary', () => {
    expect(outcome('lovelink', 'refuse-optional', 'register')).toMatchObject({ status: 'blocked' });
    const forced = inVariant('lovelink', 'refuse-optional').filter((f) => f.ruleId === 'forced-non-necessary');
    expect(forced.map((f) => f.phase)).toEqual(['register']);
    expect(forced[0]!.evidence.timeline.length).toBeGreaterThan(0);
  });

  it('demands a hand-held ID selfie to cancel, more than registration took', () => {
    const more = inVariant('lovelink', 'accept-all').filter((f) => f.ruleId === 'cancellation-demands-more');
    expect(more.flatMap((f) => f.piTypes)).toContain('handheld_id_photo');
  });
});

describe('SwiftLocker (postal_express): face scan as the only way to verify the sender', () => {
  it('triggers exactly its rule set', () => {
    expect(ruleIds(of('swiftlocker').findings)).toEqual(['biometric-third-party', 'biometric-upload', 'consent-re-asked', 'face-only', 'over-collection', 'sensitive-over-http']);
  });

  it('asks for location again at verify after the user refused it at register', () => {
    const again = of('swiftlocker').findings.filter((f) => f.ruleId === 'consent-re-asked');
    expect(again.map((f) => [f.id, f.variants])).toEqual([['consent-re-asked:verify:optional:location', ['refuse-optional']]]);
    expect(again[0]!.reasoning).toMatch(/refused in register .* 1 time in verify/);
  });

  it('yields face-only when biometrics are refused', () => {
    expect(outcome('swiftlocker', 'refuse-biometric', 'verify')).toMatchObject({ status: 'blocked' });
    expect(inVariant('swiftlocker', 'refuse-biometric').filter((f) => f.ruleId === 'face-only').map((f) => f.phase)).toEqual(['verify']);
  });
});

describe('XianQu (local_life): account unlock by face only, an SDK beacon before consent', () => {
  it('triggers exactly its rule set', () => {
    expect(ruleIds(of('xianqu').findings)).toEqual([
      'biometric-upload',
      'cancellation-demands-more',
      'collection-before-consent',
      'consent-withdrawal',
      'face-only',
      'marketing-without-consent',
      'over-collection',
      'undisclosed-third-party',
    ]);
  });

  it('shows the personalised-ads opt-in pre-ticked, and keeps sending the ids it covers after it is withdrawn', () => {
    const preTicked = of('xianqu').findings.filter((f) => f.ruleId === 'marketing-without-consent');
    expect(preTicked.map((f) => f.id)).toEqual(['marketing-without-consent:register:pre-ticked:personalised-ads']);
    expect(preTicked[0]!.variants).toContain('accept-all');
    expect(outcome('xianqu', 'withdraw-optional', 'login')).toMatchObject({ status: 'completed' });
    const kept = of('xianqu').findings.filter((f) => f.ruleId === 'consent-withdrawal');
    expect(kept.map((f) => f.id).sort()).toEqual(['consent-withdrawal:delete:withdrawn-pi-sent', 'consent-withdrawal:login:withdrawn-pi-sent', 'consent-withdrawal:verify:withdrawn-pi-sent']);
    for (const f of kept) {
      expect(f.variants).toEqual(['withdraw-optional']);
      expect(f.piTypes).toEqual(expect.arrayContaining(['android_id', 'oaid']));
    }
  });
});

describe('LinYu (online_community): the control app', () => {
  it('triggers no rule under any variant, and its phases complete where they should', () => {
    expect(of('linyu').findings).toEqual([]);
    for (const v of ['accept-all', 'refuse-optional', 'refuse-biometric', 'withdraw-optional'] as const) {
      for (const p of ['register', 'login', 'verify', 'delete']) expect(outcome('linyu', v, p)?.status, `${v} ${p}`).toBe('completed');
    }
    // Every rule was checked somewhere: "no finding" is not "nothing looked at".
    expect(of('linyu').evaluations.filter((e) => e.status === 'held').length).toBeGreaterThan(0);
  });
});

describe('every finding is traceable', () => {
  it('names its rule, clauses, evidence and reasoning', () => {
    for (const { findings } of runs.values()) {
      for (const f of findings.findings) {
        expect(f.ruleId).toBeTruthy();
        expect(f.clauses.length, f.id).toBeGreaterThan(0);
        expect(f.evidence.flows.length + f.evidence.timeline.length, f.id).toBeGreaterThan(0);
        expect(f.reasoning.length, f.id).toBeGreaterThan(20);
      }
    }
  });
});

describe('privlab report on the demo runs', () => {
  it('--fail-on high fails the dating app and passes the control app', () => {
    const bad = cli(['report', runs.get('lovelink')!.dir, '--fail-on', 'high', '--no-pdf']);
    expect(bad.status, bad.stderr).not.toBe(0);
    expect(bad.stdout).toContain('allure-report');
    const good = cli(['report', runs.get('linyu')!.dir, '--fail-on', 'high', '--no-pdf']);
    expect(good.status, good.stderr).toBe(0);
  });

  it('shows the dating app\'s findings as failed Allure test cases with screenshots, in Chromium', async () => {
    const served = await serveReport(join(runs.get('lovelink')!.dir, 'allure-report'), { log: () => {} });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(`${served.url}#categories`);
      const tree = page.locator('allure-tree-view');
      await expect.poll(() => tree.innerText(), { timeout: 15_000 }).toContain('Over-collection');
      const reportDir = join(runs.get('lovelink')!.dir, 'allure-report');
      const cases = readdirSync(join(reportDir, 'data', 'test-cases')).map(
        (f) => JSON.parse(readFileSync(join(reportDir, 'data', 'test-cases', f), 'utf8')) as { uid: string; name: string; status: string },
      );
      const failed = cases.filter((c) => c.status === 'failed');
      // One failed test case per finding.
      expect(failed).toHaveLength(of('lovelink').findings.length);
      const education = failed.find((c) => c.name.includes('education') && c.name.includes('register / accept-all'));
      expect(education).toBeDefined();
      await page.goto(`${served.url}#testresult/${education!.uid}`);
      const pane = page.locator('.test-result');
      await expect.poll(() => pane.innerText()).toContain('Failed');
      expect(await pane.innerText()).toContain('education');
      const step = pane.locator('.step__title').filter({ hasText: '1 attachment' }).first();
      await step.click();
      await step.locator('xpath=..').locator('.attachment-row').first().click();
      const img = step.locator('xpath=..').locator('img.attachment-preview__media');
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth).catch(() => 0)).toBeGreaterThan(0);
      // The evidence: the request excerpt with the offending value marked.
      const row = pane.locator('.attachment-row').filter({ hasText: 'values marked' }).first();
      await row.click();
      const excerpt = row.locator('xpath=..').locator('pre.attachment-preview__text');
      await expect.poll(() => excerpt.innerText().catch(() => '')).toMatch(/⟦[^⟧]+⟧/);
      await page.screenshot({ path: join(out, 'allure-lovelink.png') });
    } finally {
      await browser.close();
      await served.close();
    }
  });

  it('a waiver file marks a chosen finding waived in findings.json and in the lab report', () => {
    const dir = runs.get('lovelink')!.dir;
    const target = of('lovelink').findings.find((f) => f.ruleId === 'over-collection' && f.piTypes.includes('education') && f.variants.includes('accept-all'))!;
    const waivers = join(out, 'waivers.yaml');
    writeFileSync(waivers, `- finding: ${target.id}\n  justification: 学历 is needed for the premium matchmaking service the user opted into\n  by: reviewer A\n  date: 2026-11-23\n`);
    const r = cli(['report', dir, '--waivers', waivers, '--no-pdf', '--lang', 'en']);
    expect(r.status, r.stderr).toBe(0);
    const after = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as FindingsFile;
    expect(after.findings.find((f) => f.id === target.id)?.waived?.justification).toContain('premium');
    expect(after.findings.filter((f) => f.waived)).toHaveLength(1);
    const lab = readFileSync(join(dir, 'lab-report', 'lab-report.en.html'), 'utf8');
    expect(lab).toContain('premium matchmaking');
  });
});
