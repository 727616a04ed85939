// An incremental JSON scanner for HAR files: it checks the whole document's structure as bytes
// arrive and hands out, one at a time, the raw bytes of each item of log.entries and of the small
// log fields (creator, browser, pages, version). Only the current item is held, so a HAR of any
// size is read in bounded memory, and every error has an exact byte offset and line:column.
// String escapes' hex digits and number formats inside captured items are checked by JSON.parse.

export type HarScanEvent =
  | { kind: 'entry'; index: number; bytes: Buffer; offset: number; line: number; column: number }
  | { kind: 'entry-too-large'; index: number; size: number; offset: number; line: number; column: number }
  | { kind: 'field'; key: LogField; bytes: Buffer };

/** log fields worth keeping; anything else is checked and skipped. */
export const LOG_FIELDS = ['version', 'creator', 'browser', 'pages', 'comment', '_privlab'] as const;
export type LogField = (typeof LOG_FIELDS)[number];

export class HarSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly line: number,
    readonly column: number,
    readonly problem: string,
  ) {
    super(`${problem} at byte ${offset} (line ${line}, column ${column})`);
    this.name = 'HarSyntaxError';
  }
}

const enum S {
  Value, // a value must come
  KeyOrEnd, // after '{'
  Key, // after ',' in an object
  Colon,
  ObjNext, // ',' or '}'
  ValueOrEnd, // after '['
  ArrNext, // ',' or ']'
  Done,
}

const enum Where {
  Other,
  Root, // the top-level object
  Log, // the log object
  Entries, // the log.entries array
}

interface Frame {
  array: boolean;
  where: Where;
  key?: string;
}

const MAX_FIELD_BYTES = 4 * 1024 * 1024;

export class HarScanner {
  private state = S.Value;
  private stack: Frame[] = [];
  private offset = 0; // absolute offset of the current chunk's first byte
  private line = 1;
  private lineStart = 0; // absolute offset of the current line's first byte
  private inString = false;
  private stringIsKey = false;
  private escape = false;
  private literal = ''; // number or true/false/null being read
  private keyBytes: number[] | null = null; // the object key being read, when it matters
  private lastKey: string | undefined;
  private capture: { kind: 'entry' | LogField; start: number; depth: number; parts: Buffer[]; size: number; skip: boolean; offset: number; line: number; column: number } | null = null;
  private entryIndex = 0;
  private sawLog = false;
  private sawEntries = false;

  constructor(
    private readonly maxEntryBytes: number,
    private readonly emit: (ev: HarScanEvent) => void,
  ) {}

  /**
   * Scans one chunk, handing each completed item to the emit callback as soon as it ends, so items
   * before a bad byte are delivered. Throws HarSyntaxError at the first bad byte.
   */
  push(chunk: Buffer): void {
    const n = chunk.length;
    let i = 0;
    if (this.capture) this.capture.start = 0;
    while (i < n) {
      if (this.inString) {
        i = this.scanString(chunk, i);
        continue;
      }
      const c = chunk[i]!;
      if (this.literal) {
        if (isLiteralByte(c)) {
          this.literal += String.fromCharCode(c);
          if (this.literal.length > 400) this.fail(i, 'number or literal too long');
          i++;
          continue;
        }
        this.endLiteral(i, chunk);
      }
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        i++;
        continue;
      }
      if (c === 0x0a) {
        this.line++;
        this.lineStart = this.offset + i + 1;
        i++;
        continue;
      }
      if (i === 0 && this.offset === 0 && c === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        i += 3; // a UTF-8 byte order mark, which the HAR spec says readers must accept
        continue;
      }
      this.structural(c, i, chunk);
      i++;
    }
    if (this.capture && !this.capture.skip) this.keep(chunk.subarray(this.capture.start));
    this.offset += n;
  }

  /** Call at end of input: a document cut short is an error naming what was open. */
  end(): void {
    if (this.literal) this.endLiteral(0, Buffer.alloc(0));
    if (this.state === S.Done && !this.inString) {
      if (!this.sawLog) this.fail(0, 'no "log" object: this is not a HAR file', 0);
      if (!this.sawEntries) this.fail(0, 'no "log.entries" array: this is not a HAR file', 0);
      return;
    }
    const where = this.capture?.kind === 'entry' ? `inside log.entries[${this.entryIndex}], which starts at line ${this.capture.line}, column ${this.capture.column}` : 'before the document closes';
    this.fail(0, `unexpected end of file ${where} (the file is truncated)`);
  }

  private scanString(chunk: Buffer, i: number): number {
    const n = chunk.length;
    const key = this.keyBytes;
    while (i < n) {
      const c = chunk[i]!;
      if (this.escape) {
        this.escape = false;
        if (!isEscapeByte(c)) this.fail(i, `invalid escape \\${String.fromCharCode(c)} in a string`);
      } else if (c === 0x5c) {
        this.escape = true;
      } else if (c === 0x22) {
        this.inString = false;
        this.afterString(i, chunk);
        return i + 1;
      } else if (c < 0x20) {
        this.fail(i, c === 0x0a ? 'unterminated string (a raw line break inside quotes)' : 'a raw control character inside a string');
      }
      if (key && key.length < 256) key.push(c);
      i++;
    }
    return i;
  }

  private afterString(i: number, chunk: Buffer): void {
    if (!this.stringIsKey) return this.valueEnded(i, chunk);
    this.lastKey = this.keyBytes ? Buffer.from(this.keyBytes).toString('utf8') : undefined;
    this.keyBytes = null;
    this.state = S.Colon;
  }

  private structural(c: number, i: number, chunk: Buffer): void {
    switch (this.state) {
      case S.Done:
        return this.fail(i, 'text after the end of the JSON document');
      case S.Colon:
        if (c !== 0x3a) return this.fail(i, `expected ':' after the key, found ${show(c)}`);
        this.state = S.Value;
        return;
      case S.KeyOrEnd:
      case S.Key:
        if (c === 0x7d && this.state === S.KeyOrEnd) return this.close(i, chunk);
        if (c !== 0x22) return this.fail(i, `expected a quoted key, found ${show(c)}`);
        this.inString = true;
        this.stringIsKey = true;
        // Keys are read only at the top two levels, where the path to log.entries is decided.
        this.keyBytes = this.top()?.where === Where.Root || this.top()?.where === Where.Log ? [] : null;
        return;
      case S.ObjNext:
        if (c === 0x2c) return void (this.state = S.Key);
        if (c === 0x7d) return this.close(i, chunk);
        return this.fail(i, `expected ',' or '}' in an object, found ${show(c)}`);
      case S.ArrNext:
        if (c === 0x2c) return void (this.state = S.Value);
        if (c === 0x5d) return this.close(i, chunk);
        return this.fail(i, `expected ',' or ']' in an array, found ${show(c)}`);
      case S.ValueOrEnd:
        if (c === 0x5d) return this.close(i, chunk);
        return this.valueStart(c, i);
      case S.Value:
        return this.valueStart(c, i);
    }
  }

  private valueStart(c: number, i: number): void {
    const parent = this.top();
    const key = parent && !parent.array ? this.lastKey : undefined;
    if (parent?.where === Where.Entries && !this.capture) this.startCapture('entry', i);
    else if (parent?.where === Where.Log && (LOG_FIELDS as readonly string[]).includes(key ?? '') && !this.capture) {
      this.startCapture(key as LogField, i);
    }
    if (c === 0x7b || c === 0x5b) {
      let where = Where.Other;
      if (!parent) where = c === 0x7b ? Where.Root : Where.Other;
      else if (parent.where === Where.Root && key === 'log' && c === 0x7b) where = Where.Log;
      else if (parent.where === Where.Log && key === 'entries' && c === 0x5b) where = Where.Entries;
      if (where === Where.Log) this.sawLog = true;
      if (where === Where.Entries) this.sawEntries = true;
      if (this.stack.length >= 512) return this.fail(i, 'nesting deeper than 512 levels');
      this.stack.push({ array: c === 0x5b, where, key });
      this.state = c === 0x7b ? S.KeyOrEnd : S.ValueOrEnd;
      return;
    }
    if (c === 0x22) {
      this.inString = true;
      this.stringIsKey = false;
      return;
    }
    if (isLiteralByte(c)) {
      this.literal = String.fromCharCode(c);
      return;
    }
    this.fail(i, `expected a value, found ${show(c)}`);
  }

  private endLiteral(i: number, chunk: Buffer): void {
    const lit = this.literal;
    this.literal = '';
    if (!/^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)$/.test(lit)) {
      this.fail(i - lit.length, `invalid literal ${JSON.stringify(lit.slice(0, 20))}`);
    }
    this.valueEnded(i - 1, chunk);
  }

  private close(i: number, chunk: Buffer): void {
    this.stack.pop();
    this.valueEnded(i, chunk);
  }

  /** A value ended at chunk[i] (inclusive): set what may follow, and hand out a finished capture. */
  private valueEnded(i: number, chunk: Buffer): void {
    const parent = this.top();
    this.state = !parent ? S.Done : parent.array ? S.ArrNext : S.ObjNext;
    const cap = this.capture;
    if (!cap || this.stack.length !== cap.depth) return;
    this.capture = null;
    const size = cap.size + (i + 1 - cap.start);
    if (size > (cap.kind === 'entry' ? this.maxEntryBytes : MAX_FIELD_BYTES)) cap.skip = true;
    if (cap.kind === 'entry') {
      const index = this.entryIndex++;
      const pos = { index, offset: cap.offset, line: cap.line, column: cap.column };
      if (cap.skip) {
        this.emit({ kind: 'entry-too-large', size: this.offset + i + 1 - cap.offset, ...pos });
        return;
      }
      cap.parts.push(chunk.subarray(cap.start, i + 1));
      this.emit({ kind: 'entry', bytes: Buffer.concat(cap.parts), ...pos });
      return;
    }
    if (cap.skip) return;
    cap.parts.push(chunk.subarray(cap.start, i + 1));
    this.emit({ kind: 'field', key: cap.kind, bytes: Buffer.concat(cap.parts) });
  }

  private startCapture(kind: 'entry' | LogField, i: number): void {
    const offset = this.offset + i;
    this.capture = { kind, start: i, depth: this.stack.length, parts: [], size: 0, skip: false, offset, line: this.line, column: offset - this.lineStart + 1 };
  }

  /** Keeps the rest of a chunk for the open capture, dropping it once it passes its limit. */
  private keep(part: Buffer): void {
    const cap = this.capture!;
    cap.size += part.length;
    const limit = cap.kind === 'entry' ? this.maxEntryBytes : MAX_FIELD_BYTES;
    if (cap.size > limit) {
      cap.skip = true;
      cap.parts = [];
      return;
    }
    // Copy: the stream may reuse its chunk buffers.
    cap.parts.push(Buffer.from(part));
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private fail(i: number, problem: string, at?: number): never {
    const offset = at ?? this.offset + i;
    throw new HarSyntaxError(offset, this.line, offset - this.lineStart + 1, problem);
  }
}

function isLiteralByte(c: number): boolean {
  // digits, - + . e E, and the letters of true/false/null
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || (c >= 0x61 && c <= 0x7a) || c === 0x45;
}

function isEscapeByte(c: number): boolean {
  return c === 0x22 || c === 0x5c || c === 0x2f || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74 || c === 0x75;
}

function show(c: number): string {
  return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}
