// The message sources of a run: the SMTP sink when the target asks for it (target.smtp), the SMS source
// when the lab wired one (PRIVLAB_SMS_SOURCE). What a scenario reads from them goes into the timeline.

import type { Inbox, MailQuery, SmsQuery, SmsSource } from '../core/inbox.ts';
import type { Target } from '../core/target.ts';
import { SmtpInbox } from './inbox.ts';
import { NO_SMS_SOURCE, PolledSmsSource } from './inbox-sms.ts';
import type { TimelineSink, UiPosition } from './recorded-ui.ts';

export interface RunMessages {
  inbox: Inbox;
  sms: SmsSource;
  /** Where the SMTP sink listens, for the progress line; undefined when none was started. */
  smtpPort?: number;
  stop(): Promise<void>;
}

const NO_INBOX: Inbox = {
  waitFor: () => Promise.reject(new Error('ctx.inbox: the target did not ask for the SMTP sink (set target.smtp: true)')),
};

export async function startMessages(target: Target, sink: TimelineSink, where: () => UiPosition, env: NodeJS.ProcessEnv = process.env): Promise<RunMessages> {
  const smtp = target.smtp ? new SmtpInbox() : undefined;
  await smtp?.start();
  const smsSource = env.PRIVLAB_SMS_SOURCE ? new PolledSmsSource(env.PRIVLAB_SMS_SOURCE) : undefined;
  try {
    await smsSource?.start();
  } catch (e) {
    await smtp?.stop();
    throw new Error(`PRIVLAB_SMS_SOURCE: ${(e as Error).message}`);
  }
  // The timeline says which message a step used (recipient and subject), never its body or code.
  const note = (label: string) => sink.appendTimeline({ type: 'mark', ...where(), label });
  const inbox: Inbox = smtp
    ? {
        waitFor: async (q?: MailQuery) => {
          const m = await smtp.waitFor(q);
          note(`inbox: mail to ${m.to.join(', ')} "${m.subject}"${m.firstLink ? ', link' : ''}${m.firstCode ? ', code' : ''}`);
          return m;
        },
      }
    : NO_INBOX;
  const sms: SmsSource = smsSource
    ? {
        waitFor: async (q?: SmsQuery) => {
          const m = await smsSource.waitFor(q);
          note(`sms: message${m.to ? ` to ${m.to}` : ''}${m.code ? ', code' : ''}`);
          return m;
        },
      }
    : NO_SMS_SOURCE;
  return {
    inbox,
    sms,
    ...(smtp ? { smtpPort: smtp.port } : {}),
    stop: async () => {
      smsSource?.stop();
      await smtp?.stop();
    },
  };
}
