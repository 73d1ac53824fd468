/** How much a change matters to clients: the three grades every check reports in. */
export type Severity = 'breaking' | 'warning' | 'info';

/** Most severe first: the order changes are listed in. */
export const SEVERITIES: readonly Severity[] = ['breaking', 'warning', 'info'];
