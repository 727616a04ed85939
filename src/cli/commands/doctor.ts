// `privlab doctor`: what each platform needs, what is present, and the command to fix what is not.

import type { Command } from 'commander';
import { runChecks } from '../doctor-checks.ts';

/** Platforms whose missing parts make `privlab run` of a web scenario fail. */
const REQUIRED = new Set(['core', 'web', 'reports']);

export function register(program: Command): void {
  program
    .command('doctor')
    .description('Check this machine for what each platform needs (web: chromium, ffmpeg; capture: mitmdump; reports: java, fonts; Android: chromedriver, Appium drivers, adb, ANDROID_HOME, a device; iOS: Xcode) and print the command that fixes each missing part. Exits 1 if a part the web demo needs is missing.')
    .option('--json', 'print the results as JSON')
    .action((f: { json?: boolean }) => {
      const results = runChecks();
      if (f.json) {
        console.log(JSON.stringify(results, null, 2));
      } else {
        let platform = '';
        for (const r of results) {
          if (r.platform !== platform) {
            platform = r.platform;
            console.log(`\n${platform}`);
          }
          console.log(`  ${r.ok ? 'ok     ' : 'MISSING'} ${r.name.padEnd(40)} ${r.ok ? r.detail : `fix: ${r.fix}`}`);
        }
      }
      process.exitCode = results.some((r) => !r.ok && REQUIRED.has(r.platform)) ? 1 : 0;
    });
}
