// application/x-www-form-urlencoded (bodies, query strings, and form text nested in other values).

export type Pair = [name: string, value: string];

/** Percent-decoding that keeps malformed escapes as they are instead of throwing. */
export function percentDecode(s: string, plusIsSpace = true): string {
  const t = plusIsSpace ? s.replace(/\+/g, ' ') : s;
  if (!t.includes('%')) return t;
  try {
    return decodeURIComponent(t);
  } catch {
    return t.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return gbkDecode(run) ?? run;
      }
    });
  }
}

const GB18030 = new TextDecoder('gb18030', { fatal: true });

/**
 * Chinese servers and payment gateways still percent-encode GBK (YeePay's name=%d0%bb%ba%a3%be%fc is 谢海军): a run
 * that is no UTF-8 is read as GB18030 when it decodes cleanly to Chinese characters.
 */
function gbkDecode(run: string): string | undefined {
  const bytes = Buffer.from(run.replace(/%/g, ''), 'hex');
  try {
    const text = GB18030.decode(bytes);
    return /^[\p{Script=Han}\p{P}\s\w]*$/u.test(text) && /\p{Script=Han}/u.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Splits a&b=c pairs. Lenient: for bodies and URLs, whose format the sender declared. */
export function parseUrlEncoded(text: string): Pair[] {
  const out: Pair[] = [];
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    out.push([percentDecode(name), percentDecode(value)]);
  }
  return out;
}

const FORM_LIKE = /^[A-Za-z_][\w.[\]-]{0,63}=[^&=\s]*(?:&[A-Za-z_][\w.[\]-]{0,63}=[^&=\s]*)+$/;

/**
 * Form text nested in another value (a JSON string holding "a=1&b=2"). Strict: at least two
 * name=value pairs with identifier-like names and no spaces, so prose and tokens are left alone.
 */
export function parseNestedForm(text: string): Pair[] | undefined {
  if (text.length > 100_000 || !text.includes('&') || !FORM_LIKE.test(text)) return undefined;
  return parseUrlEncoded(text);
}
