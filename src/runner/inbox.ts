// The lab's SMTP sink on 127.0.0.1: the app under test sends its confirmation mails here, and a scenario
// reads them with ctx.inbox.waitFor. Nothing is relayed anywhere.

import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Inbox, MailMessage, MailQuery } from '../core/inbox.ts';
import { firstCode, firstLink } from './inbox-extract.ts';
import { MessageQueue } from './inbox-queue.ts';

/** The port apps are configured with (their start scripts read the same variable). */
export function smtpPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.PRIVLAB_SMTP_PORT ?? '2525';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PRIVLAB_SMTP_PORT=${raw}: not a TCP port`);
  return port;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export class SmtpInbox implements Inbox {
  private readonly queue = new MessageQueue<MailMessage>();
  private server?: SMTPServer;
  private boundPort = 0;

  get port(): number {
    return this.boundPort;
  }

  /** Listens on 127.0.0.1 only; port 0 takes a free one. */
  async start(port = smtpPort()): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      // Local apps talk plain SMTP; no TLS or login is needed on loopback.
      disabledCommands: ['STARTTLS', 'AUTH'],
      size: MAX_MESSAGE_BYTES,
      logger: false,
      onData: (stream, session, done) => {
        simpleParser(stream)
          .then((mail) => {
            const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
            this.queue.push(toMessage(mail, envelopeTo));
            done();
          })
          .catch((e: Error) => done(e));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: Error) => reject(new Error(`SMTP sink: cannot listen on 127.0.0.1:${port}: ${e.message}`)));
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.boundPort = (server.server.address() as { port: number }).port;
  }

  waitFor(q: MailQuery = {}): Promise<MailMessage> {
    const what = ['inbox', q.to && `to=${q.to}`, q.subject && `subject=${String(q.subject)}`].filter(Boolean).join(' ');
    return this.queue.waitFor((m) => matches(m, q), what, q.timeoutMs);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

type Parsed = Awaited<ReturnType<typeof simpleParser>>;

function toMessage(mail: Parsed, envelopeTo: string[]): MailMessage {
  const text = mail.text ?? '';
  const html = typeof mail.html === 'string' ? mail.html : undefined;
  const link = firstLink(text, html);
  const code = firstCode(`${mail.subject ?? ''}\n${text}`);
  return {
    from: mail.from?.value.map((a) => a.address ?? '').join(', ') ?? '',
    to: envelopeTo.length ? envelopeTo : addresses(mail.to),
    subject: mail.subject ?? '',
    text,
    receivedAt: new Date().toISOString(),
    ...(link ? { firstLink: link } : {}),
    ...(code ? { firstCode: code } : {}),
  };
}

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  return (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => v.address ?? '')).filter(Boolean);
}

function matches(m: MailMessage, q: MailQuery): boolean {
  if (q.to && !m.to.some((t) => t.toLowerCase() === q.to!.toLowerCase())) return false;
  if (q.subject instanceof RegExp) return q.subject.test(m.subject);
  return q.subject === undefined || m.subject.includes(q.subject);
}
