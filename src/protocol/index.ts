// The protocol layer's public face: the JSON 1.1 and CBOR 1.1 wire formats over the engine, and
// the in-page SDK request handler (which imports SDK types only, so it is free to load eagerly).
export {
  AMZ_CBOR,
  AMZ_JSON,
  MAX_REQUEST_BYTES,
  TARGET_PREFIX,
  handleKinesisRequest,
  maxRequestBytes,
  requestFormat,
} from './wire';
export { CBOR_FORMAT, jsonFormat, mediaType } from './format';
export type { WireFormat } from './format';
export { MalformedCborError, decodeCbor, encodeCbor } from './cbor';
export { ADMIN_TARGET_PREFIX } from './admin';
export type { HeaderValue, ProtocolOptions, WireRequest, WireResponse } from './wire';
export { epochSeconds, toWire } from './codec';
export type { Base64Decoder, Base64Encoder } from './codec';
export { ShardscopeRequestHandler, shardscopeClientConfig, toHttpResponse } from './sdkHandler';
export type { ShardscopeClientConfig } from './sdkHandler';
export {
  EVENT_STREAM,
  SUBSCRIBE_TO_SHARD,
  eventFrame,
  firstEventFrame,
  initialResponseFrame,
  subscribeEventFrame,
} from './eventStream';
export { followSubscription, type SubscriptionFollower } from './subscriptionFollower';
