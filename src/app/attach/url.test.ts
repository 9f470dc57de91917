import { describe, expect, it } from 'vitest';
import { addressWith, attachParam, endpointOf } from './url';
import { toWireJson } from './remoteCall';

describe('endpointOf', () => {
  it("should answer an endpoint's origin, relative to the page when it is relative", () => {
    expect(endpointOf(' http://127.0.0.1:4567/some/path ', 'http://localhost:5173/')).toEqual({
      url: 'http://127.0.0.1:4567',
    });
    expect(endpointOf('.', 'http://127.0.0.1:4567/?attach=.')).toEqual({ url: 'http://127.0.0.1:4567' });
  });

  it('should say what is wrong with what is not an http endpoint', () => {
    expect(endpointOf('', 'http://x/')).toMatchObject({ error: expect.stringContaining('Give') });
    expect(endpointOf('javascript:alert(1)', 'http://x/')).toMatchObject({ error: expect.stringContaining('http') });
    expect(endpointOf('http://[::1', 'http://x/')).toMatchObject({ error: expect.stringContaining('not a URL') });
    expect(endpointOf(`http://${'a'.repeat(3000)}`, 'http://x/')).toMatchObject({
      error: expect.stringContaining('long'),
    });
  });
});

describe('the page address', () => {
  it('should set and clear ?attach, keeping the rest', () => {
    const attached = addressWith({ pathname: '/app/', search: '?embed=x' }, 'http://127.0.0.1:4567');
    expect(attached).toBe('/app/?embed=x&attach=http%3A%2F%2F127.0.0.1%3A4567');
    expect(attachParam(attached.slice(attached.indexOf('?')))).toBe('http://127.0.0.1:4567');
    expect(addressWith({ pathname: '/', search: '?attach=http://a' }, undefined)).toBe('/');
  });
});

describe('toWireJson', () => {
  it('should write blobs in base64 and timestamps in epoch seconds, as the SDK sends them', () => {
    expect(
      toWireJson({ Data: new Uint8Array([104, 105]), Timestamp: new Date(1500000000500), Skip: undefined, N: [1] }),
    ).toEqual({ Data: 'aGk=', Timestamp: 1500000000.5, N: [1] });
  });
});
