// The state of decoding one flow: the leaves found so far, notes, and the limits that bound the work.

import { DEFAULT_LIMITS, type DecodeLimits, type Leaf, type Position } from './leaf.ts';

export class DecodeSession {
  readonly leaves: Leaf[] = [];
  private readonly noteSet = new Set<string>();
  readonly limits: DecodeLimits;

  constructor(limits: Partial<DecodeLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  get notes(): string[] {
    return [...this.noteSet];
  }

  /** True once the flow has reached its leaf budget; says so in the notes (once). */
  exhausted(): boolean {
    if (this.leaves.length < this.limits.maxLeaves) return false;
    this.note(`more than ${this.limits.maxLeaves} values in this flow: the rest were not analysed`);
    return true;
  }

  note(message: string): void {
    // Many identical problems in one flow (a thousand bad fields) make one note, bounded in number.
    if (this.noteSet.size < 50) this.noteSet.add(message);
  }

  /** False once the flow has reached its leaf budget (noted once). */
  emit(pos: Position, value: string | Buffer, extra: Pick<Leaf, 'items' | 'contentType' | 'filename' | 'inexact'> = {}): boolean {
    if (this.exhausted()) return false;
    const leaf: Leaf = { path: pos.path, value, chain: pos.chain, location: pos.location };
    if (pos.key !== undefined) leaf.key = pos.key;
    if (pos.parent !== undefined) leaf.parent = pos.parent;
    if (pos.item) leaf.item = true;
    if (extra.items !== undefined) leaf.items = extra.items;
    if (extra.contentType) leaf.contentType = extra.contentType;
    if (extra.filename) leaf.filename = extra.filename;
    if (extra.inexact) leaf.inexact = true;
    this.leaves.push(leaf);
    return true;
  }

  /** True when going one level deeper is allowed; otherwise notes where it stopped. */
  canDescend(pos: Position): boolean {
    if (pos.depth < this.limits.maxDepth) return true;
    this.note(`nesting deeper than ${this.limits.maxDepth} levels at ${pos.path || '(root)'}: not decoded further`);
    return false;
  }
}
