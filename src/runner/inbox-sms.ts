// SMS codes from the lab's own gateway or test SIM, wired in as a source privlab polls:
// a JSON-lines file the gateway appends to, or an HTTP endpoint that answers a JSON array.
// Each message is {"to": "+86...", "text": "...", "time": "ISO 8601"}; `to` and `time` are optional.

import { existsSync, readFileSync } from 'node:fs';
import type { SmsMessage, SmsQuery, SmsSource } from '../core/inbox.ts';
import { firstCode } from './inbox-extract.ts';
import { MessageQueue } from './inbox-queue.ts';

const POLL_MS = 500;

interface RawSms {
  to?: string;
  text: string;
  time?: string;
}

/** `source`: a file path or an http(s) URL; default $PRIVLAB_SMS_SOURCE. */
export class PolledSmsSource implements SmsSource {
  private readonly queue = new MessageQueue<SmsMessage>();
  private readonly seen = new Set<string>();
  private timer?: NodeJS.Timeout;
  private lastError?: string;

  constructor(private readonly source: string) {}

  /** Messages already in the source when the run starts are old: only newer ones are handed out. */
  async start(): Promise<void> {
    for (const m of await this.read()) this.seen.add(JSON.stringify(m));
    this.timer = setInterval(() => void this.poll(), POLL_MS);
  }

  waitFor(q: SmsQuery = {}): Promise<SmsMessage> {
    const what = `sms${q.to ? ` to=${q.to}` : ''} from ${this.source}${this.lastError ? ` (last read failed: ${this.lastError})` : ''}`;
    return this.queue.waitFor((m) => !q.to || digits(m.to) === digits(q.to), what, q.timeoutMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    let messages: RawSms[];
    try {
      messages = await this.read();
      this.lastError = undefined;
    } catch (e) {
      this.lastError = (e as Error).message;
      return;
    }
    for (const m of messages) {
      const key = JSON.stringify(m);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      const code = firstCode(m.text);
      this.queue.push({ ...(m.to ? { to: m.to } : {}), text: m.text, receivedAt: m.time ?? new Date().toISOString(), ...(code ? { code } : {}) });
    }
  }

  private async read(): Promise<RawSms[]> {
    if (/^https?:\/\//.test(this.source)) {
      const res = await fetch(this.source);
      if (!res.ok) throw new Error(`${this.source}: HTTP ${res.status}`);
      return checked(this.source, await res.json());
    }
    if (!existsSync(this.source)) return [];
    const lines = readFileSync(this.source, 'utf8').split('\n').filter((l) => l.trim());
    return checked(
      this.source,
      lines.map((l, i) => {
        try {
          return JSON.parse(l) as unknown;
        } catch {
          throw new Error(`${this.source}: line ${i + 1} is not JSON`);
        }
      }),
    );
  }
}

function checked(source: string, data: unknown): RawSms[] {
  if (!Array.isArray(data)) throw new Error(`${source}: expected a JSON array of {to, text, time}`);
  data.forEach((m, i) => {
    if (typeof (m as RawSms)?.text !== 'string') throw new Error(`${source}: message ${i + 1} has no "text" string`);
  });
  return data as RawSms[];
}

const digits = (s?: string) => (s ?? '').replace(/\D/g, '').slice(-11);

/** The ctx.sms of a run with no SMS source configured: says how to wire one. */
export const NO_SMS_SOURCE: SmsSource = {
  waitFor: () => Promise.reject(new Error('ctx.sms: no SMS source configured (set PRIVLAB_SMS_SOURCE to a JSON-lines file or an http(s) URL)')),
};
