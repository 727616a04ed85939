// What decoders produce: one value of a message, where it sat, and how it was unwrapped.

import type { ObservationLocation } from '../../core/observation.ts';

export interface Leaf {
  /** e.g. body.profile.edu, body[multipart:photo], query.phone, header.x-device, cookie.token.uid */
  path: string;
  /** The field name closest to the value (object key, form field, header or cookie name). */
  key?: string;
  /** Path of the enclosing object, so sibling fields (latitude and longitude) can be paired. */
  parent?: string;
  value: string | Buffer;
  /** Decoding steps from the raw message to the value, outermost first. */
  chain: string[];
  location: ObservationLocation;
  /** An element of a named array: the array itself carries the name. */
  item?: boolean;
  /** Set for an array or object reported whole (for key names such as "contacts"): its item count. */
  items?: number;
  /** A JSON integer past 2^53: parsing rounded its last digits, so no check digit in it can be read. */
  inexact?: boolean;
  /** For binary values: the declared or sniffed media type and the upload's file name. */
  contentType?: string;
  filename?: string;
}

/** Bounds that keep hostile input (bombs, deep nesting, floods of fields) cheap. */
export interface DecodeLimits {
  /** Decoding layers plus structural nesting (JSON/XML/protobuf levels). */
  maxDepth: number;
  /** Values reported per flow. */
  maxLeaves: number;
  /** Bytes any one body or decoded value may expand to (decompression, base64). */
  maxBytes: number;
}

export const DEFAULT_LIMITS: DecodeLimits = {
  maxDepth: 32,
  maxLeaves: 20_000,
  maxBytes: 32 * 1024 * 1024,
};

/** Where the next value goes: its path, decoding chain and nesting depth so far. */
export interface Position {
  path: string;
  key?: string;
  parent?: string;
  chain: string[];
  location: ObservationLocation;
  depth: number;
  /** An element of an array: named by its array, so not reported again as a named container. */
  item?: boolean;
  /** The resource a body's URL ends in (friends): the name of a whole-body JSON list; objects' fields speak for themselves. */
  route?: string;
}

/** Appends a field name to a path: plain names with a dot, anything else quoted in brackets. */
export function childPath(path: string, key: string): string {
  if (/^[\p{L}\p{N}_$#-]+$/u.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

export function child(pos: Position, key: string, step?: string): Position {
  return {
    path: childPath(pos.path, key),
    key,
    parent: pos.path,
    chain: step ? [...pos.chain, step] : pos.chain,
    location: pos.location,
    depth: pos.depth + 1,
  };
}

/** Same place, one more decoding step (base64, jwt, ...). */
export function layer(pos: Position, step: string): Position {
  return { ...pos, chain: [...pos.chain, step], depth: pos.depth + 1 };
}
