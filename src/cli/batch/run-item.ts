// Starts one batch entry in its own process (item-process.ts) and waits for it; its output goes to
// <store>/.logs/<name>.log, and the last lines come back as the reason when it fails.

import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ItemJob } from './item-process.ts';

export interface ItemOutcome {
  ok: boolean;
  exitCode: number | null;
  ms: number;
  log: string;
  /** Last lines of the log, when it failed. */
  reason?: string;
}

const ITEM_SCRIPT = fileURLToPath(new URL(`./item-process${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));

/** Node arguments for the child: from sources, it needs tsx's loader, which the parent may have registered in-process. */
function nodeArgs(): string[] {
  return ITEM_SCRIPT.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
}

export function runItem(job: ItemJob, onStart?: (pid: number) => void): Promise<ItemOutcome> {
  const logDir = join(job.store, '.logs');
  mkdirSync(logDir, { recursive: true });
  const log = join(logDir, `${job.entry.name}.log`);
  const out = createWriteStream(log, { flags: 'a' });
  out.write(`\n== ${new Date().toISOString()} pid ${process.pid}: ${job.entry.name}\n`);
  const started = Date.now();
  const tail: string[] = [];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs(), ITEM_SCRIPT, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: process.env,
    });
    if (child.pid) onStart?.(child.pid);
    const keep = (chunk: Buffer): void => {
      out.write(chunk);
      tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      tail.splice(0, Math.max(0, tail.length - 5));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('close', (code, signal) => {
      out.end();
      const ok = code === 0;
      resolve({
        ok,
        exitCode: code,
        ms: Date.now() - started,
        log,
        ...(ok ? {} : { reason: signal ? `killed by ${signal}` : tail.join(' | ') || `exit code ${code}` }),
      });
    });
  });
}
