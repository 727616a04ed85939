// Every exit code the `privlab` command returns, in one table: code, README and --help read it from here.

export const EXIT = {
  ok: 0,
  /** The command could not do its job: an unexpected error, a manifest that does not verify, a required part missing. */
  failure: 1,
  /** Bad input or usage: the message names the file or option and the problem. */
  input: 2,
  /** An unwaived finding at or above --fail-on (with --baseline or in diff: a new one). */
  findings: 3,
  /** batch or worker: at least one run failed; the others went on and finished. */
  runsFailed: 4,
  /** A phase ended in a harness or scenario error: it has no verdict; fix the scenario or the set-up and run again. */
  harnessError: 5,
  /** Interrupted (Ctrl-C); what was captured stays on disk and run.json says why the run is incomplete. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The table as README.md shows it, one row per code. */
export const EXIT_CODE_MEANINGS: ReadonlyArray<{ code: ExitCode; meaning: string }> = [
  { code: EXIT.ok, meaning: 'success; with --fail-on, no unwaived finding at or above that severity' },
  { code: EXIT.failure, meaning: 'privlab could not do its job: an unexpected error, a manifest that does not verify (verify), a required part missing (doctor)' },
  { code: EXIT.input, meaning: 'bad input or usage: the message names the file or option and the problem' },
  { code: EXIT.findings, meaning: '--fail-on: an unwaived finding at or above that severity (only new findings with --baseline, and in diff)' },
  { code: EXIT.runsFailed, meaning: 'batch, worker: at least one run failed; the other runs went on and finished' },
  { code: EXIT.harnessError, meaning: 'run, report, batch: a phase ended in a harness or scenario error (not the app\'s doing); those phases are not tested; fix the scenario and run again' },
  { code: EXIT.interrupted, meaning: 'interrupted (Ctrl-C); the run directory keeps what was captured and says it is incomplete' },
];
