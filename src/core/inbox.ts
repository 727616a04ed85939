// What a scenario reads verification messages from: the lab's SMTP sink (e-mail) and SMS code source.

export interface MailMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
  /** The first http(s) link in the message (a confirmation or set-password link), if any. */
  firstLink?: string;
  /** The first 4 to 8 digit number outside any link (a verification code), if any. */
  firstCode?: string;
}

export interface MailQuery {
  /** Recipient address, compared case-insensitively. */
  to?: string;
  /** Substring of the subject, or a pattern. */
  subject?: string | RegExp;
  /** Default 30 s; a message that does not come in time blocks the phase (the app did not send it). */
  timeoutMs?: number;
}

export interface Inbox {
  /** The next message matching the query that no earlier waitFor returned; waits for it when none is there yet. */
  waitFor(q?: MailQuery): Promise<MailMessage>;
}

export interface SmsMessage {
  to?: string;
  text: string;
  receivedAt: string;
  code?: string;
}

export interface SmsQuery {
  /** The receiving phone number. */
  to?: string;
  timeoutMs?: number;
}

export interface SmsSource {
  waitFor(q?: SmsQuery): Promise<SmsMessage>;
}
