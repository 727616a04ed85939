// Recognises the browser's own background requests (update checks, probes) so they are labelled
// 'harness' and kept out of findings. Entries are exact host names or '*.suffix' for a whole domain.

/** A regular expression over a bare hostname; null when there are no entries. */
export function harnessHostPattern(entries: readonly string[] = []): RegExp | null {
  const alt = alternatives(entries);
  return alt ? new RegExp(`^${alt}\\.?$`, 'i') : null;
}

/** The same hosts as a pattern over an absolute URL (for proxies that match rules on URLs). */
export function harnessUrlPattern(entries: readonly string[] = []): RegExp | null {
  const alt = alternatives(entries);
  return alt ? new RegExp(`^[a-z][a-z0-9+.-]*://${alt}\\.?(?::\\d+)?(?:[/?#]|$)`, 'i') : null;
}

/** Why a request to this host is the harness's, or undefined when it is the app's. */
export function harnessReason(pattern: RegExp | null, host: string): string | undefined {
  return pattern?.test(host) ? `browser background host ${host.toLowerCase()}` : undefined;
}

function alternatives(entries: readonly string[]): string | null {
  const alts = entries
    .map((e) => e.trim().toLowerCase().replace(/\.$/, ''))
    .filter((e) => e.length > 0)
    .map((e) => (e.startsWith('*.') ? `(?:[^./:]+\\.)+${escape(e.slice(2))}` : escape(e)));
  return alts.length ? `(?:${alts.join('|')})` : null;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
