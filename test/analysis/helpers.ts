// Shared by the analysis tests: catalogs (PRIVLAB_TEST_CONFIG_DIR overrides config/) and quick decoding.

import type { Catalogs } from '../../src/core/catalog.ts';
import { loadCatalogs } from '../../src/core/catalog-loader.ts';
import type { Flow, Header } from '../../src/core/flow.ts';
import { decodeRequest } from '../../src/analysis/decode/request.ts';
import type { DecodeLimits, Leaf } from '../../src/analysis/decode/leaf.ts';

export function testCatalogs(): Catalogs {
  return loadCatalogs(process.env.PRIVLAB_TEST_CONFIG_DIR);
}

export function flowOf(url: string, headers: Header[] = [], body?: { contentType?: string; contentEncoding?: string; size?: number }): Flow {
  return {
    id: 'f000001',
    time: '2024-01-01T00:00:00.000Z',
    phase: 'register',
    variant: 'accept-all',
    client: 'app',
    engine: 'embedded',
    request: { method: body ? 'POST' : 'GET', url, headers, ...(body ? { body: { sha256: '0'.repeat(64), size: body.size ?? 1, ...body } } : {}) },
  };
}

export async function decodeBody(
  body: Buffer | string,
  contentType?: string,
  contentEncoding?: string,
  limits?: Partial<DecodeLimits>,
): Promise<{ leaves: Leaf[]; notes: string[]; at: (path: string) => Leaf | undefined }> {
  const r = await decodeRequest(flowOf('https://x.test/', [], { contentType, contentEncoding }), Buffer.from(body), limits);
  return { ...r, at: (path) => r.leaves.find((l) => l.path === path) };
}
