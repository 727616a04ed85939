// Applies the tester's marks to a live capture: phase starts and ends become timeline events and retag
// the engine so later flows carry the phase; consent and notes become timeline events.

import type { CaptureEngine } from '../core/capture.ts';
import type { PhaseName, PhaseOutcome, VariantName } from '../core/phase.ts';
import type { TimelineEventInput } from '../core/timeline.ts';
import type { Mark } from './marks.ts';

export interface TimelineSink {
  appendTimeline(event: TimelineEventInput): unknown;
}

export class LiveSession {
  private phase: PhaseName | null = null;

  /**
   * `variant` is what the tester did with consent on the device (accept everything, by default); each phase
   * a mark ends becomes an outcome, so a live capture is judged like a scripted run.
   */
  constructor(
    private readonly timeline: TimelineSink,
    private readonly engine: Pick<CaptureEngine, 'setContext'>,
    private readonly variant: VariantName = 'accept-all',
    private readonly onOutcome: (o: PhaseOutcome) => void = () => {},
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
        this.engine.setContext({ phase: mark.phase, variant: this.variant });
        this.timeline.appendTimeline({ type: 'phase-start', phase: mark.phase, variant: this.variant });
        return `${ended ? `${ended} ended; ` : ''}${mark.phase} started: flows from now on are tagged ${mark.phase}`;
      }
      case 'end': {
        const ended = this.endPhase();
        return ended ? `${ended} ended` : 'no phase was running';
      }
      case 'consent':
        this.timeline.appendTimeline({ type: 'consent', phase: this.phase, variant: this.variant, subject: mark.subject, decision: mark.decision });
        return `consent: ${mark.subject} ${mark.decision === 'accept' ? 'accepted' : 'refused'}`;
      case 'note':
        this.timeline.appendTimeline({ type: 'mark', phase: this.phase, variant: this.variant, label: mark.label });
        return `note: ${mark.label}`;
      case 'stop':
        return 'stop requested';
    }
  }

  /**
   * Ends the running phase. At a mark or the tester's stop it is recorded completed: the tester saw it
   * through. When the capture ends abnormally (`abandoned` gives why) it is not tested.
   */
  endPhase(abandoned?: string): PhaseName | null {
    const ended = this.phase;
    if (!ended) return null;
    const outcome: PhaseOutcome = abandoned
      ? { phase: ended, variant: this.variant, status: 'not-tested', message: `the capture stopped inside the phase (${abandoned})` }
      : { phase: ended, variant: this.variant, status: 'completed' };
    this.timeline.appendTimeline({ type: 'phase-end', phase: ended, variant: this.variant, status: outcome.status, ...(outcome.message ? { message: outcome.message } : {}) });
    this.onOutcome(outcome);
    this.phase = null;
    this.engine.setContext({ phase: null, variant: this.variant });
    return ended;
  }
}
