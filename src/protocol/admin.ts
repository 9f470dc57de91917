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

/** Runs one administration command: `kms:CreateKey` and the rest of KmsAdminInputs, or `kms:ListKeys`. */
export function runAdminCommand(engine: Engine, operation: string, input: Record<string, unknown>): AdminAnswer {
  if (operation === LIST_KEYS) return { status: 200, body: { Keys: engine.kmsKeys() } };
  if (!operation.startsWith(ADMIN_PREFIX)) {
    return {
      status: 400,
      body: { __type: 'UnknownOperationException', message: `${ADMIN_TARGET_PREFIX} has no command ${operation}.` },
    };
  }
  try {
    return { status: 200, body: engine.call(operation, input) ?? {} };
  } catch (error) {
    if (isKinesisError(error))
      return { status: error.httpStatus, body: { __type: error.name, message: error.message } };
    throw error;
  }
}
