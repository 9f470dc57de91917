import { describe, expect, it } from 'vitest';
import { MAX_CLIENT_LENGTH, clientOf } from './userAgent';

describe('clientOf', () => {
  it('should name a Node SDK client by its User-Agent without the per-call feature list', () => {
    expect(
      clientOf(
        'aws-sdk-js/3.1143.0',
        'aws-sdk-js/3.1143.0 ua/2.1 os/linux#6 lang/js md/nodejs#20 api/kinesis#3.1143.0 m/E,N',
      ),
    ).toBe('aws-sdk-js/3.1143.0 ua/2.1 os/linux#6 lang/js md/nodejs#20 api/kinesis#3.1143.0');
  });

  it("should take x-amz-user-agent from a browser, whose User-Agent is the browser's", () => {
    expect(clientOf('shardscope-page', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140')).toBe('shardscope-page');
  });

  it('should bound what a request can make it say', () => {
    expect(clientOf(undefined, 'x'.repeat(5000))!.length).toBe(MAX_CLIENT_LENGTH);
    expect(clientOf(undefined, undefined)).toBeUndefined();
    expect(clientOf(undefined, '   ')).toBeUndefined();
  });
});
