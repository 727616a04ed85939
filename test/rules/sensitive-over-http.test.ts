import { describe, expect, it } from 'vitest';
import { sensitiveOverHttp } from '../../src/rules/sensitive-over-http.ts';
import { RunBuilder } from './helpers.ts';

describe('sensitive-over-http', () => {
  it('flags sensitive PI over plain http, per host', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'verify', 'completed', (p) => p.send('id_number', { insecure: true }).send('phone_number', { insecure: true }))
      .build();
    const [f, ...rest] = sensitiveOverHttp.evaluate(input).findings;
    expect(rest).toEqual([]);
    expect(f!.id).toBe('sensitive-over-http:verify:app.test');
    expect(f!.piTypes).toEqual(['id_number']);
  });

  it('holds for sensitive PI over https and non-sensitive PI over http', () => {
    const input = new RunBuilder()
      .phase('accept-all', 'verify', 'completed', (p) => p.send('id_number').send('gender', { insecure: true }))
      .build();
    expect(sensitiveOverHttp.evaluate(input).findings).toEqual([]);
  });
});
