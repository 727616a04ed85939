// `privlab init [dir]`: a lab repository to keep scenarios, personas and config in.

import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('init')
    .description(
      'Make a lab folder: package.json depending on privlab, privlab.config.yaml, a synthetic persona, an example ' +
        'scenario with comments, a .gitignore for run output and a CI example (.github/workflows/privlab.yml). ' +
        'Files that already exist are left as they are; an existing package.json only gains what is missing.',
    )
    .argument('[dir]', 'the lab folder (made if missing)', '.')
    .option('--privlab <spec>', 'the privlab dependency written into a new package.json (a version range, a tarball path or a git URL); default ^<this version>')
    .action(async (dir: string, f: { privlab?: string }) => {
      const { initLab } = await import('../lab-init.ts');
      const r = initLab(dir, { privlabSpec: f.privlab });
      for (const w of r.written) console.log(`wrote ${w}`);
      for (const k of r.kept) console.log(`kept  ${k} (already there)`);
      for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
      console.log(`\nlab folder: ${r.dir}\nnext: npm install, then npx privlab run scenarios/example/scenario.ts (set APP_URL or edit its target first)`);
    });
}
