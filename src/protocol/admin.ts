/**
 * Simulator extras on the wire: the engine's KMS administration (create, alias, disable, enable,
 * schedule deletion, deny Kinesis, throttle, opt out) and a key listing, so that tests run
 * against the local endpoint can make KMS fail the way the real service reacts to. They live
 * under their own target prefix, `ShardscopeAdmin`, which no AWS SDK sends; the real service
 * would answer it with UnknownOperationException. No signature is asked for (curl is enough).
 */
import { ADMIN_PREFIX, isKinesisError, type Engine } from '../engine/index';

export const ADMIN_TARGET_PREFIX = 'ShardscopeAdmin';
export const LIST_KEYS = `${ADMIN_PREFIX}ListKeys`;

export interface AdminAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Runs one administration command: `kms:CreateKey` and the rest of KmsAdminInputs, or `kms:ListKeys`.
 * The input is the request's parsed JSON, which must be an object: a list (or anything else) is
 * refused as the service refuses one where a structure belongs, not read as an empty input.
 */
export function runAdminCommand(engine: Engine, operation: string, input: unknown): AdminAnswer {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      status: 400,
      body: {
        __type: 'SerializationException',
        // The service's serializer spells this member with a capital M.
        Message: `${Array.isArray(input) ? 'Start of list found where not expected' : 'Expected a JSON object'}: ${ADMIN_TARGET_PREFIX}.${operation} takes a JSON object.`,
      },
    };
  }
  if (operation === LIST_KEYS) return { status: 200, body: { Keys: engine.kmsKeys() } };
  if (!operation.startsWith(ADMIN_PREFIX)) {
    return {
      status: 400,
      body: { __type: 'UnknownOperationException', message: `${ADMIN_TARGET_PREFIX} has no command ${operation}.` },
    };
  }
  try {
    return { status: 200, body: engine.call(operation, input as Record<string, unknown>) ?? {} };
  } catch (error) {
    if (isKinesisError(error))
      return { status: error.httpStatus, body: { __type: error.name, message: error.message } };
    throw error;
  }
}
