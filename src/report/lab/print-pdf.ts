// Chromium's print to PDF (playwright-core over Debian's chromium): what a lab hands over on paper.

import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PRIVLAB_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** `footer`: HTML of the page footer; Chromium fills its pageNumber and totalPages spans. */
export async function printPdf(htmlFile: string, pdfFile: string, footer: string): Promise<string> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // The report is self-contained; block anything else so printing never reaches the network.
    await page.route(/^(?!file:|data:)/, (r) => r.abort());
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    await page.pdf({
      path: pdfFile,
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;font-family:'Noto Sans CJK SC',sans-serif">${footer}</div>`,
      margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' },
    });
    return pdfFile;
  } finally {
    await browser.close();
  }
}
