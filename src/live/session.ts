// Applies the tester's marks to a live capture: phase starts and ends become timeline events and retag
// the engine so later flows carry the phase; consent and notes become timeline events.

import type { CaptureEngine } from '../core/capture.ts';
import type { PhaseName } from '../core/phase.ts';
import type { TimelineEventInput } from '../core/timeline.ts';
import type { Mark } from './marks.ts';

export interface TimelineSink {
  appendTimeline(event: TimelineEventInput): unknown;
}

export class LiveSession {
  private phase: PhaseName | null = null;

  constructor(
    private readonly timeline: TimelineSink,
    private readonly engine: Pick<CaptureEngine, 'setContext'>,
  ) {}

  get currentPhase(): PhaseName | null {
    return this.phase;
  }

  /** Returns a line describing what the mark did, for the terminal. */
  apply(mark: Mark): string {
    switch (mark.kind) {
      case 'phase': {
        const ended = this.endPhase();
        this.phase = mark.phase;
        this.engine.setContext({ phase: mark.phase, variant: null });
        this.timeline.appendTimeline({ type: 'phase-start', phase: mark.phase, variant: null });
        return `${ended ? `${ended} ended; ` : ''}${mark.phase} started: flows from now on are tagged ${mark.phase}`;
      }
      case 'end': {
        const ended = this.endPhase();
        return ended ? `${ended} ended` : 'no phase was running';
      }
      case 'consent':
        this.timeline.appendTimeline({ type: 'consent', phase: this.phase, variant: null, subject: mark.subject, decision: mark.decision });
        return `consent: ${mark.subject} ${mark.decision === 'accept' ? 'accepted' : 'refused'}`;
      case 'note':
        this.timeline.appendTimeline({ type: 'mark', phase: this.phase, variant: null, label: mark.label });
        return `note: ${mark.label}`;
      case 'stop':
        return 'stop requested';
    }
  }

  /** Ends the running phase (at stop too); the tester saw it through, so it is recorded completed. */
  endPhase(): PhaseName | null {
    const ended = this.phase;
    if (!ended) return null;
    this.timeline.appendTimeline({ type: 'phase-end', phase: ended, variant: null, status: 'completed' });
    this.phase = null;
    this.engine.setContext({ phase: null, variant: null });
    return ended;
  }
}
