// The printed lab report: PDF pages rendered to PNG (pdftoppm), the test-item table read back
// (pdftotext), and the Chinese text set in a CJK font (Chromium's own font report, pdffonts).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { writeLabReport } from '../../src/report/lab/index.ts';
import { makeRunDir } from '../report/run-fixture.ts';

const pdfText = (pdf: string): string => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

describe('lab report (PDF)', () => {
  it('prints pages with the test items, the nonconformities and Chinese text in a CJK font', async () => {
    const fx = await makeRunDir();
    const out = await writeLabReport(fx.dir, { lab: '某某检测实验室' });
    expect(out.pdf).toBeDefined();

    const pngDir = mkdtempSync(join(tmpdir(), 'privlab-lab-png-'));
    execFileSync('pdftoppm', ['-r', '50', '-png', out.pdf!, join(pngDir, 'page')]);
    const pages = readdirSync(pngDir).filter((f) => f.endsWith('.png')).sort();
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const p of pages) {
      const { channels } = await sharp(join(pngDir, p)).stats();
      expect(Math.min(...channels.slice(0, 3).map((c) => c.min)), p).toBeLessThan(100); // something is printed
    }
    console.log(`lab report pages: ${join(pngDir, pages[0]!)} … (${pages.length})`);

    const text = pdfText(out.pdf!);
    const row = (...parts: string[]): string | undefined => text.split('\n').find((l) => parts.every((p) => l.includes(p)));
    expect(row('超出必要范围收集个人信息', '注册', '不符合', '3')).toBeDefined();
    expect(row('人脸信息上传', '身份验证', '不符合')).toBeDefined();
    expect(row('注销要求更多信息', '注销', '已豁免')).toBeDefined();
    expect(row('明文传输', '不适用')).toBeDefined();
    expect(row('超出必要范围收集个人信息', '登录', '符合')).toBeDefined();
    for (const t of ['收集学历', '收集社保记录', '收集纳税记录', '人脸图像上传至第三方', '某某检测实验室', '婚恋相亲类 (marriage_dating)', '草案（未生效）']) expect(text).toContain(t);
    expect(text).not.toContain('S3cret-Pass!');

    // Every font is embedded (Chromium embeds the CFF-based Noto CJK as Type 3 fonts).
    const fonts = execFileSync('pdffonts', [out.pdf!], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f, f).toMatch(/\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);

    // The font Chromium actually used for the Chinese title is a CJK one, not a fallback box.
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(out.html).href);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument');
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
      const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const han = used.filter((u) => /CJK/.test(u.familyName));
      expect(han.reduce((n, u) => n + u.glyphCount, 0)).toBeGreaterThanOrEqual(8); // 个人信息收集使用检测报告
    } finally {
      await browser.close();
    }
  });

  it('marks an incomplete run on the cover, and writes English with lang en', async () => {
    const fx = await makeRunDir({ complete: false });
    const zh = await writeLabReport(fx.dir);
    expect(pdfText(zh.pdf!)).toContain('运行不完整');
    const en = await writeLabReport(fx.dir, { lang: 'en', pdf: true });
    const text = pdfText(en.pdf!);
    expect(text).toContain('did not end normally');
    expect(text).toMatch(/Over-collection\s+Register\s+Accept all\s+Nonconforming\s+3/);
    expect(en.html).toMatch(/lab-report\.en\.html$/);
  });
});
