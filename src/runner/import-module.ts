// Imports a scenario module. JavaScript loads natively; TypeScript, which Node 20 cannot load by itself
// (privlab itself runs compiled), goes through tsx's scoped loader: only that file and what it imports.

import { pathToFileURL } from 'node:url';

export async function importModule(absPath: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(absPath).href;
  try {
    try {
      return (await import(url)) as Record<string, unknown>;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
      const { tsImport } = await import('tsx/esm/api');
      return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
    }
  } catch (e) {
    throw syntaxErrorInOneLine(e);
  }
}

/**
 * The TypeScript loader (esbuild) reports a syntax error as "Transform failed with 1 error:" and the
 * place on the next line; callers show one line, so the place comes first.
 */
function syntaxErrorInOneLine(e: unknown): unknown {
  const m = /^Transform failed[^\n]*\n[^\n]*?:(\d+):(\d+): ERROR: ([^\n]+)/.exec((e as Error)?.message ?? '');
  return m ? new SyntaxError(`line ${m[1]}, column ${m[2]}: ${m[3]}`) : e;
}
