// The URL of a request: its path and its query parameters.

import { parseUrlEncoded, percentDecode, type Pair } from './form.ts';

export interface UrlParts {
  host: string;
  pathname: string;
  params: Pair[];
  /** Set when the URL could not be parsed. */
  error?: string;
}

export function splitUrl(url: string): UrlParts {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { host: '', pathname: '', params: [], error: `unparseable URL ${url.slice(0, 100)}` };
  }
  const search = u.search.startsWith('?') ? u.search.slice(1) : u.search;
  return { host: u.hostname, pathname: percentDecode(u.pathname, false), params: parseUrlEncoded(search) };
}
