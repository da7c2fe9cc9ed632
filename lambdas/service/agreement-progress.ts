/** An agreement as answered: its record and its progress, computed from what names it at the time of the read. */
import { ProgressTally, type Progress } from '../domain/progress';
import type { Agreement } from '../domain/agreement';
import { linkedRecords } from '../store/linked';

export type AgreementWithProgress = Agreement & { progress: Progress };

export function progressFrom(agreement: Agreement, linked: Pick<Awaited<ReturnType<typeof linkedRecords>>, 'rounds' | 'repatriations'>): Progress {
  const tally = new ProgressTally();
  for (const round of linked.rounds) tally.addRound(round);
  for (const repatriation of linked.repatriations) tally.addRepatriation(repatriation);
  return tally.result(agreement.commitments);
}

/** One consistent Query per agreement (in parallel for a page): the answer reflects every write before it. */
export async function withProgress(agreements: readonly Agreement[]): Promise<AgreementWithProgress[]> {
  return Promise.all(agreements.map(async (agreement) => ({ ...agreement, progress: progressFrom(agreement, await linkedRecords(agreement.id)) })));
}

/**
 * Before a change of an agreement: its links, read once; the progress then follows from the changed
 * commitments. A PATCH cannot change what names the agreement; a record that names it in the
 * meantime shows in the next read.
 */
export async function progressBeforeUpdate(id: string): Promise<(agreement: Agreement) => AgreementWithProgress> {
  const linked = await linkedRecords(id);
  return (agreement) => ({ ...agreement, progress: progressFrom(agreement, linked) });
}

/** A new agreement: nothing can name it yet, so its progress is its commitments against nothing. */
export const progressOfNew = (agreement: Agreement): AgreementWithProgress => ({
  ...agreement,
  progress: progressFrom(agreement, { rounds: [], repatriations: [] }),
});
