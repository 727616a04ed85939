// `privlab mark <what> [value]`: marks a phase, consent or note in a running live capture from a
// second terminal, by appending to the capture's marks.jsonl.

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isPhase, PHASES } from '../../core/phase.ts';
import { RUN_FILES } from '../../evidence/run-layout.ts';
import { findActiveLiveRun } from '../../live/find-live-run.ts';
import { appendMark, CONSENT_SHORT_FORMS, type Mark } from '../../live/marks.ts';
import { UserError } from '../errors.ts';

interface MarkFlags {
  run?: string;
  refuse?: boolean;
}

const WHAT = [...PHASES, 'end', 'consent', 'note', 'stop'];

export function register(program: Command): void {
  program
    .command('mark')
    .description(
      'Mark a moment in a running `privlab capture`: start a phase (register, login, verify, delete; ends the previous one), ' +
        'end the phase, record a consent (a subject of config/consent-subjects.yaml: privacy-policy, face-recognition, marketing...; accepted unless --refuse), add a note, or stop the capture.',
    )
    .argument('<what>', WHAT.join('|'))
    .argument('[value]', 'for consent: a subject id of config/consent-subjects.yaml (policy and face are short for privacy-policy and face-recognition); for note: the text')
    .option('--refuse', 'for consent: the tester refused instead of accepting')
    .option('--run <dir>', 'the live capture\'s run directory (default: the most recent unfinished live capture under the runs folder)')
    .action(async (what: string, value: string | undefined, f: MarkFlags) => {
      // The catalog loads only for a consent mark: the command's start-up stays light.
      const consentIds = what === 'consent' ? (await import('../../core/catalog-loader.ts')).loadCatalogs().consentSubjects.map((s) => s.id) : [];
      const mark = parseMark(what, value, f.refuse ?? false, consentIds);
      const { loadUserConfig } = await import('../user-config.ts');
      const runDir = f.run ? resolve(f.run) : findActiveLiveRun(resolve(loadUserConfig().outRoot ?? 'reports/runs'));
      if (!runDir) throw new UserError('no running live capture found under reports/runs; start `privlab capture` or give --run <run-dir>');
      if (!existsSync(join(runDir, RUN_FILES.run))) throw new UserError(`${runDir}: not a run directory (no run.json); give the folder privlab capture printed`);
      appendMark(runDir, mark);
      console.log(`marked ${describe(mark)} in ${runDir}`);
    });
}

/** `consentIds`: the subject ids a consent mark may name (config/consent-subjects.yaml). */
export function parseMark(what: string, value: string | undefined, refuse: boolean, consentIds: readonly string[]): Mark {
  if (isPhase(what)) return { kind: 'phase', phase: what };
  switch (what) {
    case 'end':
      return { kind: 'end' };
    case 'stop':
      return { kind: 'stop' };
    case 'consent': {
      const subject = CONSENT_SHORT_FORMS[value ?? ''] ?? value ?? '';
      if (!consentIds.includes(subject)) {
        throw new UserError(`mark consent: say what was consented to, one of config/consent-subjects.yaml: ${consentIds.join(', ')} (or ${Object.keys(CONSENT_SHORT_FORMS).join(', ')})`);
      }
      return { kind: 'consent', subject, decision: refuse ? 'refuse' : 'accept' };
    }
    case 'note':
      if (!value?.trim()) throw new UserError('mark note: give the text of the note, e.g. privlab mark note "SMS code entered"');
      return { kind: 'note', label: value };
    default:
      throw new UserError(`mark: unknown mark "${what}"; use one of ${WHAT.join(', ')}`);
  }
}

function describe(m: Mark): string {
  switch (m.kind) {
    case 'phase':
      return `phase ${m.phase}`;
    case 'consent':
      return `consent ${m.subject} ${m.decision}`;
    case 'note':
      return `note "${m.label}"`;
    default:
      return m.kind;
  }
}
