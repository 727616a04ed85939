// The SMTP sink receives real SMTP (nodemailer over TCP to 127.0.0.1), and the SMS source reads a file a
// gateway appends to; a message that never comes blocks the step (StepNotReached), it is not an error.

import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { StepNotReached } from '../../src/core/driver.ts';
import { smtpPort, SmtpInbox } from '../../src/runner/inbox.ts';
import { firstCode, firstLink } from '../../src/runner/inbox-extract.ts';
import { PolledSmsSource } from '../../src/runner/inbox-sms.ts';

const stops: Array<() => unknown> = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

async function inbox(): Promise<SmtpInbox> {
  const box = new SmtpInbox();
  await box.start(0);
  stops.push(() => box.stop());
  return box;
}

function send(port: number, mail: { to: string; subject: string; text?: string; html?: string }) {
  const t = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return t.sendMail({ from: 'WordPress <wordpress@blog.example>', ...mail });
}

describe('SMTP inbox', () => {
  it('returns the message for a recipient, with its first link and code', async () => {
    const box = await inbox();
    const waiting = box.waitFor({ to: 'Alice@Example.test', subject: 'Login Details', timeoutMs: 5_000 });
    await send(box.port, { to: 'bob@example.test', subject: '[Blog] Login Details', text: 'not for alice' });
    await send(box.port, {
      to: 'alice@example.test',
      subject: '[Blog] Login Details',
      text: 'Username: alice\n\nTo set your password, visit:\n<https://blog.example/wp-login.php?action=rp&key=AB12345678&login=alice>\n\nYour code is 482913.',
    });
    const m = await waiting;
    expect(m.to).toEqual(['alice@example.test']);
    expect(m.from).toBe('wordpress@blog.example');
    expect(m.firstLink).toBe('https://blog.example/wp-login.php?action=rp&key=AB12345678&login=alice');
    expect(m.firstCode).toBe('482913');
    // Bob's message is still there for whoever asks for it; each message is handed out once.
    expect((await box.waitFor({ to: 'bob@example.test', timeoutMs: 1_000 })).text).toContain('not for alice');
    await expect(box.waitFor({ to: 'bob@example.test', timeoutMs: 200 })).rejects.toBeInstanceOf(StepNotReached);
  });

  it('takes the link from an HTML-only message', async () => {
    const box = await inbox();
    await send(box.port, { to: 'c@example.test', subject: 'Confirm', html: '<p><a href="https://shop.example/confirm?t=1&amp;u=2">Confirm</a></p>' });
    expect((await box.waitFor({ subject: /^Conf/, timeoutMs: 5_000 })).firstLink).toBe('https://shop.example/confirm?t=1&u=2');
  });

  it('says which wait timed out', async () => {
    const box = await inbox();
    await expect(box.waitFor({ to: 'nobody@example.test', timeoutMs: 100 })).rejects.toThrow(/inbox to=nobody@example.test.*within 100 ms/);
  });

  it('reads its port from PRIVLAB_SMTP_PORT and rejects a bad one', () => {
    expect(smtpPort({})).toBe(2525);
    expect(smtpPort({ PRIVLAB_SMTP_PORT: '3025' })).toBe(3025);
    expect(() => smtpPort({ PRIVLAB_SMTP_PORT: 'abc' })).toThrow(/PRIVLAB_SMTP_PORT=abc/);
  });
});

describe('verification parts of a message', () => {
  it('ignores digits inside links and takes the first standalone code', () => {
    expect(firstCode('Open https://x.example/verify/12345678 or type 0042 in the app')).toBe('0042');
    expect(firstCode('no code here')).toBeUndefined();
    expect(firstLink('see <http://a.example/p?x=1>.')).toBe('http://a.example/p?x=1');
  });
});

describe('SMS source', () => {
  it('hands out only messages that arrive after it started, matched by number', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'privlab-sms-')), 'sms.jsonl');
    writeFileSync(file, `${JSON.stringify({ to: '+8613800000000', text: 'old code 111111' })}\n`);
    const sms = new PolledSmsSource(file);
    await sms.start();
    stops.push(() => sms.stop());
    const waiting = sms.waitFor({ to: '13800000000', timeoutMs: 5_000 });
    appendFileSync(file, `${JSON.stringify({ to: '+86 138 0000 0000', text: '【某App】验证码 654321，5分钟内有效' })}\n`);
    expect((await waiting).code).toBe('654321');
    await expect(sms.waitFor({ timeoutMs: 800 })).rejects.toBeInstanceOf(StepNotReached);
  });

  it('polls an HTTP endpoint of the gateway', async () => {
    const messages: Array<{ to: string; text: string }> = [];
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messages)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    stops.push(() => new Promise<void>((r) => server.close(() => r())));
    const sms = new PolledSmsSource(`http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`);
    await sms.start();
    stops.push(() => sms.stop());
    messages.push({ to: '13800000000', text: 'Your code: 9031' });
    expect((await sms.waitFor({ to: '+86 13800000000', timeoutMs: 5_000 })).code).toBe('9031');
  });

  it('names the file and line of a broken message', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'privlab-sms-')), 'sms.jsonl');
    writeFileSync(file, 'not json\n');
    await expect(new PolledSmsSource(file).start()).rejects.toThrow(/sms.jsonl: line 1 is not JSON/);
  });
});
