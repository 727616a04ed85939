// Drives real Chromium through a capture engine to a local sample app under a realistic https name,
// trusting the privlab CA by SPKI pin only. Shared by the embedded and mitmproxy end-to-end tests.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureCa, type PrivlabCa } from '../../src/capture/ca.ts';
import type { CaptureEngine, CaptureOptions } from '../../src/core/capture.ts';
import type { Flow } from '../../src/core/flow.ts';
import { tempRun } from './run-dir.ts';

export const APP_HOST = 'app.example.test';
export const REGISTRATION = { phone: '13800138000', name: '张三' };

const PAGE = `<!doctype html><meta charset="utf-8"><title>sample</title><p id="out">waiting</p>
<script>
fetch('/api/register', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(${JSON.stringify(REGISTRATION)}) })
  .then((r) => r.json()).then((j) => { document.getElementById('out').textContent = 'registered ' + j.id; })
  .then(() => fetch('https://update.googleapis.com/service/update2/json', { method: 'POST', mode: 'no-cors', body: '{}' }))
  .finally(() => { document.title = 'done'; });
</script>`;

export interface ChromiumCaptureResult {
  flows: Flow[];
  body(flow: Flow, which: 'request' | 'response'): string;
  pageText: string;
}

export async function captureSamplePage(
  makeEngine: (opts: CaptureOptions, ca: PrivlabCa) => CaptureEngine,
): Promise<ChromiumCaptureResult> {
  const app = http.createServer((req, res) => {
    if (req.url === '/api/register') {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'u-42', echoed: JSON.parse(body) }));
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const run = tempRun();
  const ca = await ensureCa(mkdtempSync(join(tmpdir(), 'privlab-home-')));
  const engine = makeEngine(
    {
      sink: run.writer,
      hostMap: { [APP_HOST]: `127.0.0.1:${(app.address() as AddressInfo).port}` },
      harnessHosts: ['update.googleapis.com', 'accounts.google.com', '*.gvt1.com', 'clients2.google.com'],
    },
    ca,
  );
  let pageText: string;
  try {
    const proxy = await engine.start();
    engine.setContext({ phase: 'register', variant: 'accept-all' });
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      proxy: { server: proxy.url },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--ignore-certificate-errors-spki-list=${proxy.caSpkiSha256}`,
      ],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`https://${APP_HOST}/`);
      await page.waitForFunction(() => document.title === 'done', undefined, { timeout: 20_000 });
      pageText = (await page.textContent('#out')) ?? '';
    } finally {
      await browser.close();
    }
  } finally {
    await engine.stop();
    run.writer.close();
    await new Promise((resolve) => app.close(resolve));
  }
  const flows = run.flows();
  return {
    flows,
    pageText,
    body: (flow, which) => run.body(flow[which === 'request' ? 'request' : 'response']?.body).toString('utf8'),
  };
}
