// Single-key marks in the capture terminal (when stdin is a TTY).

import type { Mark } from './marks.ts';

export const KEY_MARKS: Record<string, Mark> = {
  r: { kind: 'phase', phase: 'register' },
  l: { kind: 'phase', phase: 'login' },
  v: { kind: 'phase', phase: 'verify' },
  d: { kind: 'phase', phase: 'delete' },
  c: { kind: 'consent', subject: 'privacy-policy', decision: 'accept' },
  x: { kind: 'consent', subject: 'privacy-policy', decision: 'refuse' },
  f: { kind: 'consent', subject: 'face-recognition', decision: 'accept' },
  e: { kind: 'end' },
  q: { kind: 'stop' },
};

export const KEY_HELP =
  'keys: r register  l login  v verify  d delete (starts that phase, ends the previous)  e end phase  ' +
  'c privacy policy accepted  x policy refused  f face consent  q stop (or Ctrl-C)';

/** Ctrl-C arrives as a byte in raw mode, not as SIGINT. */
const CTRL_C = '\u0003';

export function markForKey(key: string): Mark | undefined {
  if (key === CTRL_C) return { kind: 'stop' };
  return KEY_MARKS[key.toLowerCase()];
}

/** Reads keys from a TTY in raw mode; returns a function that restores the terminal. */
export function listenForKeys(input: NodeJS.ReadStream, onMark: (m: Mark) => void): () => void {
  input.setRawMode(true);
  input.setEncoding('utf8');
  const onData = (data: string) => {
    for (const ch of data) {
      const mark = markForKey(ch);
      if (mark) onMark(mark);
    }
  };
  input.on('data', onData);
  input.resume();
  return () => {
    input.off('data', onData);
    input.setRawMode(false);
    input.pause();
  };
}
