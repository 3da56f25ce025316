/** Text cut to fit: cells of the report table, labels of the pictures. */

/**
 * Cuts `text` to `width` characters (code points), ending it with "…" when it is cut.
 *
 * @example
 * truncate('requester_wait', 10) //=> 'requester…'
 */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return width <= 0 ? '' : `${chars.slice(0, width - 1).join('')}…`;
}
