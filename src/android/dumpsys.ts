// Parses `adb shell dumpsys package <pkg>`: the permissions the app requests and which are granted.

export interface GrantState {
  name: string;
  granted: boolean;
  flags: string[];
}

export interface RuntimeGrant extends GrantState {
  /** Android user id the grant belongs to (0 is the owner). */
  user: number;
}

export interface PackagePermissions {
  package: string;
  versionName?: string;
  versionCode?: number;
  targetSdk?: number;
  /** From `requested permissions:`, in manifest order. */
  requested: string[];
  /** Normal/signature permissions, granted at install (`install permissions:`). */
  install: GrantState[];
  /** Dangerous permissions the user grants (`runtime permissions:`), per user. */
  runtime: RuntimeGrant[];
}

interface Line {
  indent: number;
  text: string;
}

/** Parses the first `Package [<pkg>]` block; later ones (hidden system copies) are ignored. */
export function parseDumpsysPackage(output: string, pkg: string): PackagePermissions {
  const lines: Line[] = output.split(/\r?\n/).map((l) => ({ indent: l.length - l.trimStart().length, text: l.trim() }));
  const start = lines.findIndex((l) => l.text.startsWith(`Package [${pkg}]`));
  if (start < 0) throw new Error(`dumpsys package: no "Package [${pkg}]" block (is ${pkg} installed?)`);
  const block = childrenOf(lines, start);
  const result: PackagePermissions = { package: pkg, requested: [], install: [], runtime: [] };
  let user = 0;
  for (let i = 0; i < block.length; i++) {
    const { text } = block[i]!;
    const versionCode = /^versionCode=(\d+)/.exec(text);
    if (versionCode) result.versionCode = Number(versionCode[1]);
    const targetSdk = /\btargetSdk=(\d+)/.exec(text);
    if (targetSdk) result.targetSdk = Number(targetSdk[1]);
    const versionName = /^versionName=(.*)$/.exec(text);
    if (versionName) result.versionName = versionName[1];
    const userLine = /^User (\d+):/.exec(text);
    if (userLine) user = Number(userLine[1]);
    if (text === 'requested permissions:') result.requested = childrenOf(block, i).map((l) => l.text.split(':')[0]!.trim());
    if (text === 'install permissions:') result.install = childrenOf(block, i).map((l) => grantState(l.text));
    if (text === 'runtime permissions:') result.runtime.push(...childrenOf(block, i).map((l) => ({ ...grantState(l.text), user })));
  }
  return result;
}

/** Runtime permissions granted to a user (default the owner). */
export function grantedRuntime(p: PackagePermissions, user = 0): string[] {
  return p.runtime.filter((g) => g.user === user && g.granted).map((g) => g.name);
}

/** Lines indented deeper than lines[at], up to the first that is not. */
function childrenOf(lines: Line[], at: number): Line[] {
  const out: Line[] = [];
  const base = lines[at]!.indent;
  for (let i = at + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.text) continue;
    if (l.indent <= base) break;
    out.push(l);
  }
  return out;
}

/** `android.permission.CAMERA: granted=false, flags=[ USER_SENSITIVE_WHEN_GRANTED|USER_SET]` */
function grantState(text: string): GrantState {
  const name = text.split(':')[0]!.trim();
  const granted = /granted=true/.test(text);
  const flags = /flags=\[\s*([^\]]*)\]/.exec(text)?.[1]?.split('|').map((f) => f.trim()).filter(Boolean) ?? [];
  return { name, granted, flags };
}
