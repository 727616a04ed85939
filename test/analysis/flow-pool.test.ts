import { describe, expect, it } from 'vitest';
import { pickWorker } from '../../src/analysis/flow-pool.ts';

const FULL = Number.MAX_SAFE_INTEGER;

describe('which worker takes the next flow', () => {
  const workers = ['a', 'b', 'c'];

  it('the least loaded, when no worker decoded the body before', () => {
    expect(pickWorker(workers, new Map([['a', 300], ['b', 100], ['c', 200]]))).toBe('b');
    expect(pickWorker(workers, new Map())).toBe('a');
  });

  it('the worker that decoded the body before, while it has room, though another is less loaded', () => {
    expect(pickWorker(workers, new Map([['a', 300], ['b', 100], ['c', 200]]), 'c')).toBe('c');
  });

  it('another worker when that one is full (it would hold the flow up behind a large body)', () => {
    expect(pickWorker(workers, new Map([['a', 300], ['b', 100], ['c', FULL]]), 'c')).toBe('b');
  });

  it('none when every worker is full', () => {
    expect(pickWorker(workers, new Map([['a', FULL], ['b', FULL], ['c', FULL]]), 'a')).toBeUndefined();
  });
});
