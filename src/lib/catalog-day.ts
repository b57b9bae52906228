/**
 * Today as the build sees it (UTC), for the approval gate's dates: a sign-off dated later does not
 * count yet. One function, so the pages and the snapshot-files integration decide on the same day.
 */
export function buildDay(): string {
  return new Date().toISOString().slice(0, 10);
}
