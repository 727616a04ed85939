// `privlab capture --category <slug>`: live capture of any device through the proxy, marked by the
// tester, then analysed and reported like a scripted run.

import { Option, type Command } from 'commander';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { CAPTURE_ENGINES, type LiveCaptureEngineName } from '../../core/capture.ts';
import { VARIANTS, type VariantName } from '../../core/phase.ts';
import type { Platform } from '../../core/target.ts';
import { UserError } from '../errors.ts';
import { addReportOptions, pipelineOptions, printResult, progressToStderr, runExitCode, type ReportFlags } from '../options.ts';

interface CaptureFlags extends ReportFlags {
  category: string;
  name: string;
  platform: Platform;
  firstParty?: string;
  listen: string;
  allow?: string;
  allowLoopbackUpstream?: boolean;
  port?: number;
  capture?: LiveCaptureEngineName;
  variant: VariantName;
  out?: string;
  outRoot?: string;
  report: boolean;
  flows: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('capture')
    .description(
      'Live capture of any device (phone, tablet, desktop browser): starts the intercepting proxy, prints its address and ' +
        'how to trust the privlab CA on Android, iOS and desktop browsers, and records every flow until Ctrl-C (or SIGTERM), printing each as it happens (method, status, host and path, bytes, party, ' +
        'PI found in what was sent) and a summary of each phase when a mark ends it. ' +
        'Mark phases and consent as you go: keys in this terminal (r register, l login, v verify, d delete, e end phase, ' +
        'c policy accepted, x policy refused, f face consent, q stop) or `privlab mark` from a second terminal. ' +
        'When stopped it analyses and reports like privlab run.',
    )
    .requiredOption('--category <slug>', "the app's category (see privlab categories), e.g. marriage_dating")
    .option('--name <app>', 'name of the app under test, used in the run directory name and reports', 'live-app')
    .addOption(new Option('--platform <platform>', 'what the app runs on').choices(['android', 'ios', 'web']).default('android'))
    .option('--first-party <domains>', "the app's own domains, comma-separated (e.g. lovelink.test); other hosts count as third parties")
    .option('--listen <host>', 'address the proxy listens on; 0.0.0.0 lets a phone on the LAN reach it (then --allow is required)', '127.0.0.1')
    .option('--allow <cidrs>', "client addresses allowed to use the proxy, comma-separated CIDRs or addresses (e.g. the phone's Wi-Fi subnet 192.168.1.0/24); required with a non-loopback --listen")
    .option('--allow-loopback-upstream', "let clients of a shared proxy (one with --allow) reach this machine's own addresses (127.0.0.1, its LAN address); refused by default")
    .option('--port <n>', 'proxy port (default: a free one)', parsePort)
    .addOption(new Option('--capture <engine>', 'capture engine: the embedded proxy, or Debian\'s mitmdump').choices([...CAPTURE_ENGINES]))
    .addOption(
      new Option('--variant <variant>', 'what you do with consent on the device during this capture: accept everything, or refuse optional items, biometrics or the policy; the rules judge the capture as that variant')
        .choices([...VARIANTS])
        .default('accept-all'),
    )
    .option('-o, --out <dir>', 'run directory to write; it must not exist yet (default: <out-root>/<timestamp>_<name>)')
    .option('--out-root <dir>', 'parent folder of run directories (default reports/runs, or outRoot in privlab.config.yaml)')
    .option('--no-report', 'only capture: skip analysis and reports (run `privlab report <run-dir>` later)')
    .option('--no-flows', 'print no line per flow (method, status, host and path, bytes, party, PI found); phase summaries still print');
  addReportOptions(cmd).action(async (f: CaptureFlags) => {
    const { loadUserConfig } = await import('../user-config.ts');
    const cfg = loadUserConfig();
    const { findCategory, loadCatalogs } = await import('../../core/catalog-loader.ts');
    const catalogs = loadCatalogs();
    try {
      findCategory(catalogs, f.category);
    } catch (e) {
      throw new UserError(`--category: ${(e as Error).message}`);
    }
    const { isLoopbackHost, listenerPolicy, ListenerPolicyError } = await import('../../capture/listener-policy.ts');
    const allowClients = splitList(f.allow);
    try {
      listenerPolicy(f.listen, allowClients, f.allowLoopbackUpstream);
    } catch (e) {
      if (e instanceof ListenerPolicyError) throw new UserError(`--listen ${f.listen}: ${e.message}`);
      throw e;
    }
    const { ensureCa } = await import('../../capture/ca.ts');
    const { startLiveCapture } = await import('../../live/live-capture.ts');
    const { trustInstructions, writeCaCopies } = await import('../../live/ca-trust.ts');
    const { listenForKeys, KEY_HELP } = await import('../../live/keys.ts');
    const { LiveFlowPrinter } = await import('../live-flow-printer.ts');
    const ca = await ensureCa();
    const target = { name: f.name, category: f.category, platform: f.platform, firstParty: splitList(f.firstParty) };
    const printer = new LiveFlowPrinter(console.log, f.flows);
    const live = await startLiveCapture({
      target,
      engine: f.capture ?? cfg.capture ?? 'embedded',
      outDir: f.out ? resolve(f.out) : undefined,
      outRoot: resolve(f.outRoot ?? cfg.outRoot ?? 'reports/runs'),
      listenHost: f.listen,
      allowClients,
      allowLoopbackUpstream: f.allowLoopbackUpstream ?? false,
      port: f.port,
      harnessHosts: catalogs.browserHosts.map((h) => h.host),
      ca,
      variant: f.variant,
      onMarkApplied: (l) => console.log(`mark: ${l}`),
      onFlow: (flow) => printer.flow(flow),
      onPhaseEnd: (outcome) => printer.phaseEnded(outcome),
    });
    const { liveFlowAnalyzer } = await import('../../analysis/live-flow.ts');
    printer.attach(liveFlowAnalyzer(live.runDir, target, catalogs));
    const port = Number(new URL(live.proxy.url).port);
    console.log(`run directory: ${live.runDir}`);
    console.log(`proxy: ${live.proxy.url}`);
    if (!isLoopbackHost(f.listen)) {
      process.stderr.write(`the proxy listens on ${f.listen}; only clients in ${allowClients.join(', ')} may use it${f.allowLoopbackUpstream ? '' : ", and never to reach this machine's own addresses"}\n`);
      for (const a of lanAddresses()) console.log(`proxy for devices on the LAN: ${a}:${port}`);
    }
    const deviceHost = isLoopbackHost(f.listen) ? f.listen : (lanAddresses()[0] ?? f.listen);
    console.log(trustInstructions(deviceHost, port, await writeCaCopies(ca), ca.spkiSha256));
    console.log(`mark from another terminal: privlab mark <register|login|verify|delete|end|consent <privacy-policy|face-recognition>|note <text>|stop> --run ${live.runDir}`);
    const stopKeys = process.stdin.isTTY ? listenForKeys(process.stdin, live.apply) : undefined;
    if (stopKeys) console.log(KEY_HELP);
    console.log('recording; Ctrl-C to stop');

    const signal = await new Promise<string>((resolveStop) => {
      const on = (sig: NodeJS.Signals) => resolveStop(sig);
      process.once('SIGINT', on);
      process.once('SIGTERM', on);
      void live.stopRequested.then(() => resolveStop('stop mark'));
    });
    stopKeys?.();
    process.stderr.write(`· stopping (${signal}): writing the last flows\n`);
    const info = await live.finish();
    await printer.idle();
    if (!f.report) {
      console.log(`run directory: ${live.runDir}\nnext: privlab report ${live.runDir}`);
      return;
    }
    const { buildReports } = await import('../pipeline.ts');
    const result = await buildReports(live.runDir, pipelineOptions(f, cfg, progressToStderr));
    printResult(live.runDir, result, console.log);
    process.exitCode = runExitCode(info.outcomes, result.exitCode);
    if (!info.complete) process.stderr.write(`privlab: run incomplete: ${info.incompleteReason}\n`);
  });
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UserError(`--port: "${v}" is not a port number (1-65535)`);
  return n;
}

function splitList(v: string | undefined): string[] {
  return (v ?? '').split(',').map((d) => d.trim()).filter(Boolean);
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}
