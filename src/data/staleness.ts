/**
 * Whether a site's facts are older than a year. Pure: "today" is passed in (the UI reads the clock,
 * tests pin it), so the same data gives the same flags anywhere.
 */

/** [year, month, day] of an ISO `YYYY-MM` or `YYYY-MM-DD` date; a month-only date counts from its 1st. */
function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y, m, d || 1];
}

/** True when `asOf` is more than `months` months before `today` (both ISO dates). */
export function isOlderThan(asOf: string, today: string, months = 12): boolean {
  const [y, m, d] = parts(asOf);
  const [ty, tm, td] = parts(today);
  const dueMonth = m + months;
  const due: [number, number, number] = [y + Math.floor((dueMonth - 1) / 12), ((dueMonth - 1) % 12) + 1, d];
  const now: [number, number, number] = [ty, tm, td];
  for (let i = 0; i < 3; i++) if (due[i] !== now[i]) return due[i] < now[i];
  return false;
}

/** Today as an ISO date in the user's local calendar (for the UI; pure code takes the string). */
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
