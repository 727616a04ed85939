// An Allure Writer that redacts everything it writes: results, containers, environment and every
// non-image attachment. Images pass as they are; the caller decides whether to attach them at all.

import { readFileSync } from 'node:fs';
import type { Category, EnvironmentInfo } from 'allure-js-commons/sdk';
import type { Globals, TestResult, TestResultContainer } from 'allure-js-commons';
import type { Writer } from 'allure-js-commons/sdk/reporter';
import type { Redactor } from '../redact.ts';

const IMAGE = /\.(png|jpe?g|gif|webp)$/i;

export class RedactingWriter implements Writer {
  constructor(
    private readonly inner: Writer,
    private readonly redactor: Redactor,
  ) {}

  writeResult(result: TestResult): void {
    this.inner.writeResult(this.redactor.deep(result));
  }
  writeGroup(result: TestResultContainer): void {
    this.inner.writeGroup(this.redactor.deep(result));
  }
  writeAttachment(distFileName: string, content: Buffer): void {
    this.inner.writeAttachment(distFileName, IMAGE.test(distFileName) ? content : this.redactor.bytes(content));
  }
  writeAttachmentFromPath(distFileName: string, from: string): void {
    if (IMAGE.test(distFileName)) this.inner.writeAttachmentFromPath(distFileName, from);
    else this.writeAttachment(distFileName, readFileSync(from));
  }
  writeEnvironmentInfo(info: EnvironmentInfo): void {
    this.inner.writeEnvironmentInfo(this.redactor.deep(info));
  }
  writeCategoriesDefinitions(categories: Category[]): void {
    this.inner.writeCategoriesDefinitions(categories);
  }
  writeGlobals(distFileName: string, info: Globals): void {
    this.inner.writeGlobals(distFileName, this.redactor.deep(info));
  }
}
