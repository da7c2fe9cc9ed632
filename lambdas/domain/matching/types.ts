/** The matching's input and output: the shapes `POST /reconciliations` stores per entry. */

export interface CandidatePerson {
  id: string;
  fullName: string;
  dateOfBirth?: string;
  serviceNumber?: string;
  status: string;
  kind: 'military' | 'civilian';
}

export interface ListEntry {
  fullName: string;
  dateOfBirth?: string;
  serviceNumber?: string;
  kind?: 'military' | 'civilian';
}

export type Agreed = 'name' | 'dateOfBirth' | 'serviceNumber';

export interface Candidate {
  personId: string;
  fullName: string;
  /** 0..1, rounded to 3 decimals. */
  score: number;
  agreed: Agreed[];
}

export interface EntryResult {
  outcome: 'matched' | 'possible' | 'unknown';
  /** Non-null only when matched. */
  match: { personId: string; score: number; agreed: Agreed[] } | null;
  /** At most 5, best first; for a match, the others worth a look (may be empty). */
  candidates: Candidate[];
}
