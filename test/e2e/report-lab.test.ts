// The printed lab report: PDF pages rendered to PNG (pdftoppm), the test-item table read back
// (pdftotext), the Chinese text set in a CJK font (Chromium's own font report, pdffonts), one
// language per report (the page text in Chromium, literals taken out), the signable cover and the
// numbered pages.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
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

  it('is in one language: no Latin-script sentence in zh, no Chinese in en, outside names, values and ids', async () => {
    const fx = await makeRunDir({ complete: false });
    const zh = await writeLabReport(fx.dir, { pdf: false });
    const en = await writeLabReport(fx.dir, { lang: 'en', pdf: false });
    // Three Latin words in a row make a sentence; a Han character in en is Chinese text.
    const latinSentence = /[A-Za-z][\w'’-]*(?:[ ,.:;()]+[A-Za-z][\w'’-]*){2,}/g;
    const han = /\p{Script=Han}+/gu;
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      const texts = async (file: string): Promise<{ all: string; prose: string }> => {
        await page.goto(pathToFileURL(file).href);
        return page.evaluate(() => {
          const all = document.body.innerText;
          for (const e of document.querySelectorAll('.lit, style')) e.remove();
          return { all, prose: document.body.innerText };
        });
      };
      const z = await texts(zh.html);
      // The check can fail: the page does hold Latin sentences, all inside literals (the recorded reason of the incomplete run).
      expect(z.all.match(latinSentence)).not.toBeNull();
      expect(z.prose.match(latinSentence)).toBeNull();
      for (const s of ['人脸图像', '学历', '第三方', '注册', '全部同意', '检测局限性说明', '各环节收集的个人信息与类别必要范围对照', '服务器返回的个人信息', '所响应的请求']) expect(z.prose).toContain(s);
      expect(z.prose).not.toMatch(/face_image|tax_record|accept-all/);
      const e = await texts(en.html);
      expect(e.all.match(han)).not.toBeNull();
      expect(e.prose.match(han)).toBeNull();
      for (const s of ['Face image', 'third party', 'Accept all', 'Statement of limits', 'returned by servers', 'Request answered']) expect(e.prose).toContain(s);
    } finally {
      await browser.close();
    }
  });

  it('has a signable cover, numbered pages with the report number, and compact nonconformities', async () => {
    const fx = await makeRunDir();
    const out = await writeLabReport(fx.dir, {
      lab: '某某检测实验室',
      signing: { number: 'SZLAB-{yyyy}{mm}{dd}-{app}-{hash6}', client: '某市网信办', signatures: { tester: { name: '张工' }, reviewer: { name: '李工', date: '2025-01-03' }, approver: { name: '王主任' } } },
    });
    expect(out.reportNo).toMatch(/^SZLAB-20250101-LOVELINK-[0-9A-F]{6}$/);
    const pages = execFileSync('pdfinfo', [out.pdf!], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)![1]!;
    const n = Number(pages);
    for (let i = 1; i <= n; i++) {
      const text = execFileSync('pdftotext', ['-f', String(i), '-l', String(i), '-layout', out.pdf!, '-'], { encoding: 'utf8' });
      expect(text, `page ${i}`).toContain(`报告编号 ${out.reportNo} · 第 ${i} / ${n} 页`);
    }
    const cover = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', out.pdf!, '-'], { encoding: 'utf8' });
    for (const s of ['某市网信办', 'LoveLink', '2.3.1', '2025-01-01', '某某检测实验室', '检测人', '张工', '审核人', '李工', '2025-01-03', '批准人', '王主任']) expect(cover).toContain(s);

    const html = readFileSync(out.html, 'utf8');
    // One article per distinct finding; the face upload shown as a thumbnail, never as its bytes in text.
    expect(html.match(/<article class="finding">/g)).toHaveLength(5);
    expect(html.match(/<img class="upload"/g)?.length).toBeGreaterThanOrEqual(1);
    const text = html.replace(/<img[^>]*>/g, '');
    expect(text).not.toMatch(/[A-Za-z0-9+/=]{200,}/);
  });
});
