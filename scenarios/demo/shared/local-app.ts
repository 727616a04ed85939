// Brings up one server per hostname an app plays, so first and third parties are separate services.

import type { LocalApp } from '../../../src/core/scenario.ts';
import { listen, type Handler, type Listening } from './http-kit.ts';

export interface HostSpec {
  handler: Handler;
  /** API hosts are called cross-origin by the pages and answer CORS. */
  cors?: boolean;
}

export async function serveHosts(hosts: Record<string, HostSpec>, reset: () => void): Promise<LocalApp> {
  const started: Listening[] = [];
  const map: Record<string, string> = {};
  try {
    for (const [host, spec] of Object.entries(hosts)) {
      const l = await listen(spec.handler, { cors: spec.cors });
      started.push(l);
      map[host] = `127.0.0.1:${l.port}`;
    }
  } catch (e) {
    await Promise.all(started.map((l) => l.close()));
    throw e;
  }
  return {
    hosts: map,
    reset: async () => reset(),
    stop: async () => {
      await Promise.all(started.map((l) => l.close()));
    },
  };
}
