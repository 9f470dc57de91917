/**
 * The few host APIs the engine may use: present alike in browsers and in Node, and declared here
 * (rather than through the DOM or Node type libraries) so that anything else is a type error.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare function structuredClone<T>(value: T): T;
interface ErrorConstructor {
  /** V8's (browsers and Node alike): how many frames a new Error captures. */
  stackTraceLimit: number;
}
