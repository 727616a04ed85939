// `privlab keys list|trust`: the signing keys this lab pins. verify trusts a manifest only when one
// of them signed it.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { SigningKeyError } from '../../evidence/signing-key.ts';
import { pinnedKeys, trustKey } from '../../evidence/trusted-keys.ts';
import { UserError } from '../errors.ts';

export function register(program: Command): void {
  const keys = program
    .command('keys')
    .description("The signing keys this lab trusts when verifying runs: its own key (made on first signing) and public keys imported with `keys trust`.");
  keys
    .command('list')
    .description('List the pinned keys: name, fingerprint and file. The lab\'s own key is named "own".')
    .option('--json', 'print the list as JSON')
    .action((opts: { json?: boolean }) => {
      const list = guard(() => pinnedKeys());
      if (opts.json) {
        process.stdout.write(JSON.stringify(list, null, 2) + '\n');
        return;
      }
      if (!list.length) {
        process.stdout.write('no pinned keys: this lab has not signed a run yet and has imported none (privlab keys trust <pub-file>)\n');
        return;
      }
      for (const k of list) process.stdout.write(`${k.name.padEnd(18)} ${k.fingerprint}  ${k.file}\n`);
    });
  keys
    .command('trust')
    .description("Pin a public key (PEM, e.g. another lab's signing.pub) so that runs it signed verify. Prints its fingerprint: compare it with the key's owner before relying on it.")
    .argument('<pub-file>', 'the Ed25519 public key, PEM (SPKI)')
    .option('--name <name>', 'a name for the key (letters, digits, . _ -); default from its fingerprint')
    .action((file: string, opts: { name?: string }) => {
      if (!existsSync(file)) throw new UserError(`${file}: no such file. Give a PEM public key file.`);
      const pin = guard(() => trustKey(file, opts.name));
      process.stdout.write(`trusted: ${pin.name} ${pin.fingerprint} (${pin.file})\n`);
    });
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SigningKeyError) throw new UserError(e.message);
    throw e;
  }
}
