/** Request bodies shaped like the public record (see data/). */
export function completedRound(overrides: Record<string, unknown> = {}) {
  return {
    date: '2025-05-23',
    status: 'completed',
    agreement: 'Istanbul 2025-05-16',
    stage: 1,
    mediator: 'UAE',
    returnedToUkraine: { total: 390, military: 270, civilians: 120 },
    returnedToRussia: { total: 390 },
    categories: ['civilians'],
    sources: [{ url: 'https://www.president.gov.ua/en/news/example', publisher: 'Office of the President' }],
    notes: 'First day of the 1000-for-1000 exchange',
    ...overrides,
  };
}

export function plannedRound(overrides: Record<string, unknown> = {}) {
  return { date: '2025-12-01', status: 'planned', ...overrides };
}
