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

/** A person held by Russia, with every optional field that a status other than `exchanged` allows. */
export function person(overrides: Record<string, unknown> = {}) {
  return {
    fullName: "Олександр Мар'яненко",
    dateOfBirth: '1994-03-17',
    side: 'ukraine',
    kind: 'military',
    status: 'held',
    capturedOn: '2022-05-20',
    categories: ['held_since_2022'],
    rank: 'Sergeant',
    unit: '36th Marine Brigade',
    serviceNumber: 'UA-123456',
    notes: 'Captured in Mariupol',
    ...overrides,
  };
}

/** A handover of bodies with both figures and every optional field. */
export function repatriation(overrides: Record<string, unknown> = {}) {
  return {
    date: '2025-06-11',
    bodiesToUkraine: 1212,
    bodiesToRussia: 27,
    mediator: 'ICRC',
    location: 'Belarus–Ukraine border',
    sources: [{ url: 'https://koordshtab.gov.ua/news/example', publisher: 'Coordination HQ' }],
    notes: 'Istanbul agreement, humanitarian track',
    ...overrides,
  };
}

/** The 23 July 2025 Istanbul agreement: a numbered commitment each way, and one with no number. */
export function agreement(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Istanbul, 23 July 2025: at least 1,200 for 1,200',
    reachedOn: '2025-07-23',
    venue: 'Istanbul',
    mediators: ['Türkiye'],
    status: 'in_progress',
    commitments: [
      { kind: 'prisoners', toUkraine: 1200, toRussia: 1200, description: 'at least 1,200 each' },
      { kind: 'bodies', toUkraine: 3000, description: 'Russia offered 3,000 more bodies' },
      { kind: 'prisoners', categories: ['severely_wounded'], description: 'all the severely wounded' },
    ],
    sources: [{ url: 'https://www.pravda.com.ua/eng/news/2025/07/24/7523165/', publisher: 'Ukrainska Pravda', side: 'independent' }],
    ...overrides,
  };
}

export function negotiationEvent(overrides: Record<string, unknown> = {}) {
  return {
    date: '2025-08-06',
    kind: 'statement',
    title: 'Medinsky: the third exchange has not started',
    outcome: "Russia's negotiator said Kyiv refused to take back 1,000 of its prisoners",
    sources: [{ url: 'https://sputnikglobe.com/20250806/example.html', publisher: 'Sputnik', side: 'russia' }],
    ...overrides,
  };
}

/** A counterpart's list of Ukrainians it holds: one name it shares with person(), one near miss, one stranger. */
export function reconciliationList(overrides: Record<string, unknown> = {}) {
  return {
    title: 'List handed over on 2025-06-07',
    receivedFrom: 'russia',
    receivedOn: '2025-06-07',
    listOf: 'ukraine',
    entries: [
      { ref: '1', fullName: 'Aleksandr Maryanenko', dateOfBirth: '1994-03-17' },
      { ref: '2', fullName: 'Petrenko Ivan', dateOfBirth: '1971-02-02' },
      { ref: '3', fullName: 'John Smith' },
    ],
    ...overrides,
  };
}
