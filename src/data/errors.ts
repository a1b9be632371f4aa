/**
 * A problem found in a bundled data file, located precisely enough to fix it by hand:
 * the file, the feature (or region) and the dotted field path.
 */
export interface DataError {
  /** Repository-relative file name, e.g. "data/sites.geojson". */
  file: string;
  /** The item's id when it has a readable one, else its zero-based index in the file; null for the whole file. */
  feature: string | number | null;
  /** What the file calls its items: GeoJSON features or regions. */
  item: 'feature' | 'region';
  /** Dotted path inside the item (or the file when `feature` is null), e.g. "properties.gridMW". */
  field: string;
  /** Plain words: what was expected and what was found. */
  message: string;
}

/**
 * One readable line:
 * `data/sites.geojson › feature "riot-rockdale" › properties.gridMW: must be a number, not the text "abc"`.
 */
export function formatDataError(e: DataError): string {
  const parts = [e.file];
  if (e.feature !== null) parts.push(typeof e.feature === 'number' ? `${e.item} at index ${e.feature}` : `${e.item} ${JSON.stringify(e.feature)}`);
  if (e.field) parts.push(e.field);
  return `${parts.join(' › ')}: ${e.message}`;
}
