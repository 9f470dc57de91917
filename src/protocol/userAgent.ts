/**
 * Who made a call, as the call log names an application: its user agent, without the parts that
 * change from call to call (`m/` lists the SDK features one call used, such as a retry), so one
 * client's calls group together; bounded in length, since it comes from the request.
 */
export const MAX_CLIENT_LENGTH = 160;

/**
 * The client of a request from its headers: the SDKs for JavaScript send their name in
 * x-amz-user-agent (a browser keeps User-Agent for itself), in Node the longer form in User-Agent.
 */
export function clientOf(amzUserAgent: string | undefined, userAgent: string | undefined): string | undefined {
  const browser = userAgent?.startsWith('Mozilla/') ?? false;
  const chosen =
    amzUserAgent !== undefined && (userAgent === undefined || browser || amzUserAgent.length >= userAgent.length)
      ? amzUserAgent
      : userAgent;
  if (chosen === undefined) return undefined;
  const kept = chosen
    .slice(0, 1024)
    .split(/\s+/)
    .filter((token) => token !== '' && !token.startsWith('m/'))
    .join(' ');
  if (kept === '') return undefined;
  return kept.length > MAX_CLIENT_LENGTH ? `${kept.slice(0, MAX_CLIENT_LENGTH - 1)}…` : kept;
}
