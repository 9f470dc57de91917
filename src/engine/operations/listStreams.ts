import { invalidArgument } from '../errors';
import { StreamName } from '../schema/common';
import { reportedIn, structure } from '../schema/shapes';
import { BOTH_PROFILES, defineOperation } from './types';

export const listStreams = defineOperation({
  name: 'ListStreams',
  group: 'streams',
  doc: "Lists the account's streams in name order, a page at a time.",
  profiles: BOTH_PROFILES,
  input: (profile) =>
    reportedIn(
      ['Limit', 'ExclusiveStartStreamName'],
      structure({
        Limit: {
          type: 'integer',
          min: 1,
          max: 10000,
          doc: `Most names to return (default ${profile === 'current' ? 100 : 10}).`,
        },
        ExclusiveStartStreamName: { ...StreamName, doc: 'Start after this stream name.' },
        ...(profile === 'current'
          ? { NextToken: { type: 'string' as const, min: 1, doc: 'The token a previous page returned.' } }
          : {}),
      }),
    ),
  run(ctx, input) {
    const names = [...ctx.state.streams.keys()].sort();
    let after = input.ExclusiveStartStreamName;
    if (input.NextToken !== undefined) {
      if (input.ExclusiveStartStreamName !== undefined) {
        throw invalidArgument('NextToken and ExclusiveStartStreamName cannot be provided together.');
      }
      after = decodeToken(input.NextToken);
    }
    const remaining = after === undefined ? names : names.filter((name) => name > after);
    const limit = input.Limit ?? (ctx.options.profile === 'current' ? 100 : 10);
    const page = remaining.slice(0, limit);
    const hasMore = remaining.length > page.length;
    if (ctx.options.profile === '2017-07') return { StreamNames: page, HasMoreStreams: hasMore };
    return {
      StreamNames: page,
      HasMoreStreams: hasMore,
      ...(hasMore ? { NextToken: encodeToken(page[page.length - 1]!) } : {}),
      StreamSummaries: page.map((name) => {
        const stream = ctx.state.streams.get(name)!;
        return {
          StreamName: name,
          StreamARN: stream.arn,
          StreamStatus: stream.status,
          StreamModeDetails: { StreamMode: stream.streamMode },
          StreamCreationTimestamp: new Date(stream.createdAt),
        };
      }),
    };
  },
});

const TOKEN_PREFIX = 'streams:';
const encodeToken = (lastName: string) => TOKEN_PREFIX + lastName;
function decodeToken(token: string): string {
  if (!token.startsWith(TOKEN_PREFIX)) throw invalidArgument('Invalid NextToken.');
  return token.slice(TOKEN_PREFIX.length);
}
