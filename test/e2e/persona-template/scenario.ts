// A sign-up page driven with a template persona, for ../persona-template.test.ts: each variant registers its
// own account; the welcome page makes the browser send the e-mail, base64-encoded, to a tracker.

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineScenario } from '../../../src/core/scenario.ts';

/** What the app's server got, one sign-up per variant. */
export const signups: Array<{ user: string; email: string; password: string }> = [];
export const beacons: string[] = [];

const PAGE = `<!doctype html><html><body><h1>Sign up</h1>
<form method="post" action="/signup"><input id="user" name="user"><input id="email" name="email">
<input id="password" name="password" type="password"><button id="go" type="submit">Sign up</button></form></body></html>`;

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const server = createServer((req, res) => void (async () => {
  const html = (s: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(s);
  if (req.headers.host?.startsWith('t.tracker.test')) {
    beacons.push(req.url ?? '');
    return res.writeHead(204).end();
  }
  if (req.method === 'GET' && req.url === '/') return html(PAGE);
  if (req.method === 'POST' && req.url === '/signup') {
    const f = new URLSearchParams(await body(req));
    const s = { user: f.get('user') ?? '', email: f.get('email') ?? '', password: f.get('password') ?? '' };
    if (signups.some((x) => x.user === s.user || x.email === s.email)) return html('<p>Account exists</p>');
    signups.push(s);
    const u = Buffer.from(s.email).toString('base64');
    const done = `document.body.insertAdjacentHTML('beforeend', '<p>beacon sent</p>')`;
    return html(`<p>Welcome ${s.user}</p><img src="https://t.tracker.test/p.gif?u=${encodeURIComponent(u)}" onload="${done}" onerror="${done}">`);
  }
  res.writeHead(404).end();
})());
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const upstream = `127.0.0.1:${(server.address() as AddressInfo).port}`;

export default defineScenario({
  target: { name: 'TemplateSignup', category: 'online_community', platform: 'web', url: 'https://www.tmpl.test/', firstParty: ['tmpl.test'], browser: { viewport: 'desktop', locale: 'en-US' } },
  persona: {
    name: 'Test Person',
    username: 'tp{run}{n}',
    phone: '13800000000',
    idNumber: '110105199003070316',
    email: 'tp+{run}-{variant}@tmpl.test',
    password: 'Pw-{run}-{variant}!',
  },
  // The server keeps its accounts across variants, as a real app does: a reused account would be refused.
  serve: async () => ({ hosts: { 'www.tmpl.test': upstream, 't.tracker.test': upstream }, reset: async () => {}, stop: () => new Promise<void>((r) => server.close(() => r())) }),
  async register({ ui, persona }) {
    await ui.goto('/');
    await ui.fill('#user', persona.username!);
    await ui.fill('#email', persona.email!);
    await ui.fill('#password', persona.password);
    await ui.tap('#go');
    await ui.see(`Welcome ${persona.username!}`);
    await ui.see('beacon sent');
  },
});
