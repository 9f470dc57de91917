/** The endpoint a page attaches to, from `?attach=<url>` or the Settings field. */
export const ATTACH_PARAM = 'attach';

/**
 * The endpoint's origin for what a person typed or a link carried (relative to the page, so the
 * endpoint's own page can say `.`), or an error saying what is wrong.
 */
export function endpointOf(text: string, base: string): { url: string } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Give the endpoint’s URL, such as http://127.0.0.1:4567.' };
  if (trimmed.length > 2048) return { error: 'The endpoint’s URL is too long.' };
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return { error: `“${trimmed.slice(0, 80)}” is not a URL (an endpoint looks like http://127.0.0.1:4567).` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { error: 'The endpoint’s URL must start with http:// or https://.' };
  return { url: url.origin };
}

/** The `?attach=` of a page address, if any. */
export function attachParam(search: string): string | undefined {
  return new URLSearchParams(search).get(ATTACH_PARAM) ?? undefined;
}

/** The page address attached to `endpoint` (or detached, when undefined), keeping the rest. */
export function addressWith(location: { pathname: string; search: string }, endpoint: string | undefined): string {
  const params = new URLSearchParams(location.search);
  if (endpoint === undefined) params.delete(ATTACH_PARAM);
  else params.set(ATTACH_PARAM, endpoint);
  const search = params.toString();
  return `${location.pathname}${search === '' ? '' : `?${search}`}`;
}
