// A small local sign-up page for the ui-actions test: a native <select>, a checkbox, a file input, an
// iframe with its own form, a key handler, a long page, and a confirmation mail sent over real SMTP to
// privlab's sink (PRIVLAB_SMTP_PORT), whose link leads to /confirmed.

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';

export interface Received {
  country?: string;
  newsletter?: string;
  upload?: { name: string; sha256: string };
  frameCode?: string;
  confirmed?: boolean;
}

const PAGE = `<!doctype html><html><body>
<h1>Sign up</h1>
<form id="f" method="post" action="/signup" enctype="multipart/form-data">
  <input id="email" name="email">
  <select id="country" name="country"><option value="">--</option><option value="cn">China</option><option value="de">Germany</option></select>
  <label><input type="checkbox" id="newsletter" name="newsletter" value="yes" checked> newsletter</label>
  <input type="file" id="photo" name="photo">
  <p id="greeting">Welcome, tester</p>
  <input id="keys"><span id="pressed"></span>
  <iframe id="pay" src="/frame"></iframe>
  <div style="height:3000px"></div>
  <button id="bottom" type="submit">Submit</button>
</form>
<script>document.getElementById('keys').addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); document.getElementById('pressed').textContent = 'enter pressed'; } });</script>
</body></html>`;

const FRAME = `<!doctype html><html><body><form method="post" action="/frame"><input id="code" name="code"><button id="ok">OK</button></form></body></html>`;

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Just enough multipart parsing for a test page: field values and the one file's name and digest. */
function multipart(raw: Buffer, boundary: string): Record<string, { value: Buffer; filename?: string }> {
  const out: Record<string, { value: Buffer; filename?: string }> = {};
  const text = raw.toString('latin1');
  for (const part of text.split(`--${boundary}`).slice(1, -1)) {
    const [head, ...rest] = part.split('\r\n\r\n');
    const name = /name="([^"]+)"/.exec(head!)?.[1];
    if (!name) continue;
    const filename = /filename="([^"]*)"/.exec(head!)?.[1];
    out[name] = { value: Buffer.from(rest.join('\r\n\r\n').replace(/\r\n$/, ''), 'latin1'), ...(filename !== undefined ? { filename } : {}) };
  }
  return out;
}

export async function startSignupServer(): Promise<{ port: number; received: Received; stop(): Promise<void> }> {
  const received: Received = {};
  const server = createServer((req, res) => void (async () => {
    const html = (s: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(s);
    if (req.method === 'GET' && req.url === '/') return html(PAGE);
    if (req.method === 'GET' && req.url === '/frame') return html(FRAME);
    if (req.method === 'POST' && req.url === '/frame') {
      received.frameCode = new URLSearchParams((await body(req)).toString()).get('code') ?? undefined;
      return html('<p id="frame-done">frame ok</p>');
    }
    if (req.method === 'POST' && req.url === '/signup') {
      const boundary = /boundary=(.+)$/.exec(req.headers['content-type'] ?? '')?.[1] ?? '';
      const f = multipart(await body(req), boundary);
      received.country = f.country?.value.toString();
      received.newsletter = f.newsletter?.value.toString();
      if (f.photo?.filename) received.upload = { name: f.photo.filename, sha256: createHash('sha256').update(f.photo.value).digest('hex') };
      const email = f.email?.value.toString() ?? '';
      const smtp = createTransport({ host: '127.0.0.1', port: Number(process.env.PRIVLAB_SMTP_PORT), secure: false, ignoreTLS: true });
      await smtp.sendMail({ from: 'noreply@signup.test', to: email, subject: 'Confirm your account', text: `Your code is 731904.\nConfirm: https://www.signup.test/confirm?u=${encodeURIComponent(email)}` });
      return html('<p>Check your mail</p>');
    }
    if (req.method === 'GET' && req.url?.startsWith('/confirm?')) {
      received.confirmed = true;
      res.writeHead(302, { location: '/confirmed' }).end();
      return;
    }
    if (req.method === 'GET' && req.url === '/confirmed') return html('<h1>Account confirmed</h1>');
    res.writeHead(404).end();
  })().catch((e: Error) => res.writeHead(500).end(e.message)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as AddressInfo).port, received, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
