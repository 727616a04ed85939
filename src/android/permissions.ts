// Runtime permissions per variant: dialogs as choice points, grants and revokes with pm, and the
// requested/granted sets as timeline marks (the Appium driver writes them after each variant, read on the
// session's own device: a scenario never calls adb itself).

import { VARIANT_REFUSES, type VariantName } from '../core/phase.ts';
import type { PhaseContext } from '../core/scenario.ts';
import type { AdbCommand } from './adb.ts';
import { grantedRuntime, type PackagePermissions } from './dumpsys.ts';

/** Android 11+ permission controller: "While using the app" / "Allow", and "Don't allow". */
export const ANDROID_ALLOW_SELECTOR =
  '//*[@resource-id="com.android.permissioncontroller:id/permission_allow_foreground_only_button" or @resource-id="com.android.permissioncontroller:id/permission_allow_button"]';
export const ANDROID_DENY_SELECTOR = '//*[@resource-id="com.android.permissioncontroller:id/permission_deny_button"]';

export interface PermissionDialogOptions {
  allowSelector?: string;
  denySelector?: string;
  /** How long to wait for the dialog before deciding it was not shown. */
  timeoutMs?: number;
}

const POLL_MS = 250;

/**
 * A runtime-permission dialog as a choice point: accept variants allow, refuse variants deny.
 * When no dialog appears (granted earlier, or the app never asked), a mark says so.
 */
export async function androidPermission(
  ctx: PhaseContext,
  permission: string,
  o: PermissionDialogOptions = {},
): Promise<'accept' | 'refuse' | 'not-shown'> {
  const allow = o.allowSelector ?? ANDROID_ALLOW_SELECTOR;
  const deny = o.denySelector ?? ANDROID_DENY_SELECTOR;
  const deadline = Date.now() + (o.timeoutMs ?? 5_000);
  while (!(await ctx.ui.isVisible(deny).catch(() => false))) {
    if (Date.now() >= deadline) {
      await ctx.mark(`permission dialog not shown: ${permission}`);
      return 'not-shown';
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return ctx.choice('permission', permission, { accept: () => ctx.ui.tap(allow), refuse: () => ctx.ui.tap(deny) });
}

/**
 * Grants and revokes before a variant. 'ask' revokes every runtime permission so each dialog shows
 * and the scenario answers it; 'pregrant' grants them when the variant accepts permissions and
 * revokes them when it refuses (for apps whose dialogs the scenario does not script).
 */
export function variantPermissionPlan(pkg: string, variant: VariantName, runtimePermissions: string[], mode: 'ask' | 'pregrant'): AdbCommand[] {
  const grant = mode === 'pregrant' && !VARIANT_REFUSES[variant].includes('permission');
  return runtimePermissions.map((p) => ['shell', 'pm', grant ? 'grant' : 'revoke', pkg, p]);
}

/** Labels for the requested, granted and not-granted sets (sorted, so variants compare line by line). */
export function permissionMarks(p: PackagePermissions): string[] {
  const list = (xs: string[]) => [...xs].sort().join(', ') || 'none';
  const owner = p.runtime.filter((g) => g.user === 0);
  return [
    `android-permissions requested (${p.package}): ${list(p.requested)}`,
    `android-permissions granted (${p.package}): ${list(grantedRuntime(p))}`,
    `android-permissions not granted (${p.package}): ${list(owner.filter((g) => !g.granted).map((g) => g.name))}`,
  ];
}
