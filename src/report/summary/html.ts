// summary.html: the figures (inline SVG) and the per-app and per-category tables, one self-contained page.

import { escapeHtml as esc } from '../html.ts';
import type { AppRow, CategoryRow } from './app-summary.ts';
import type { Figures } from './plots.ts';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

export function summaryHtml(apps: AppRow[], categories: CategoryRow[], figures: Figures, generatedAt: string): string {
  const appRows = apps
    .map(
      (a) => `<tr${a.analysed ? '' : ' class="na"'}><td>${esc(a.app)}</td><td>${esc(a.category)}</td><td>${a.complete ? 'yes' : 'NO'}</td>` +
        `<td>${esc(a.piTypesBeyondBaseline.join(', ') || '-')}</td><td>${a.biometricUploads}</td><td>${esc(a.biometricReceivers.join(', ') || '-')}</td>` +
        `<td>${esc(a.thirdParties.join(', ') || '-')}</td><td>${a.faceOnly}</td><td>${a.forcedConsent}</td>` +
        `<td>${a.cancellation}${a.cancellationProblems.length ? ` (${esc(a.cancellationProblems.join(', '))})` : ''}</td><td>${a.analysed ? a.findings : 'not analysed'}</td></tr>`,
    )
    .join('\n');
  const categoryTable = categories
    .map(
      (c) => `<tr><td>${esc(c.category)}</td><td>${c.apps}</td><td>${c.analysed}</td><td>${pct(c.rates.beyondBaseline)}</td><td>${pct(c.rates.biometricUpload)}</td>` +
        `<td>${pct(c.rates.thirdPartyPi)}</td><td>${pct(c.rates.faceOnly)} of ${c.tested.faceOnly}</td><td>${pct(c.rates.forcedConsent)} of ${c.tested.forcedConsent}</td>` +
        `<td>${pct(c.rates.cancellationProblem)} of ${c.tested.cancellation}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>privlab summary: ${apps.length} runs</title>
<style>
body{font-family:"Noto Sans CJK SC","Noto Sans",sans-serif;margin:2em;color:#222}
figure{margin:1.5em 0;overflow-x:auto} table{border-collapse:collapse;font-size:13px;margin:1em 0}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top} th{background:#f3f3f3}
tr.na td{color:#999} .note{color:#555;font-size:13px}
</style></head><body>
<h1>privlab summary</h1>
<p class="note">${apps.length} runs in ${categories.length} categories, from their run directories alone (findings.json, observations.jsonl); generated ${esc(generatedAt)}.
"Not tested" means no rule of that kind could be checked (the phase was not reached or not in the scenario); runs without findings.json are not analysed and count in no rate; face only, forced consent and cancellation rates are over the apps where that check was made ("of n").</p>
<figure id="heat-map">${figures['heat-map']}</figure>
<figure id="receivers">${figures.receivers}</figure>
<figure id="category-rates">${figures['category-rates']}</figure>
<h2>Per category</h2>
<table id="categories"><tr><th>category</th><th>apps</th><th>analysed</th><th>PI beyond baseline</th><th>biometric upload</th><th>PI to third parties</th><th>face only</th><th>forced consent</th><th>cancellation problem</th></tr>
${categoryTable}</table>
<h2>Per app</h2>
<table id="apps"><tr><th>app</th><th>category</th><th>complete</th><th>PI types beyond the baseline</th><th>biometric uploads</th><th>biometric receivers</th><th>third parties</th><th>face only</th><th>forced consent</th><th>cancellation</th><th>findings</th></tr>
${appRows}</table>
</body></html>
`;
}
