// The summary's figures as inline SVG, drawn by Vega-Lite/Vega in Node (no browser, no CDN): apps x PI
// types heat map, third-party receivers per app, per-category rates. Past MAX_APP_ROWS apps a per-app
// figure stops being readable, so the heat map is drawn per category and receivers as a histogram.

import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { AppRow, CategoryRow } from './app-summary.ts';

export const MAX_APP_ROWS = 80;

const CONFIG = { font: 'Noto Sans CJK SC, Noto Sans, sans-serif', axis: { labelLimit: 320 }, legend: { labelLimit: 260 } };

async function svg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile({ ...spec, config: CONFIG } as TopLevelSpec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const label = (a: AppRow): string => `${a.app} (${a.category})`;

export function heatMap(apps: AppRow[]): Promise<string> {
  if (apps.length > MAX_APP_ROWS) return categoryHeatMap(apps);
  const values = apps.flatMap((a) =>
    a.piTypesSent.map((t) => ({ app: label(a), piType: t, status: a.piTypesBeyondBaseline.includes(t) ? 'beyond the baseline (finding)' : 'sent, no over-collection finding' })),
  );
  return svg({
    title: 'PI types each app sent',
    data: { values },
    mark: { type: 'rect', stroke: 'white' },
    encoding: {
      x: { field: 'piType', type: 'nominal', title: 'PI type', axis: { labelAngle: -50 } },
      y: { field: 'app', type: 'nominal', title: null },
      color: { field: 'status', type: 'nominal', title: null, scale: { domain: ['beyond the baseline (finding)', 'sent, no over-collection finding'], range: ['#c0392b', '#9ab8d8'] } },
    },
  });
}

function categoryHeatMap(apps: AppRow[]): Promise<string> {
  const counts = new Map<string, number>();
  const perCategory = new Map<string, number>();
  for (const a of apps) {
    perCategory.set(a.category, (perCategory.get(a.category) ?? 0) + 1);
    for (const t of a.piTypesBeyondBaseline) counts.set(`${a.category}\u0000${t}`, (counts.get(`${a.category}\u0000${t}`) ?? 0) + 1);
  }
  const values = [...counts].map(([k, n]) => {
    const [category, piType] = k.split('\u0000');
    return { category, piType, share: n / perCategory.get(category!)! };
  });
  return svg({
    title: `Share of apps sending each PI type beyond the baseline (${apps.length} apps, by category)`,
    data: { values },
    mark: 'rect',
    encoding: {
      x: { field: 'piType', type: 'nominal', title: 'PI type', axis: { labelAngle: -50 } },
      y: { field: 'category', type: 'nominal', title: null },
      color: { field: 'share', type: 'quantitative', title: 'share of apps', scale: { scheme: 'reds', domain: [0, 1] } },
    },
  });
}

export function receiversPerApp(apps: AppRow[]): Promise<string> {
  const values = apps.map((a) => ({ app: label(a), receivers: a.thirdParties.length, biometric: a.biometricUploads > 0 ? 'uploads biometrics' : 'no biometric upload' }));
  if (apps.length > MAX_APP_ROWS) {
    return svg({
      title: 'Third-party receivers of personal information per app',
      data: { values },
      mark: 'bar',
      encoding: { x: { field: 'receivers', type: 'ordinal', title: 'third-party organisations' }, y: { aggregate: 'count', title: 'apps' } },
    });
  }
  return svg({
    title: 'Third-party receivers of personal information per app',
    data: { values },
    mark: 'bar',
    encoding: {
      y: { field: 'app', type: 'nominal', title: null, sort: '-x' },
      x: { field: 'receivers', type: 'quantitative', title: 'third-party organisations', axis: { tickMinStep: 1 } },
      color: { field: 'biometric', type: 'nominal', title: null, scale: { domain: ['uploads biometrics', 'no biometric upload'], range: ['#c0392b', '#7f8c8d'] } },
    },
  });
}

const RATE_LABELS: Record<keyof CategoryRow['rates'], string> = {
  beyondBaseline: 'PI beyond the baseline',
  biometricUpload: 'biometric upload',
  thirdPartyPi: 'PI to third parties',
  faceOnly: 'face only',
  forcedConsent: 'forced consent',
  cancellationProblem: 'cancellation problem',
};

export function categoryRates(rows: CategoryRow[]): Promise<string> {
  const values = rows.flatMap((c) =>
    (Object.keys(RATE_LABELS) as Array<keyof CategoryRow['rates']>).map((k) => ({ category: `${c.category} (n=${c.analysed})`, measure: RATE_LABELS[k], rate: c.rates[k] })),
  );
  return svg({
    title: 'Share of apps per category (face only, forced consent, cancellation: of the apps tested for it)',
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'category', type: 'nominal', title: null, axis: { labelAngle: 0 } },
      xOffset: { field: 'measure', type: 'nominal' },
      y: { field: 'rate', type: 'quantitative', title: 'share of apps', scale: { domain: [0, 1] }, axis: { format: '%' } },
      color: { field: 'measure', type: 'nominal', title: null },
    },
  });
}

/** The three figures by file name (without .svg). */
export interface Figures {
  'heat-map': string;
  receivers: string;
  'category-rates': string;
}

export async function drawFigures(apps: AppRow[], categories: CategoryRow[]): Promise<Figures> {
  const [heat, receivers, rates] = await Promise.all([heatMap(apps), receiversPerApp(apps), categoryRates(categories)]);
  return { 'heat-map': heat, receivers, 'category-rates': rates };
}
