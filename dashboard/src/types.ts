/** The answers of the public routes the page reads, as ../shared/API.md (v1 and v2) states them. */

export type Side = 'ukraine' | 'russia' | 'mediator' | 'independent';

export interface Source {
  readonly url: string;
  readonly publisher?: string;
  readonly claim?: string;
  readonly side?: Side;
  readonly figures?: Partial<Record<Figure, number>>;
}

export interface Count {
  readonly total: number;
  readonly military?: number;
  readonly civilians?: number;
}

export interface Round {
  readonly id: string;
  readonly date: string;
  readonly status: 'planned' | 'negotiating' | 'postponed' | 'completed' | 'cancelled';
  readonly agreement?: string;
  readonly agreementId?: string;
  readonly stage?: number;
  readonly mediator?: string;
  readonly location?: string;
  readonly returnedToUkraine?: Count | null;
  readonly returnedToRussia?: Count | null;
  readonly sources?: readonly Source[];
  readonly notes?: string;
  readonly disputed: boolean;
}

export interface Repatriation {
  readonly id: string;
  readonly date: string;
  readonly bodiesToUkraine?: number | null;
  readonly bodiesToRussia?: number | null;
  readonly agreementId?: string;
  readonly mediator?: string;
  readonly location?: string;
  readonly sources?: readonly Source[];
  readonly notes?: string;
  readonly disputed: boolean;
}

export interface NegotiationEvent {
  readonly id: string;
  readonly date: string;
  readonly kind: 'talks' | 'technical_meeting' | 'lists_exchanged' | 'statement' | 'postponed' | 'other';
  readonly title: string;
  readonly venue?: string;
  readonly mediator?: string;
  readonly agreementId?: string;
  readonly outcome?: string;
  readonly sources?: readonly Source[];
}

export type CommittedKey = 'prisonersToUkraine' | 'prisonersToRussia' | 'bodiesToUkraine' | 'bodiesToRussia';

export interface Progress {
  readonly rounds: number;
  readonly stages: readonly number[];
  readonly returnedToUkraine: number;
  readonly returnedToRussia: number;
  readonly roundsUndisclosed: number;
  readonly repatriations: number;
  readonly bodiesToUkraine: number;
  readonly bodiesToRussia: number;
  readonly committed: Record<CommittedKey, number | null>;
  readonly remaining: Record<CommittedKey, number | null>;
  readonly firstHandoverOn: string | null;
  readonly lastHandoverOn: string | null;
}

export interface Commitment {
  readonly kind: 'prisoners' | 'bodies';
  readonly toUkraine?: number | null;
  readonly toRussia?: number | null;
  readonly categories?: readonly string[];
  readonly description?: string;
}

export interface Agreement {
  readonly id: string;
  readonly title: string;
  readonly reachedOn: string;
  readonly venue?: string;
  readonly mediators?: readonly string[];
  readonly status: 'negotiating' | 'agreed' | 'in_progress' | 'fulfilled' | 'stalled' | 'abandoned';
  readonly commitments?: readonly Commitment[];
  readonly sources?: readonly Source[];
  readonly notes?: string;
  readonly progress: Progress;
}

/** The four figures that have ranges. */
export type Figure = 'returnedToUkraine' | 'returnedToRussia' | 'bodiesToUkraine' | 'bodiesToRussia';
export const FIGURES: readonly Figure[] = ['returnedToUkraine', 'returnedToRussia', 'bodiesToUkraine', 'bodiesToRussia'];

export interface Totals {
  readonly rounds: number;
  readonly returnedToUkraine: number;
  readonly returnedToRussia: number;
  readonly civiliansReturnedToUkraine: number;
  readonly civiliansReturnedToRussia: number;
  readonly roundsUndisclosed: number;
  readonly repatriations: number;
  readonly bodiesToUkraine: number;
  readonly bodiesToRussia: number;
  readonly roundsWithoutSplit: number;
  readonly disputed: number;
  readonly ranges: Record<Figure, { readonly low: number; readonly high: number }>;
}

export interface Stats {
  readonly generatedAt: string;
  readonly totals: Totals;
  readonly byYear: readonly (Totals & { readonly year: number })[];
  readonly latest: {
    readonly roundOn: string | null;
    readonly repatriationOn: string | null;
    readonly negotiationOn: string | null;
    readonly daysSinceRound: number | null;
  };
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}
