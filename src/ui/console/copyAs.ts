/** "Copy as": one request as an AWS CLI command, an AWS SDK for JavaScript v3 snippet, or boto3. */
import type { Shape, StructureShape } from '../../engine';
import { toWire } from './wire';

export type CopyTarget = 'cli' | 'sdk-js' | 'boto3';

const kebab = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
const snake = (name: string) => kebab(name).replace(/-/g, '_');

/** POSIX shell quoting: single quotes, with embedded single quotes closed and escaped. */
export const shellQuote = (text: string): string =>
  /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;

export function asCli(operation: string, shape: StructureShape, wire: Record<string, unknown>, region: string): string {
  const parts = [`aws kinesis ${kebab(operation)}`];
  for (const [name, value] of Object.entries(wire)) {
    if (value === undefined) continue;
    const member = shape.members[name];
    const flag = `--${kebab(name)}`;
    if (typeof value === 'boolean') parts.push(value ? flag : `--no-${kebab(name)}`);
    else if (typeof value === 'string' || typeof value === 'number') parts.push(`${flag} ${shellQuote(String(value))}`);
    else if (member?.type === 'list' && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      parts.push(`${flag} ${(value as string[]).map(shellQuote).join(' ')}`);
    } else parts.push(`${flag} ${shellQuote(JSON.stringify(value))}`);
  }
  parts.push(`--region ${region}`);
  // Blobs travel as base64 on the command line (the CLI v2 default is base64 for blob parameters).
  if (hasBlob(shape)) parts.push('--cli-binary-format base64');
  return parts.join(' \\\n  ');
}

function hasBlob(shape: Shape): boolean {
  switch (shape.type) {
    case 'blob':
      return true;
    case 'list':
      return hasBlob(shape.member);
    case 'map':
      return hasBlob(shape.value);
    case 'structure':
      return Object.values(shape.members).some(hasBlob);
    default:
      return false;
  }
}

/** Renders a wire value as source code in JavaScript or Python, guided by the shape. */
function literal(shape: Shape | undefined, value: unknown, lang: 'js' | 'py', indent: string): string {
  const next = indent + '  ';
  if (value === null || value === undefined) return lang === 'js' ? 'undefined' : 'None';
  if (shape?.type === 'blob' && typeof value === 'string') {
    return lang === 'js'
      ? `Buffer.from(${JSON.stringify(value)}, "base64")`
      : `base64.b64decode(${JSON.stringify(value)})`;
  }
  if (shape?.type === 'timestamp' && typeof value === 'number') {
    return lang === 'js'
      ? `new Date(${JSON.stringify(new Date(value * 1000).toISOString())})`
      : `datetime.fromtimestamp(${value}, tz=timezone.utc)`;
  }
  if (typeof value === 'boolean') return lang === 'js' ? String(value) : value ? 'True' : 'False';
  if (typeof value === 'string' || typeof value === 'number') return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const member = shape?.type === 'list' ? shape.member : undefined;
    return `[\n${value.map((v) => next + literal(member, v, lang, next)).join(',\n')},\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const memberOf = (key: string): Shape | undefined =>
      shape?.type === 'structure' ? shape.members[key] : shape?.type === 'map' ? shape.value : undefined;
    const key = (k: string) => (lang === 'js' && /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
    return `{\n${entries.map(([k, v]) => `${next}${key(k)}: ${literal(memberOf(k), v, lang, next)}`).join(',\n')},\n${indent}}`;
  }
  return JSON.stringify(value);
}

export function asSdkJs(
  operation: string,
  shape: StructureShape,
  wire: Record<string, unknown>,
  region: string,
): string {
  return [
    `import { KinesisClient, ${operation}Command } from "@aws-sdk/client-kinesis";`,
    '',
    `const client = new KinesisClient({ region: ${JSON.stringify(region)} });`,
    `const response = await client.send(new ${operation}Command(${literal(shape, wire, 'js', '')}));`,
    'console.log(response);',
  ].join('\n');
}

export function asBoto3(
  operation: string,
  shape: StructureShape,
  wire: Record<string, unknown>,
  region: string,
): string {
  const args = Object.entries(wire)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `    ${k}=${literal(shape.members[k], v, 'py', '    ')},`);
  const imports = ['import boto3'];
  if (hasBlob(shape)) imports.unshift('import base64');
  if (Object.values(shape.members).some((m) => m.type === 'timestamp'))
    imports.unshift('from datetime import datetime, timezone');
  return [
    ...imports,
    '',
    `client = boto3.client("kinesis", region_name=${JSON.stringify(region)})`,
    args.length
      ? `response = client.${snake(operation)}(\n${args.join('\n')}\n)`
      : `response = client.${snake(operation)}()`,
    'print(response)',
  ].join('\n');
}

export function copyAs(
  target: CopyTarget,
  operation: string,
  shape: StructureShape,
  input: unknown,
  region: string,
): string {
  const wire = toWire(input);
  const record =
    wire !== null && typeof wire === 'object' && !Array.isArray(wire) ? (wire as Record<string, unknown>) : {};
  switch (target) {
    case 'cli':
      return asCli(operation, shape, record, region);
    case 'sdk-js':
      return asSdkJs(operation, shape, record, region);
    case 'boto3':
      return asBoto3(operation, shape, record, region);
  }
}
