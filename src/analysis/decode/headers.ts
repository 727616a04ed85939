// Request headers worth analysing: custom and identifying ones, not transport plumbing.

import type { Header } from '../../core/flow.ts';

// Plumbing headers carry no personal information; cookie is decoded separately.
const SKIP = new Set([
  'host', 'connection', 'content-length', 'content-type', 'content-encoding', 'transfer-encoding',
  'accept', 'accept-encoding', 'accept-language', 'cache-control', 'pragma', 'origin', 'referer',
  'upgrade-insecure-requests', 'sec-fetch-site', 'sec-fetch-mode', 'sec-fetch-dest', 'sec-fetch-user',
  'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'priority', 'te', 'keep-alive', 'proxy-connection',
  'if-none-match', 'if-modified-since', 'range', 'cookie', 'dnt',
]);

export function headersToAnalyse(headers: Header[]): Header[] {
  return headers.filter((h) => !SKIP.has(h.name.toLowerCase()) && !h.name.startsWith(':'));
}
