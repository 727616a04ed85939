// adb, one device: every call is `adb -s <serial> ...` through execFile (no shell on the host side).

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ADB_TIMEOUT_MS = 120_000;

/** One adb invocation without the `-s serial` part, e.g. ['shell', 'pm', 'clear', 'com.example']. */
export type AdbCommand = string[];

export interface AdbDevice {
  serial: string;
  /** device, offline, unauthorized, ... */
  state: string;
}

/** Parses `adb devices` output: one `<serial>\t<state>` line per device after the header. */
export function parseAdbDevices(output: string): AdbDevice[] {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('List of devices') && !l.startsWith('*'))
    .map((l) => l.split(/\s+/))
    .filter((parts) => parts.length >= 2)
    .map(([serial, state]) => ({ serial: serial!, state: state! }));
}

/** Devices adb can use now (state `device`); empty when adb is missing or none is attached. */
export async function listDevices(): Promise<AdbDevice[]> {
  try {
    const { stdout } = await run('adb', ['devices'], { timeout: 15_000 });
    return parseAdbDevices(stdout).filter((d) => d.state === 'device');
  } catch {
    return [];
  }
}

export class Adb {
  /** Every command run, in order, for the run's evidence and for tests. */
  readonly log: AdbCommand[] = [];

  constructor(readonly serial: string) {}

  /** The device given, $ANDROID_SERIAL, or the only one attached. */
  static async connect(serial = process.env.ANDROID_SERIAL): Promise<Adb> {
    const devices = await listDevices();
    if (serial) {
      if (!devices.some((d) => d.serial === serial)) throw new Error(`adb: device ${serial} is not attached (adb devices lists ${devices.map((d) => d.serial).join(', ') || 'none'})`);
      return new Adb(serial);
    }
    if (devices.length === 0) throw new Error('adb: no Android device attached (adb devices lists none); start an emulator or plug in a test phone');
    if (devices.length > 1) throw new Error(`adb: ${devices.length} devices attached (${devices.map((d) => d.serial).join(', ')}); choose one with ANDROID_SERIAL`);
    return new Adb(devices[0]!.serial);
  }

  async run(command: AdbCommand): Promise<string> {
    this.log.push(command);
    try {
      const { stdout } = await run('adb', ['-s', this.serial, ...command], { timeout: ADB_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
      return stdout;
    } catch (e) {
      const err = e as Error & { stderr?: string };
      throw new Error(`adb -s ${this.serial} ${command.join(' ')}: ${(err.stderr || err.message).trim().split('\n')[0]}`);
    }
  }

  async runAll(commands: AdbCommand[]): Promise<void> {
    for (const c of commands) await this.run(c);
  }

  shell(...args: string[]): Promise<string> {
    return this.run(['shell', ...args]);
  }

  async sdkLevel(): Promise<number> {
    return Number((await this.shell('getprop', 'ro.build.version.sdk')).trim());
  }
}
