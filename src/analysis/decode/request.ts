// Decodes everything a request carries (URL path and query, headers, cookies, body) into leaves, and a
// response's body (what the server returns shows what it stored: a profile, a token with a password hash).

import { headerValue, type Flow } from '../../core/flow.ts';
import { parseCookieHeader } from './cookies.ts';
import { headersToAnalyse } from './headers.ts';
import type { DecodeLimits, Leaf, Position } from './leaf.ts';
import { child } from './leaf.ts';
import { splitUrl } from './query.ts';
import type { BodyCache } from './body-cache.ts';
import { DecodeSession } from './session.ts';
import { unwrapBody, unwrapPairs, unwrapString, type BodyMeta } from './unwrap.ts';

export interface DecodedMessage {
  leaves: Leaf[];
  notes: string[];
}

/** Path segments shorter than this are route words (v1, api, user), not values. */
const MIN_PATH_SEGMENT = 6;

/** `bodies`: where a body decoded before in this run is taken from (the leaves are the same as a fresh decode's). */
export async function decodeRequest(flow: Flow, body: Buffer | undefined, limits: Partial<DecodeLimits> = {}, bodies?: BodyCache): Promise<DecodedMessage> {
  const s = new DecodeSession(limits);
  const req = flow.request;
  const url = splitUrl(req.url);
  if (url.error) s.note(url.error);
  const pathPos: Position = { path: 'url.path', chain: [], location: 'url', depth: 0 };
  url.pathname.split('/').forEach((seg, i) => {
    if (seg.length >= MIN_PATH_SEGMENT) unwrapString(s, seg, { ...pathPos, path: `url.path[${i}]`, depth: 1 });
  });
  unwrapPairs(s, url.params, { path: 'query', chain: ['query'], location: 'url', depth: 0 });

  const headerPos: Position = { path: 'header', chain: [], location: 'header', depth: 0 };
  for (const h of headersToAnalyse(req.headers)) unwrapString(s, h.value, child(headerPos, h.name.toLowerCase()));

  const cookiePos: Position = { path: 'cookie', chain: ['cookie'], location: 'cookie', depth: 0 };
  for (const h of req.headers) {
    if (h.name.toLowerCase() === 'cookie') unwrapPairs(s, parseCookieHeader(h.value), cookiePos);
  }

  if (body && body.length > 0) {
    const ref = req.body;
    await unwrapStored(
      s,
      body,
      ref?.sha256,
      {
        contentType: ref?.contentType ?? headerValue(req.headers, 'content-type'),
        contentEncoding: ref?.contentEncoding ?? headerValue(req.headers, 'content-encoding'),
        truncated: ref?.truncated,
      },
      { path: 'body', chain: [], location: 'body', depth: 0, ...routeKey(url.pathname) },
      bodies,
    );
  } else if (req.body && req.body.size > 0) {
    s.note(`request body ${req.body.sha256} is missing from bodies/: body not analysed`);
  }
  return { leaves: s.leaves, notes: s.notes };
}

/** The response body, at paths under "response.body". */
export async function decodeResponse(flow: Flow, body: Buffer, limits: Partial<DecodeLimits> = {}, bodies?: BodyCache): Promise<DecodedMessage> {
  const s = new DecodeSession(limits);
  const res = flow.response;
  await unwrapStored(
    s,
    body,
    res?.body?.sha256,
    {
      contentType: res?.body?.contentType ?? (res ? headerValue(res.headers, 'content-type') : undefined),
      contentEncoding: res?.body?.contentEncoding ?? (res ? headerValue(res.headers, 'content-encoding') : undefined),
      truncated: res?.body?.truncated,
    },
    { path: 'response.body', chain: [], location: 'body', depth: 0, ...routeKey(splitUrl(flow.request.url).pathname) },
    bodies,
  );
  return { leaves: s.leaves, notes: s.notes.map((n) => `response: ${n}`) };
}

/**
 * A body is named by the resource its URL ends in (POST /v1/users/javen/friends sends the friends; GET returns them):
 * a whole-body JSON list is then read under that name, as a field of that name would be. Only a word counts.
 */
function routeKey(pathname: string): { route?: string } {
  const last = pathname.split('/').filter(Boolean).pop();
  return last && /^[A-Za-z][A-Za-z_-]{2,40}$/.test(last) ? { route: last } : {};
}

/** A stored body (named by its SHA-256) through the run's body cache when there is one. */
function unwrapStored(s: DecodeSession, body: Buffer, sha256: string | undefined, meta: BodyMeta, pos: Position, bodies: BodyCache | undefined): Promise<void> {
  return bodies && sha256 ? bodies.unwrap(s, body, sha256, meta, pos) : unwrapBody(s, body, meta, pos);
}
